#!/usr/bin/env bash
# Build the offline stand-in for postgres:16-alpine: Debian bookworm's PostgreSQL 15 (labelled
# as such) on a debootstrapped root filesystem, with an entrypoint that behaves like the real
# image's (POSTGRES_USER / POSTGRES_PASSWORD / POSTGRES_DB, initdb on first start only, listens
# on 0.0.0.0:5432 with scram-sha-256 passwords for network clients, runs as postgres, stops
# cleanly). Usage: postgres.sh [REF]   (default postgres:16-alpine)
source "$(dirname "${BASH_SOURCE[0]}")/_common.sh"

revision=1
stand_in_begin "${1:-postgres:16-alpine}" postgres "$revision"
ref=$stand_in_ref root=$stand_in_root

# The installed packages are cached; the files of this folder are laid in on every build.
cached_debian_rootfs "$root" postgresql-15 gosu netbase
install -m 0755 "$images_dir/files/postgres-entrypoint.sh" "$root/usr/local/bin/docker-entrypoint.sh"
mkdir -p "$root/docker-entrypoint-initdb.d" "$root/var/lib/postgresql/data" "$root/var/run/postgresql"
chroot "$root" chown -R postgres:postgres /var/lib/postgresql /var/run/postgresql
chmod 0700 "$root/var/lib/postgresql/data"
chmod 3777 "$root/var/run/postgresql"

version=$(chroot "$root" /usr/lib/postgresql/15/bin/postgres --version | awk '{ print $3 }')
import_rootfs "$root" "$ref" "$revision" \
  'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/usr/lib/postgresql/15/bin' \
  'ENV LANG=C.UTF-8' \
  'ENV PG_MAJOR=15' \
  "ENV PG_VERSION=$version" \
  'ENV PGDATA=/var/lib/postgresql/data' \
  'VOLUME /var/lib/postgresql/data' \
  'ENTRYPOINT ["docker-entrypoint.sh"]' \
  'STOPSIGNAL SIGINT' \
  'EXPOSE 5432' \
  'CMD ["postgres"]' \
  "LABEL run-lesson.stand-in.postgresql-version=\"$version\"" \
  "LABEL run-lesson.stand-in.note=\"PostgreSQL $version (major 15, not 16) from Debian bookworm, not Alpine\""
stand_in_done
