#!/usr/bin/env bash
# Make OpenSSH's sshd available for the SSH tests: install openssh-server when /usr/sbin/sshd is
# missing, and create the privilege-separation directory /run/sshd. Idempotent; needs root for the
# install. Installing does not leave a system sshd running: the tests start their own on loopback.
set -euo pipefail

if [ ! -x /usr/sbin/sshd ]; then
  echo "setup-sshd: installing openssh-server from Debian" >&2
  export DEBIAN_FRONTEND=noninteractive
  # policy-rc.d exit 101: do not let the package start a system-wide sshd on port 22.
  policy=/usr/sbin/policy-rc.d
  created_policy=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy"
    chmod 755 "$policy"
    created_policy=1
  fi
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends openssh-server >/dev/null
  if [ "$created_policy" = 1 ]; then rm -f "$policy"; fi
fi

mkdir -p /run/sshd
chmod 755 /run/sshd

if [ ! -x /usr/sbin/sshd ]; then
  echo "setup-sshd: /usr/sbin/sshd is still missing after the install" >&2
  exit 1
fi
