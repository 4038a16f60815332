# Root filesystems the stand-ins start from (sourced by _common.sh, not run): a busybox one
# shaped like Alpine's, and a Debian bookworm minbase made by debootstrap and cached, plus a
# chroot helper that installs packages into a copy of it.
# shellcheck shell=bash disable=SC2154 # cache_root and log_file come from _common.sh

debian_suite=bookworm

# Fill ROOT with busybox-static, every applet linked where `busybox --list-full` puts it (/bin,
# /sbin, /usr/bin, /usr/sbin), and a minimal /etc, /tmp and /root. Usage: busybox_rootfs ROOT NOTE
busybox_rootfs() {
  local root=$1 note=$2 applet
  ensure_host_packages busybox-static
  mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,usr/local/bin,etc,root,tmp,var/tmp,home,run,proc,sys,dev}
  install -m 0755 /bin/busybox "$root/bin/busybox"
  for applet in $("$root/bin/busybox" --list-full); do
    [ "$applet" = bin/busybox ] || ln -sfn /bin/busybox "$root/$applet"
  done
  chmod 1777 "$root/tmp" "$root/var/tmp"
  chmod 0700 "$root/root"
  printf '%s\n' 'root:x:0:0:root:/root:/bin/sh' 'nobody:x:65534:65534:nobody:/:/sbin/nologin' \
    >"$root/etc/passwd"
  printf '%s\n' 'root:x:0:root' 'nogroup:x:65534:' >"$root/etc/group"
  printf '%s\n' 'root:*::0:::::' 'nobody:!::0:::::' >"$root/etc/shadow"
  chmod 0640 "$root/etc/shadow"
  printf '%s\n' /bin/sh /bin/ash >"$root/etc/shells"
  # glibc binaries copied in (redis-cli, curl) resolve names through these.
  printf '%s\n' 'hosts: files dns' 'networks: files' >"$root/etc/nsswitch.conf"
  printf 'NAME="run-lesson stand-in"\nID=run-lesson-stand-in\nPRETTY_NAME="%s"\n' "$note" \
    >"$root/etc/os-release"
}

# Print the Debian mirror URI this host's apt uses for SUITE (default bookworm), from
# sources.list and deb822 .sources files; deb.debian.org when none names it.
# Usage: debian_mirror [SUITE]
debian_mirror() {
  local suite=${1:-$debian_suite} uri
  uri=$(
    {
      { cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null || true; } |
        awk -v s="$suite" '$1 == "deb" { i = 2; if ($2 ~ /^\[/) { while ($i !~ /\]$/) i++; i++ }
          if ($(i + 1) == s) print $i }'
      for f in /etc/apt/sources.list.d/*.sources; do
        [ -f "$f" ] || continue
        awk -v s="$suite" 'BEGIN { RS = ""; FS = "\n" } {
          uris = ""; hit = 0
          for (j = 1; j <= NF; j++) {
            if ($j ~ /^URIs:/) { uris = $j; sub(/^URIs:[ \t]*/, "", uris) }
            if ($j ~ /^Suites:/) { n = split($j, w, /[ \t]+/); for (k = 2; k <= n; k++) if (w[k] == s) hit = 1 }
          }
          if (hit && uris != "") { split(uris, u, /[ \t]+/); print u[1] } }' "$f"
      done
    } | head -n 1 || true
  )
  if [ -n "$uri" ]; then echo "${uri%/}"; elif [ "$suite" = "$debian_suite-security" ]; then
    echo http://deb.debian.org/debian-security
  else echo http://deb.debian.org/debian; fi
}

# Make (once, then reuse) a Debian minbase root filesystem with debootstrap, and print its path.
# Downloaded packages stay in the cache for the next run.
debian_base() {
  local dir="$cache_root/debian-base" mirror security
  (
    flock 8
    if [ ! -f "$dir/.complete" ]; then
      ensure_host_packages debootstrap
      remove_tree "$dir/rootfs"
      mkdir -p "$dir/rootfs" "$cache_root/debs"
      mirror=$(debian_mirror)
      security=$(debian_mirror "$debian_suite-security")
      log "debootstrap --variant=minbase $debian_suite from $mirror"
      debootstrap --variant=minbase --cache-dir="$cache_root/debs" \
        "$debian_suite" "$dir/rootfs" "$mirror" >>"$log_file" 2>&1
      {
        echo "deb $mirror $debian_suite main"
        echo "deb $mirror $debian_suite-updates main"
        echo "deb $security $debian_suite-security main"
      } >"$dir/rootfs/etc/apt/sources.list"
      # A throwaway tree: dpkg need not fsync every file it writes.
      echo force-unsafe-io >"$dir/rootfs/etc/dpkg/dpkg.cfg.d/run-lesson-unsafe-io"
      # Services never start while we install into the tree.
      printf '#!/bin/sh\nexit 101\n' >"$dir/rootfs/usr/sbin/policy-rc.d"
      chmod 0755 "$dir/rootfs/usr/sbin/policy-rc.d"
      touch "$dir/.complete"
      log "debootstrap done"
    fi
  ) 8>"$cache_root/locks/debian-base.lock" >&2
  echo "$dir/rootfs"
}

