#!/usr/bin/env bash
# `npm test`: installs what is missing, type-checks, then runs the whole suite
# against real memcached servers that the suite starts itself.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
npx --no-install tsc -p tsconfig.json --noEmit
npx --no-install tsc -p test/tsconfig.json --noEmit
npx --no-install vitest run "$@"
