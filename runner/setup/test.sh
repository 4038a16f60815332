#!/usr/bin/env bash
# The whole test suite (CI), from a fresh machine: installs and starts what the tests need, runs
# the static checks, the unit tier and the transports under Deno, a docker lesson under Deno,
# then every test file under Node, whose summary ends the output. Tiers are chosen by folder
# (runner/setup/_tiers.sh). RUN_LESSON_TEST_JOBS sets how many files run at once (2);
# RUN_LESSON_TEST_TIMES=<file> writes each Node test file's duration there, slowest first.
set -euo pipefail
cd "$(dirname "$0")/../.."
source runner/setup/_tiers.sh

setup() {
  bash runner/setup/ensure-deps.sh
  bash runner/setup/setup-engine.sh
  bash runner/setup/setup-sshd.sh
  bash runner/setup/setup-browser.sh
  bash tests/grade/student_host/build.sh
  bash tests/grade/linux_host/build.sh
  node runner/bin.js prepare --all --offline --quiet
}
echo "== setup" >&2
started=$SECONDS
setup
echo "== setup: $((SECONDS - started)) s" >&2

# tsc and deno check each keep one core busy for a while: run them side by side.
static_checks() {
  local log status=0
  log=$(mktemp)
  mapfile -t sources < <(find lib runner lessons tests bench -name '*.ts' | sort)
  node_modules/deno/deno check --quiet "${sources[@]}" >"$log" 2>&1 &
  local deno_check=$!
  node_modules/.bin/tsc -p . || status=1
  wait "$deno_check" || status=1
  cat "$log" >&2
  rm -f "$log"
  node_modules/deno/deno fmt --check || status=1
  node_modules/deno/deno lint || status=1
  return "$status"
}
phase "static checks: tsc, deno check, deno fmt --check, deno lint" static_checks

mapfile -t unit < <(unit_tests)
mapfile -t transports < <(transport_tests)
mapfile -t end_to_end < <(end_to_end_tests)

phase "deno test: unit tier and transports ($((${#unit[@]} + ${#transports[@]})) files)" \
  deno_test "${unit[@]}" "${transports[@]}"

# The end-to-end tests run under Node only; this runs a docker lesson through Deno end to end.
phase "deno run: the docker-small lesson" \
  node_modules/deno/deno run --allow-all runner/main.ts tests/fixtures/lessons/docker-small \
  --offline

# One Node run over every test file, a few at a time; Node 20 starts them in path order,
# whatever order they are given in.
mapfile -t every < <(tests_under tests)
report_failures
last_phase "node --test: every test file (${#every[@]})" node_test "${every[@]}"
finish
