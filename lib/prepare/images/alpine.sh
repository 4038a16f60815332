#!/usr/bin/env bash
# Build the offline stand-in for alpine:latest: busybox-static with every applet linked (sh,
# ping, nslookup, wget, sleep, ...), plus what `apk add redis` and `apk add curl` would bring
# (redis-cli, redis-server and curl copied from Debian with their shared libraries). There is no
# apk: installing from the internet must be skipped (--offline), not faked.
# Usage: alpine.sh [REF]   (default alpine:latest)
source "$(dirname "${BASH_SOURCE[0]}")/_common.sh"

revision=2
stand_in_begin "${1:-alpine:latest}" alpine "$revision"
ref=$stand_in_ref root=$stand_in_root

ensure_host_packages redis-tools curl
remove_tree "$root"
busybox_rootfs "$root" "busybox stand-in for $ref (run-lesson)"
install_binary "$root" /usr/bin/redis-cli
install_binary "$root" /usr/bin/redis-check-rdb /usr/bin/redis-server
install_binary "$root" /usr/bin/curl
verify_binary "$root" /usr/bin/redis-cli --version
verify_binary "$root" /usr/bin/redis-server --version
verify_binary "$root" /usr/bin/curl --version
chroot "$root" /bin/sh -c "command -v ping nslookup wget sleep" >>"$log_file"

import_rootfs "$root" "$ref" "$revision" \
  'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  'CMD ["/bin/sh"]' \
  'LABEL run-lesson.stand-in.carries="busybox redis curl"' \
  'LABEL run-lesson.stand-in.note="busybox 1.35 from Debian bookworm, not Alpine; no apk"'
stand_in_done
