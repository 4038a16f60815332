#!/bin/sh
# A simulated student host for linux-basics: an sshd on port 22 that lets in root with the key
# given in AUTHORIZED_KEY, and nothing else running. Host keys are made fresh on every start.
set -eu
mkdir -p /root/.ssh /run/sshd
printf '%s\n' "$AUTHORIZED_KEY" >/root/.ssh/authorized_keys
chmod 700 /root/.ssh
chmod 600 /root/.ssh/authorized_keys
ssh-keygen -q -t ed25519 -N '' -f /etc/ssh/ssh_host_ed25519_key
exec /usr/sbin/sshd -D -e -o HostKey=/etc/ssh/ssh_host_ed25519_key \
  -o PermitRootLogin=prohibit-password -o PasswordAuthentication=no
