# Shared by the stand-in image scripts (sourced, not run): cache and log locations, the
# image-state check, host package installs, copying binaries with their shared libraries, and the
# import that labels every stand-in.
#
# Protocol of every image script: build details go to a log file under the cache; stdout gets one
# line per image, "REF: present (0.1 s)" or "REF: built stand-in (63.2 s)"; a failure prints
# "REF: failed after N s: ..." and the log's tail to stderr and exits non-zero.
#
# With RUN_LESSON_IMPORT_BY_CALLER=1 (how lib/prepare/ runs them) a script never talks to an
# engine itself: the caller has checked the image, and the import is asked of the caller, which
# streams the root filesystem to its own engine (local, or remote over SSH). The request is
# "@ref REF", "@rootfs DIR", "@change INSTR"..., "@config INSTR"..., "@message TEXT", then a
# bare "@import" line on stdout; the caller answers "ok" (or "failed: why") on stdin. Without
# it, the docker CLI imports into the engine it points at.

set -euo pipefail
# shellcheck disable=SC2034 # used by the scripts that source this file
images_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=_rootfs.sh
source "$images_dir/_rootfs.sh"
cache_root="${RUN_LESSON_CACHE:-/var/cache/run-lesson}"
mkdir -p "$cache_root/logs" "$cache_root/locks"

started_at=$EPOCHREALTIME
stand_in_ref=""
stand_in_root=""
replaced_id=""
log_file=/dev/null

# Seconds since the script started, one decimal.
elapsed() {
  awk -v a="$started_at" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'
}

# Append a line to the build log.
log() {
  printf '%s %s\n' "$(date +%T)" "$*" >>"$log_file"
}

# Print the image's state: absent, current (a stand-in of this revision), outdated (an older
# stand-in) or real (an image that is not a stand-in, e.g. a pulled one).
# Usage: image_state REF REVISION
image_state() {
  local labels
  labels=$(docker image inspect --format \
    '{{index .Config.Labels "run-lesson.stand-in"}}|{{index .Config.Labels "run-lesson.stand-in.revision"}}' \
    "$1" 2>/dev/null) || {
    echo absent
    return
  }
  case "$labels" in
    "true|$2") echo current ;;
    true\|*) echo outdated ;;
    *) echo real ;;
  esac
}

# Print "present" and exit when the image is a current stand-in or a real image (only when
# this script talks to the engine itself). Usage: _present_exit REVISION
_present_exit() {
  [ -z "${RUN_LESSON_IMPORT_BY_CALLER:-}" ] || return 0
  case "$(image_state "$stand_in_ref" "$1")" in
    current | real)
      echo "$stand_in_ref: present ($(elapsed) s)"
      exit 0
      ;;
  esac
}

_on_error() {
  local code=$?
  # A failing subshell only passes its status up; the script's own shell reports once.
  [ "$BASH_SUBSHELL" -eq 0 ] || exit "$code"
  echo "$stand_in_ref: failed after $(elapsed) s: exit $code (log: $log_file)" >&2
  [ -f "$log_file" ] && tail -n 25 "$log_file" | sed 's/^/  | /' >&2
  exit "$code"
}

# Start building REF with revision REV, or print "present" and exit when the image is already
# there (a current stand-in, or a real image). Takes the per-script lock, so concurrent calls wait
# for one build instead of racing. Sets stand_in_ref, and stand_in_root: the folder to build the
# root filesystem in. Usage: stand_in_begin REF NAME REV
stand_in_begin() {
  stand_in_ref=$1
  stand_in_root="$cache_root/$2/rev$3/rootfs"
  local name=$2 rev=$3 state="checked by the caller"
  _present_exit "$rev"
  exec {lock_fd}>"$cache_root/locks/$name.lock"
  flock "$lock_fd"
  _present_exit "$rev"
  log_file="$cache_root/logs/$name.log"
  : >"$log_file"
  if [ -n "${RUN_LESSON_IMPORT_BY_CALLER:-}" ]; then
    # The caller's answers come on stdin: keep it for them, and give what the build runs none.
    exec {caller_fd}<&0 </dev/null
  else
    state=$(image_state "$stand_in_ref" "$rev")
    if [ "$state" = outdated ]; then
      replaced_id=$(docker image inspect --format '{{.Id}}' "$stand_in_ref")
    fi
  fi
  set -E
  trap _on_error ERR
  log "building $stand_in_ref (revision $rev, was $state)"
}

# Install the Debian packages that are missing on this host, running `apt-get update` only when
# the first attempt fails (no lists yet, or stale ones). Usage: ensure_host_packages PKG...
ensure_host_packages() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null | grep -qx installed || missing+=("$p")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  log "installing host packages: ${missing[*]}"
  (
    flock 9
    export DEBIAN_FRONTEND=noninteractive
    local apt=(apt-get -y -q -o DPkg::Lock::Timeout=300 --no-install-recommends)
    if ! "${apt[@]}" install "${missing[@]}" >>"$log_file" 2>&1; then
      apt-get -q -o DPkg::Lock::Timeout=300 update >>"$log_file" 2>&1
      "${apt[@]}" install "${missing[@]}" >>"$log_file" 2>&1
    fi
  ) 9>"$cache_root/locks/apt.lock"
}

