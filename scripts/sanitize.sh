#!/usr/bin/env bash
# Runs the native code under a memory checker.
#   bash scripts/sanitize.sh asan       the whole test suite against an ASan+UBSan build
#   bash scripts/sanitize.sh valgrind   a smoke run of every command and fault path under memcheck
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

mode=${1:-asan}
case $mode in
  asan)
    out=build-asan
    npx --no-install cmake-js compile --out "$out" --CDMEMCACHE_NATIVE_SANITIZE=ON --log-level warn >/dev/null
    # Node is not built with ASan, so the runtime is preloaded. Node's own
    # allocations are intentionally never freed at exit: leak reports are off
    # here and left to valgrind and the soak tests.
    export LD_PRELOAD="$(g++ -print-file-name=libasan.so) $(g++ -print-file-name=libubsan.so)"
    export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1:halt_on_error=1
    export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
    export MEMCACHE_NATIVE_ADDON=$out/Release/memcache_native.node
    npx --no-install vitest run "${@:2}"
    ;;
  valgrind)
    command -v valgrind >/dev/null || { echo "valgrind is not installed (apt-get install valgrind)" >&2; exit 1; }
    valgrind --error-exitcode=99 --leak-check=no --track-origins=no --quiet \
      --suppressions=scripts/valgrind-node.supp \
      node --expose-gc scripts/memcheck-smoke.mjs
    ;;
  *)
    echo "usage: scripts/sanitize.sh asan|valgrind" >&2
    exit 2
    ;;
esac
