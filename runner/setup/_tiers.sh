# Sourced by test.sh and test-unit.sh: which test files make up each tier, chosen by folder so
# that a new test file joins its folder's tier, and how each runtime runs them.
#
#   unit        tests/unit/**: no engine, sshd or browser; both runtimes.
#   transports  tests/docker, tests/ssh, tests/target: the clients against the real engine and
#               sshd; both runtimes.
#   end-to-end  every other tests/**/*.test.ts (lessons, class grading, image preparation, the
#               CLI, probes, docs): long runs through the same clients; Node only, plus a Deno
#               smoke run of a docker lesson in test.sh.

# Test files under the given folders, sorted, one per line.
tests_under() {
  local dir
  for dir in "$@"; do
    [ -d "$dir" ] && find "$dir" -name '*.test.ts'
  done | sort
}

unit_tests() { tests_under tests/unit; }

TRANSPORT_DIRS=(tests/docker tests/ssh tests/target)
transport_tests() { tests_under "${TRANSPORT_DIRS[@]}"; }

# Every test file under tests/ outside tests/unit and the transport folders.
end_to_end_tests() {
  find tests -name '*.test.ts' -not -path 'tests/unit/*' -not -path 'tests/fixtures/*' \
    -not -path 'tests/docker/*' -not -path 'tests/ssh/*' -not -path 'tests/target/*' | sort
}

# How many test files run at once (node --test-concurrency, DENO_JOBS). The machine has two
# cores, but most of a test file's time is spent waiting (for the engine, sshd, or compiling
# on the other core), so a few at a time finish sooner.
: "${RUN_LESSON_TEST_JOBS:=2}"

# deno test over the given files; type-checked separately (deno check), so --no-check here.
deno_test() {
  DENO_JOBS="$RUN_LESSON_TEST_JOBS" node_modules/deno/deno test --allow-all --quiet --no-check \
    --parallel "$@"
}

# node --test over the given files, this many at a time (Node 20 sorts them by path), in TAP
# with a line for each failed test before the summary (tap-failures.mjs). With
# RUN_LESSON_TEST_TIMES=<file>, in the spec reporter instead, and also writes each file's
# duration there, slowest first.
node_test() {
  local reporters=(--test-reporter=./runner/setup/tap-failures.mjs
    --test-reporter-destination=stdout)
  if [ -n "${RUN_LESSON_TEST_TIMES:-}" ]; then
    reporters=(--test-reporter=spec --test-reporter-destination=stdout
      --test-reporter=./runner/setup/file-times.mjs
      --test-reporter-destination="$RUN_LESSON_TEST_TIMES")
  fi
  node --import tsx --test --test-concurrency="$RUN_LESSON_TEST_JOBS" "${reporters[@]}" "$@"
}

# Runs one phase of a test script, timing it, and remembers a failure instead of stopping, so
# that every tier reports and Node's summary still comes last. A failed phase's output is kept
# in short (its ERRORS section, else its last lines) for the last phase to report.
failed_phases=()
failed_details=""
phase() {
  local name=$1 started=$SECONDS log
  shift
  echo "== $name" >&2
  log=$(mktemp)
  if "$@" 2>&1 | tee "$log"; [ "${PIPESTATUS[0]}" -ne 0 ]; then
    failed_phases+=("$name")
    failed_details+="== $name"$'\n'"$(_failure_excerpt "$log")"$'\n'
  fi
  rm -f "$log"
  echo "== $name: $((SECONDS - started)) s" >&2
}

# What a failed phase printed, in short and without colours: from deno test's ERRORS heading
# on (40 lines), else the last 30 lines.
_failure_excerpt() {
  local plain
  plain=$(sed $'s/\x1b\[[0-9;]*m//g' "$1")
  if grep -q '^ ERRORS $' <<<"$plain"; then
    sed -n '/^ ERRORS $/,$p' <<<"$plain" | head -40
  else
    tail -30 <<<"$plain"
  fi
}

# The last phase: like phase, but prints nothing after the command, whose output ends the run.
last_phase() {
  local name=$1
  shift
  echo "== $name" >&2
  if ! "$@"; then failed_phases+=("$name"); fi
}

# Says which phases failed so far (before the last phase, whose summary must end the output),
# and hands their excerpts to the last phase's Node run: tests/unit/zz_earlier_phases.test.ts
# fails with them, so that a failure of an earlier tier shows in Node's summary too.
report_failures() {
  if [ "${#failed_phases[@]}" -gt 0 ]; then
    printf '== FAILED: %s\n' "${failed_phases[@]}" >&2
    export RUN_LESSON_FAILED_PHASES="$failed_details"
  fi
}

# The exit status: non-zero when a phase failed.
finish() {
  [ "${#failed_phases[@]}" -eq 0 ]
}
