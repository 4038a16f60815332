#!/usr/bin/env bash
# Build the image of a simulated student host for the linux-basics lesson: Debian bookworm with
# what the lesson uses (python3, procps, iproute2, curl; passwd, findutils and dpkg come with
# minbase) behind its own OpenSSH server, and no Docker engine: lighter than student_host/.
# Idempotent: prints "present" when the current revision exists.
# Usage: build.sh [REF]   (default run-lesson-test/linux-host)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../../lib/prepare/images/_common.sh"
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

revision=1
stand_in_begin "${1:-run-lesson-test/linux-host}" linux-host "$revision"
ref=$stand_in_ref root=$stand_in_root

cached_debian_rootfs "$root" openssh-server python3 procps iproute2 curl ca-certificates
install -m 0755 "$here/entrypoint.sh" "$root/usr/local/bin/linux-host"
rm -f "$root"/etc/ssh/ssh_host_*
in_chroot "$root" python3 -c 'import http.server'
in_chroot "$root" ss --version

import_rootfs "$root" "$ref" "$revision" \
  'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  'ENV LANG=C.UTF-8' \
  'ENTRYPOINT ["/usr/local/bin/linux-host"]' \
  'LABEL run-lesson.stand-in.note="a simulated student host for linux-basics: Debian bookworm and sshd, no engine"'
stand_in_done
