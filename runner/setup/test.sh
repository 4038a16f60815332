#!/usr/bin/env bash
# The whole test suite, from a fresh machine: installs and starts what the tests need, runs the
# static checks, runs every test file under Deno, then under Node (whose summary ends the output).
set -euo pipefail
cd "$(dirname "$0")/../.."

bash runner/setup/ensure-deps.sh
bash runner/setup/setup-engine.sh
bash runner/setup/setup-sshd.sh
bash runner/setup/setup-browser.sh
bash tests/grade/student_host/build.sh
node runner/bin.js prepare --all --offline --quiet

echo "== static checks" >&2
npx --no-install tsc -p .
npx --no-install deno fmt --check
npx --no-install deno lint
mapfile -t sources < <(find lib runner lessons tests bench -name '*.ts' | sort)
npx --no-install deno check --quiet "${sources[@]}"

mapfile -t tests < <(find tests -name '*.test.ts' | sort)
echo "== deno test (${#tests[@]} files)" >&2
npx --no-install deno test --allow-all --quiet "${tests[@]}"
echo "== node --test (${#tests[@]} files)" >&2
node --import tsx --test "${tests[@]}"
