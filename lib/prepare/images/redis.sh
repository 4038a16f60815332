#!/usr/bin/env bash
# Build the offline stand-in for redis:7-alpine: Debian's redis 7 server and client, with their
# shared libraries, on a busybox root filesystem; listens on 6379 on every interface with
# protected mode off, data in /data, running as the redis user, like the real image.
# Usage: redis.sh [REF]   (default redis:7-alpine)
source "$(dirname "${BASH_SOURCE[0]}")/_common.sh"

revision=1
stand_in_begin "${1:-redis:7-alpine}" redis "$revision"
ref=$stand_in_ref root=$stand_in_root

ensure_host_packages redis-tools
remove_tree "$root"
busybox_rootfs "$root" "redis stand-in for $ref (run-lesson)"
echo 'redis:x:999:1000:redis:/data:/sbin/nologin' >>"$root/etc/passwd"
echo 'redis:x:1000:redis' >>"$root/etc/group"
echo 'redis:!::0:::::' >>"$root/etc/shadow"
# In Debian the server and the rdb/aof checkers are one binary that acts on its name.
install_binary "$root" /usr/bin/redis-check-rdb /usr/local/bin/redis-server
for name in redis-check-rdb redis-check-aof redis-sentinel; do
  ln -s redis-server "$root/usr/local/bin/$name"
done
install_binary "$root" /usr/bin/redis-cli /usr/local/bin/redis-cli
install_binary "$root" /usr/bin/redis-benchmark /usr/local/bin/redis-benchmark
install -m 0755 "$images_dir/files/redis-entrypoint.sh" "$root/usr/local/bin/docker-entrypoint.sh"
install -d -m 0755 -o 999 -g 1000 "$root/data"
verify_binary "$root" /usr/local/bin/redis-server --version
verify_binary "$root" /usr/local/bin/redis-cli --version
verify_binary "$root" /usr/local/bin/redis-benchmark

version=$(chroot "$root" /usr/local/bin/redis-server --version | sed -n 's/.* v=\([0-9.]*\).*/\1/p')
import_rootfs "$root" "$ref" "$revision" \
  'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  'WORKDIR /data' \
  'VOLUME /data' \
  'EXPOSE 6379' \
  'ENTRYPOINT ["docker-entrypoint.sh"]' \
  'CMD ["redis-server"]' \
  "LABEL run-lesson.stand-in.note=\"redis $version from Debian bookworm on busybox, not Alpine\""
stand_in_done
