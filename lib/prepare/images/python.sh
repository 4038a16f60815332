#!/usr/bin/env bash
# Build the offline stand-in for python:3.12-alpine: Debian bookworm's python3 (3.11) with
# fastapi, uvicorn, psycopg2 and redis from Debian, curl, and `python` and `uvicorn` commands.
# There is no pip: a step that installs from the internet must be skipped (--offline), not faked.
# Usage: python.sh [REF]   (default python:3.12-alpine)
source "$(dirname "${BASH_SOURCE[0]}")/_common.sh"

revision=2
stand_in_begin "${1:-python:3.12-alpine}" python "$revision"
ref=$stand_in_ref root=$stand_in_root

# The installed packages are cached; the files of this folder are laid in on every build.
cached_debian_rootfs "$root" python3 python3-fastapi python3-uvicorn python3-psycopg2 python3-redis \
  curl ca-certificates netbase
bin="$root/usr/local/bin"
ln -sfn /usr/bin/python3 "$bin/python"
printf '%s\n' '#!/bin/sh' '# Debian ships uvicorn as a module only.' 'exec python3 -m uvicorn "$@"' \
  >"$bin/uvicorn"
chmod 0755 "$bin/uvicorn"
in_chroot "$root" python3 -c 'import fastapi, uvicorn, psycopg2, redis'
in_chroot "$root" /usr/local/bin/uvicorn --version

versions=$(chroot "$root" python3 -c 'import sys, fastapi, uvicorn, psycopg2, redis
print("python %d.%d.%d," % sys.version_info[:3], "fastapi", fastapi.__version__ + ",",
      "uvicorn", uvicorn.__version__ + ",", "psycopg2", psycopg2.__version__.split()[0] + ",",
      "redis", redis.__version__)')
import_rootfs "$root" "$ref" "$revision" \
  'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  'ENV LANG=C.UTF-8' \
  'CMD ["python3"]' \
  'LABEL run-lesson.stand-in.carries="fastapi uvicorn psycopg2 redis"' \
  "LABEL run-lesson.stand-in.note=\"Debian bookworm, not Alpine: $versions; pip and uv are offline stubs\""
stand_in_done
