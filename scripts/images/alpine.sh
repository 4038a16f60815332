#!/usr/bin/env bash
# Build the offline stand-in for alpine:latest: busybox-static with every applet linked (sh,
# ping, nslookup, wget, sleep, ...), plus what `apk add redis` and `apk add curl` would bring
# (redis-cli, redis-server and curl copied from Debian with their shared libraries), and an `apk`
# that reports those as installed. Usage: alpine.sh [REF]   (default alpine:latest)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/_common.sh"
source "$images_dir/_rootfs.sh"

revision=1
ref=${1:-alpine:latest}
stand_in_begin "$ref" alpine "$revision"

ensure_host_packages busybox-static redis-tools curl
root="$cache_root/alpine/rootfs"
remove_tree "$root"
busybox_rootfs "$root" "busybox stand-in for $ref (run-lesson)"
install_binary "$root" /usr/bin/redis-cli
install_binary "$root" /usr/bin/redis-check-rdb /usr/bin/redis-server
install_binary "$root" /usr/bin/curl
install -m 0755 "$images_dir/files/apk" "$root/sbin/apk"
verify_binary "$root" /usr/bin/redis-cli --version
verify_binary "$root" /usr/bin/redis-server --version
verify_binary "$root" /usr/bin/curl --version
chroot "$root" /bin/sh -c "command -v ping nslookup wget sleep apk" >>"$log_file"

import_rootfs "$root" "$ref" "$revision" \
  'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  'CMD ["/bin/sh"]' \
  'LABEL run-lesson.stand-in.carries="busybox redis curl"' \
  'LABEL run-lesson.stand-in.note="busybox 1.35 from Debian bookworm, not Alpine; apk is a stub"'
stand_in_done
