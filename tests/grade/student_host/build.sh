#!/usr/bin/env bash
# Build the image of a simulated student host for the grading tests: Debian bookworm with its own
# Docker engine (docker.io, started with the vfs storage driver) behind its own OpenSSH server.
# Idempotent: prints "present" when the current revision exists.
# Usage: build.sh [REF]   (default run-lesson-test/student-host)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../../lib/prepare/images/_common.sh"
source "$images_dir/_rootfs.sh"
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

revision=2
ref=${1:-run-lesson-test/student-host}
stand_in_begin "$ref" student-host "$revision"

root="$cache_root/student-host/rev$revision/rootfs"
cached_debian_rootfs "$root" docker.io openssh-server iptables iproute2 procps ca-certificates curl
# The inner engine uses the legacy iptables, which needs nothing from the host's nf_tables.
in_chroot "$root" update-alternatives --set iptables /usr/sbin/iptables-legacy
in_chroot "$root" update-alternatives --set ip6tables /usr/sbin/ip6tables-legacy
install -m 0755 "$here/entrypoint.sh" "$root/usr/local/bin/student-host"
rm -f "$root"/etc/ssh/ssh_host_*
in_chroot "$root" dockerd --version

import_rootfs "$root" "$ref" "$revision" \
  'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  'ENTRYPOINT ["/usr/local/bin/student-host"]' \
  'LABEL run-lesson.stand-in.note="a simulated student host: Debian bookworm, docker.io and sshd"'
stand_in_done
