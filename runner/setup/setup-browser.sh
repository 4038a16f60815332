#!/usr/bin/env bash
# Make a headless Chromium available for the tests that open the HTML class report in a real
# browser: install Debian's chromium when it is missing. Idempotent; needs root for the install.
set -euo pipefail

if ! command -v chromium >/dev/null 2>&1; then
  echo "setup-browser: installing chromium from Debian" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt_get=(apt-get -y -q -o DPkg::Lock::Timeout=300 --no-install-recommends)
  if ! "${apt_get[@]}" install chromium >/dev/null 2>&1; then
    apt-get -q -o DPkg::Lock::Timeout=300 update >/dev/null
    "${apt_get[@]}" install chromium >/dev/null
  fi
fi
command -v chromium >/dev/null || {
  echo "setup-browser: chromium is still missing after the install" >&2
  exit 1
}
