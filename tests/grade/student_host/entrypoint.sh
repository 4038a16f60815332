#!/bin/sh
# A simulated student host: its own Docker engine (vfs storage) and an sshd on port 22 that lets
# in root with the key given in AUTHORIZED_KEY. Host keys are made fresh on every start.
set -eu
mkdir -p /root/.ssh /run/sshd
printf '%s\n' "$AUTHORIZED_KEY" >/root/.ssh/authorized_keys
chmod 700 /root/.ssh
chmod 600 /root/.ssh/authorized_keys
ssh-keygen -q -t ed25519 -N '' -f /etc/ssh/ssh_host_ed25519_key
dockerd --storage-driver=vfs --dns 127.0.0.1 >/var/log/dockerd.log 2>&1 &
exec /usr/sbin/sshd -D -e -o HostKey=/etc/ssh/ssh_host_ed25519_key \
  -o PermitRootLogin=prohibit-password -o PasswordAuthentication=no -o AllowStreamLocalForwarding=yes
