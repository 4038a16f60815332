#!/usr/bin/env bash
# `npm run run-lesson -- <args>`: installs the npm packages when missing, then runs the CLI.
# The CLI itself provisions what a lesson needs (the Docker engine, the images).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
bash "$root/runner/setup/ensure-deps.sh"
exec node "$root/runner/bin.js" "$@"