# Run a command inside ROOT with /proc mounted and the host's resolver, then unmount. Only /proc
# is mounted (device nodes are made, not bind-mounted) so that removing a tree left by an
# interrupted run can never reach the host's /dev or /sys. Usage: in_chroot ROOT CMD...
in_chroot() {
  local root=$1 code=0 node name major minor
  shift
  for node in null:1:3 zero:1:5 full:1:7 random:1:8 urandom:1:9 tty:5:0; do
    IFS=: read -r name major minor <<<"$node"
    [ -e "$root/dev/$name" ] || { mknod -m 0666 "$root/dev/$name" c "$major" "$minor"; }
  done
  mount -t proc proc "$root/proc"
  cp -L /etc/resolv.conf "$root/etc/resolv.conf"
  env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 \
    DEBIAN_FRONTEND=noninteractive chroot "$root" "$@" >>"$log_file" 2>&1 || code=$?
  umount "$root/proc" || umount -l "$root/proc"
  : >"$root/etc/resolv.conf"
  return "$code"
}

# Remove a tree made here, first unmounting anything a killed run left mounted inside it.
# Usage: remove_tree DIR
remove_tree() {
  local dir=$1 m
  [ -e "$dir" ] || return 0
  while read -r m; do
    umount "$m" || umount -l "$m"
  done < <(awk -v d="$dir/" 'index($2, d) == 1 { print $2 }' /proc/mounts | sort -r)
  rm -rf --one-file-system "$dir"
}

# Make ROOT a copy of the Debian base and install PKGS into it with apt (no recommends), then
# drop apt's lists and the documentation. Usage: debian_rootfs ROOT PKG...
debian_rootfs() {
  local root=$1 base
  shift
  base=$(debian_base)
  remove_tree "$root"
  mkdir -p "$(dirname "$root")"
  cp -a "$base" "$root"
  # Packages that would make a PostgreSQL cluster at install time leave that to the entrypoint.
  mkdir -p "$root/etc/postgresql-common/createcluster.d"
  echo 'create_main_cluster = false' >"$root/etc/postgresql-common/createcluster.d/run-lesson.conf"
  log "apt-get install in $root: $*"
  in_chroot "$root" apt-get -q update
  # Downloads are kept in the cache (hard links where possible) for the next build.
  local archives="$root/var/cache/apt/archives"
  find "$cache_root/debs" -maxdepth 1 -name '*.deb' -exec cp -nl -t "$archives" {} + 2>/dev/null ||
    find "$cache_root/debs" -maxdepth 1 -name '*.deb' -exec cp -n -t "$archives" {} +
  in_chroot "$root" apt-get -y -q --no-install-recommends install "$@"
  find "$archives" -maxdepth 1 -name '*.deb' -exec cp -nl -t "$cache_root/debs" {} + 2>/dev/null ||
    find "$archives" -maxdepth 1 -name '*.deb' -exec cp -n -t "$cache_root/debs" {} +
  in_chroot "$root" apt-get clean
  log "installed"
  rm -rf "$root"/var/lib/apt/lists/* "$root"/usr/share/doc/* "$root"/usr/share/man/* \
    "$root"/usr/share/info/* "$root"/var/cache/debconf/*-old "$root"/var/log/*.log
}

# debian_rootfs once: a ROOT finished earlier (marked ROOT.complete) is kept, so that the installed
# packages are cached and only what a script lays in afterwards changes between builds.
# Usage: cached_debian_rootfs ROOT PKG...
cached_debian_rootfs() {
  local root=$1
  [ -f "$root.complete" ] && return 0
  debian_rootfs "$@"
  touch "$root.complete"
}
