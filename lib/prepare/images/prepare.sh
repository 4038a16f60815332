#!/usr/bin/env bash
# Make the images the lessons use available without a registry: for each REF (default: every
# image in stand-ins.txt) do nothing when an image is already tagged so (a stand-in of the current
# revision, or a real image), else build its stand-in from Debian packages. Prints one line per
# image with the time taken; exits 1 when any image could not be provided.
# Usage: lib/prepare/images/prepare.sh [REF...]
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

bash "$here/../../../runner/setup/setup-engine.sh" || exit 1

table=$(grep -v '^[[:space:]]*\(#\|$\)' "$here/stand-ins.txt")
if [ "$#" -eq 0 ]; then
  mapfile -t all < <(awk '{ print $1 }' <<<"$table")
  set -- "${all[@]}"
fi

status=0
for ref in "$@"; do
  case "$ref" in
    *:*) ;;
    *) ref="$ref:latest" ;;
  esac
  script=$(awk -v r="$ref" '$1 == r { print $2 }' <<<"$table")
  if [ -z "$script" ]; then
    echo "$ref: failed: no stand-in recipe in lib/prepare/images/stand-ins.txt" >&2
    status=1
    continue
  fi
  bash "$here/$script" "$ref" || status=1
done
exit "$status"
