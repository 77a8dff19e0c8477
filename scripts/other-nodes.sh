#!/usr/bin/env bash
# Runs the suite's `ascii` and `thread` projects under each Node major in
# NODE_MAJORS (default: 22 and 24) besides the one running `npm test`: the
# addon built once is loaded by every Node from 20 on (Node-API), and what
# differs between Nodes (V8's errors and strings, finalizers, libuv's thread
# pool) is met by the same tests. The Node binaries are the official builds
# the npm registry publishes as node-linux-<arch>, kept in a cache after the
# first download.
#   bash scripts/other-nodes.sh [vitest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

majors=(${NODE_MAJORS:-22 24})
arch="$(node -p process.arch)"
cache="${XDG_CACHE_HOME:-$HOME/.cache}/memcache-native/node"
mkdir -p "$cache"

# The newest release of a major, its binary downloaded once.
node_bin() {
  local major=$1 version dir
  version="$(npm view "node-linux-$arch@$major" version --json | node -e '
    const parts = (v) => v.split(".").map(Number);
    const newer = (a, b) => parts(a).map((n, i) => n - parts(b)[i]).find((d) => d !== 0) ?? 0;
    console.log([].concat(JSON.parse(require("fs").readFileSync(0, "utf8"))).sort(newer).at(-1));')"
  dir="$cache/$version"
  if [[ ! -x $dir/bin/node ]]; then
    echo "other nodes: downloading Node $version (node-linux-$arch) from the npm registry" >&2
    local work
    work="$(mktemp -d)"
    (cd "$work" && npm pack "node-linux-$arch@$version" --silent >/dev/null && tar -xzf ./*.tgz)
    rm -rf "$dir"
    mv "$work/package" "$dir"
    rm -rf "$work"
  fi
  echo "$dir/bin"
}

status=0
for major in "${majors[@]}"; do
  bin="$(node_bin "$major")"
  echo "other nodes: Node $("$bin/node" --version), projects ascii and thread"
  # PATH first: tests that start a Node of their own start this one.
  PATH="$bin:$PATH" node node_modules/vitest/vitest.mjs run --project ascii --project thread "$@" || status=$?
done
exit $status
