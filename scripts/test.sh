#!/usr/bin/env bash
# `npm test`: installs what is missing, lints, type-checks, then runs the whole
# suite against real memcached servers that the suite starts itself.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
npm run --silent lint
npx --no-install tsc -p tsconfig.json --noEmit
npx --no-install tsc -p test/tsconfig.json --noEmit
report=$(mktemp)
trap 'rm -f "$report"' EXIT
status=0
npx --no-install vitest run --reporter=default --reporter=json --outputFile.json="$report" "$@" || status=$?
# One plain closing line, whatever reporter is on screen.
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  console.log(`vitest: ${r.numPassedTests} passed, ${r.numFailedTests} failed`);
' "$report" || true
# Left out only when the arguments pick some test files: the suite again under
# Node 22 and 24 (scripts/other-nodes.sh), and the package as npm users get it:
# packed, installed, loaded (scripts/package-test.sh).
if [ $# -eq 0 ]; then
  bash scripts/other-nodes.sh || status=$?
  bash scripts/package-test.sh || status=$?
fi
exit $status
