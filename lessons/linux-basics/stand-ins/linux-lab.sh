#!/usr/bin/env bash
# Build the image the linux-basics lesson runs in: Debian bookworm (minbase, so passwd, login,
# findutils and dpkg are there) with python3, procps (ps, pgrep), iproute2 (ss) and curl. It
# stays up doing nothing (sleep infinity), so that the lesson's shell can be opened inside it;
# nothing in it is a stand-in for a registry image, it is the lesson's own lab machine.
# Usage: linux-lab.sh [REF]   (default linux-basics-lab:bookworm)
set -euo pipefail
source "$RUN_LESSON_IMAGES/_common.sh"

revision=1
stand_in_begin "${1:-linux-basics-lab:bookworm}" linux-basics-lab "$revision"
ref=$stand_in_ref root=$stand_in_root

cached_debian_rootfs "$root" python3 procps iproute2 curl ca-certificates
in_chroot "$root" python3 -c 'import http.server'
in_chroot "$root" ss --version
in_chroot "$root" dpkg-deb --version

import_rootfs "$root" "$ref" "$revision" \
  'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  'ENV LANG=C.UTF-8' \
  'WORKDIR /root' \
  'CMD ["sleep", "infinity"]' \
  'LABEL run-lesson.stand-in.note="the linux-basics lab machine: Debian bookworm minbase, python3, procps, iproute2, curl"'
stand_in_done
