#!/usr/bin/env bash
# The unit tier: every tests/unit/**/*.test.ts under Deno, then under Node (whose summary ends
# the output). Needs no engine, sshd or browser, and proves it: DOCKER_HOST points nowhere, so a
# unit test that reached for the engine would fail here. Well under a minute; run it after every
# change. Files are chosen by folder, so a new file under tests/unit joins this tier.
set -euo pipefail
cd "$(dirname "$0")/../.."
source runner/setup/_tiers.sh

bash runner/setup/ensure-deps.sh
export DOCKER_HOST=unix:///nonexistent/run-lesson-unit-tier.sock

mapfile -t tests < <(unit_tests)
phase "deno test: unit tier (${#tests[@]} files)" deno_test "${tests[@]}"
report_failures
last_phase "node --test: unit tier (${#tests[@]} files)" node_test "${tests[@]}"
finish
