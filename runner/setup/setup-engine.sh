#!/usr/bin/env bash
# Make a Docker engine available on this Debian machine: install docker.io when it is missing,
# start dockerd when nothing answers on the socket, and wait for it. Idempotent and quick when
# the engine already runs. Needs root for the install and start steps only.
set -euo pipefail

sock="${DOCKER_SOCK:-/var/run/docker.sock}"
log="${DOCKERD_LOG:-/var/log/run-lesson-dockerd.log}"

engine_answers() {
  curl -fsS --unix-socket "$sock" http://localhost/_ping >/dev/null 2>&1
}

if engine_answers && [ -x /bin/busybox ]; then
  exit 0
fi

# busybox-static: the static shell the test images and stand-ins are built from.
if [ ! -x /bin/busybox ]; then
  echo "setup-engine: installing busybox-static from Debian" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq busybox-static >/dev/null
fi

if ! command -v dockerd >/dev/null 2>&1; then
  echo "setup-engine: installing docker.io from Debian" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq docker.io >/dev/null
fi

if ! engine_answers; then
  echo "setup-engine: starting dockerd (log: $log)" >&2
  # setsid: the engine must outlive the shell that started it.
  # --dns 127.0.0.1: containers resolve container names only. This machine reaches no internet,
  # and a lookup of an unknown name (the lessons' "bad address" examples) must fail inside the
  # container instead of leaving the machine for the host's resolver.
  setsid nohup dockerd --dns 127.0.0.1 >"$log" 2>&1 </dev/null &
  for _ in $(seq 1 120); do
    engine_answers && break
    sleep 0.5
  done
fi

if ! engine_answers; then
  echo "setup-engine: dockerd did not answer on $sock within 60 s; see $log" >&2
  tail -n 20 "$log" >&2 || true
  exit 1
fi
