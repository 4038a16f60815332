# Sourced by test.sh and test-unit.sh: which test files make up each tier, chosen by folder so
# that a new test file joins its folder's tier, and how each runtime runs them.
#
#   unit        tests/unit/**: no engine, sshd or browser; both runtimes.
#   transports  tests/docker, tests/ssh, tests/target: the clients against the real engine and
#               sshd; both runtimes.
#   end-to-end  every other tests/**/*.test.ts (lessons, class grading, image preparation, the
#               CLI, probes, docs): long runs of the same code paths; Node only, plus a Deno
#               smoke run of one lesson in test.sh.

# Test files under the given folders, sorted, one per line.
tests_under() {
  find "$@" -name '*.test.ts' -not -path '*/node_modules/*' 2>/dev/null | sort
}

unit_tests() { tests_under tests/unit; }

transport_tests() { tests_under tests/docker tests/ssh tests/target; }

# Everything under tests/ that is neither unit nor transport.
end_to_end_tests() {
  find tests -name '*.test.ts' -not -path 'tests/unit/*' -not -path 'tests/docker/*' \
    -not -path 'tests/ssh/*' -not -path 'tests/target/*' -not -path 'tests/fixtures/*' | sort
}

# How many test files run at once. Two cores: the unit tier is mostly start-up (tsx and Deno
# compile each file), so a few at a time overlap waiting with compiling.
: "${RUN_LESSON_TEST_JOBS:=4}"

# deno test [flags...] -- files...: type-checked separately (deno check), so --no-check here.
deno_test() {
  DENO_JOBS="$RUN_LESSON_TEST_JOBS" node_modules/deno/deno test --allow-all --quiet --no-check \
    --parallel "$@"
}

# node --test over the given files, this many at a time.
node_test() {
  node --import tsx --test --test-concurrency="$RUN_LESSON_TEST_JOBS" "$@"
}

# Runs one phase of a test script and remembers a failure instead of stopping, so that every
# tier reports and Node's summary still comes last; `finish` exits non-zero if any phase failed.
failed_phases=()
phase() {
  local name=$1
  shift
  echo "== $name" >&2
  if ! "$@"; then failed_phases+=("$name"); fi
}
finish() {
  if [ "${#failed_phases[@]}" -gt 0 ]; then
    printf 'failed: %s\n' "${failed_phases[@]}" >&2
    exit 1
  fi
}