# Copy a host binary into ROOT at DEST (default: the same path), with every shared library ldd
# lists and the dynamic loader, each at the path ldd shows. Usage: install_binary ROOT SRC [DEST]
install_binary() {
  local root=$1 src=$2 dest=${3:-$2} deps lib
  install -D -m 0755 "$(readlink -f "$src")" "$root$dest"
  deps=$(ldd "$src" 2>&1) || true
  if grep -q 'not found' <<<"$deps"; then
    log "ldd $src: $deps"
    echo "Cannot copy \"$src\": a shared library is missing on this host" >&2
    return 1
  fi
  while read -r lib; do
    [ -e "$root$lib" ] || install -D -m 0755 "$(readlink -f "$lib")" "$root$lib"
  done < <(awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }' <<<"$deps")
}

# Check, with the copied loader inside ROOT (what ldd does), that each binary finds all its
# libraries there, then run it with ARGS. Usage: verify_binary ROOT PATH [ARGS...]
verify_binary() {
  local root=$1 bin=$2 out
  shift 2
  out=$(chroot "$root" /lib64/ld-linux-x86-64.so.2 --list "$bin" 2>&1)
  log "ldd (in rootfs) $bin:"$'\n'"$out"
  if grep -q 'not found' <<<"$out"; then
    echo "Cannot use \"$bin\" in the image: $(grep 'not found' <<<"$out" | head -n 1)" >&2
    return 1
  fi
  [ "$#" -eq 0 ] || chroot "$root" "$bin" "$@" >>"$log_file" 2>&1
}

# Turn the directory ROOT into the image REF, adding the stand-in labels and the
# Dockerfile-style CHANGES (CMD, ENV, ...). Engine 20.10's import refuses STOPSIGNAL, so that
# one is applied by a config-only build on top. Extra "key=value" labels come from the
# RUN_LESSON_IMAGE_LABELS environment variable (space-separated). The caller imports when it
# asked to (see the top of this file), else the docker CLI.
# Usage: import_rootfs ROOT REF REV CHANGE...
import_rootfs() {
  local root=$1 ref=$2 rev=$3 changes=() built=() c kv
  shift 3
  for c in "$@" \
    'LABEL run-lesson.stand-in="true"' \
    "LABEL run-lesson.stand-in.for=\"$ref\"" \
    "LABEL run-lesson.stand-in.revision=\"$rev\""; do
    case "$c" in
      STOPSIGNAL*) built+=("$c") ;;
      *) changes+=("$c") ;;
    esac
  done
  for kv in ${RUN_LESSON_IMAGE_LABELS:-}; do
    changes+=("LABEL ${kv%%=*}=\"${kv#*=}\"")
  done
  if [ -n "${RUN_LESSON_IMPORT_BY_CALLER:-}" ]; then
    _import_by_caller "$root" "$ref"
  else
    _import_with_cli "$root" "$ref"
  fi
}

# Ask the caller to import ROOT as REF with the `changes` and `built` of import_rootfs, and wait
# for its answer. Usage: _import_by_caller ROOT REF
_import_by_caller() {
  local reply=""
  log "import $2 by the caller"
  printf '@ref %s\n@rootfs %s\n' "$2" "$1"
  printf '@change %s\n' "${changes[@]}"
  [ "${#built[@]}" -eq 0 ] || printf '@config %s\n' "${built[@]}"
  printf '@message %s\n@import\n' "run-lesson stand-in for $2"
  read -r -u "$caller_fd" reply || true
  [ "$reply" = ok ] || {
    log "the caller could not import $2: ${reply:-no answer}"
    return 1
  }
}

# `docker import` ROOT as REF with the `changes` and `built` of import_rootfs.
# Usage: _import_with_cli ROOT REF
_import_with_cli() {
  local root=$1 ref=$2 args=() c id
  for c in "${changes[@]}"; do args+=(--change "$c"); done
  log "docker import $ref"
  if [ "${#built[@]}" -eq 0 ]; then
    tar --numeric-owner -C "$root" -cf - . |
      docker import "${args[@]}" --message "run-lesson stand-in for $ref" - "$ref" >>"$log_file" 2>&1
    return
  fi
  id=$(tar --numeric-owner -C "$root" -cf - . |
    docker import "${args[@]}" --message "run-lesson stand-in for $ref" - 2>>"$log_file")
  log "docker build (config only) $ref from $id: ${built[*]}"
  printf '%s\n' "FROM $id" "${built[@]}" |
    DOCKER_BUILDKIT=0 docker build -q -t "$ref" - >>"$log_file" 2>&1
}

# Remove the stand-in this build replaced (unless a container still uses it), then print the
# closing line of a successful build.
stand_in_done() {
  if [ -n "$replaced_id" ]; then
    docker image rm "$replaced_id" >>"$log_file" 2>&1 || log "kept $replaced_id: still in use"
  fi
  log "done in $(elapsed) s"
  echo "$stand_in_ref: built stand-in ($(elapsed) s)"
}
