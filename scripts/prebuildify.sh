#!/usr/bin/env bash
# Builds prebuilds/<platform>-<arch>/memcache-native.node: the addon (N-API, so
# one build serves every Node version from 20 on), libmemcached linked in. It
# must need no shared library but those a machine that runs Node has anyway;
# this fails if it needs any other, or one that cannot be found.
#   npm run prebuildify
set -euo pipefail
cd "$(dirname "$0")/.."

# What a machine that runs Node has anyway: the C and C++ runtimes Node links.
readonly SYSTEM_LIBS='^(linux-vdso|libc|libm|libdl|libpthread|librt|libstdc\+\+|libgcc_s|ld-linux[^ ]*)\.so'

command -v ldd >/dev/null || { echo "prebuildify: ldd is missing" >&2; exit 1; }

rm -rf prebuilds
npx --no-install prebuildify --napi --strip

target="prebuilds/$(node -p 'process.platform + "-" + process.arch')"
addon="$target/memcache-native.node"
[ -f "$addon" ] || { echo "prebuildify: $addon was not built" >&2; exit 1; }

missing=$(ldd "$addon" | awk '/not found/ { print $1 }')
[ -z "$missing" ] || { echo "prebuildify: unresolved: $missing" >&2; exit 1; }
others=$(ldd "$addon" | awk '$2 == "=>" { print $1 }' | grep -Ev "$SYSTEM_LIBS" || true)
[ -z "$others" ] || { echo "prebuildify: needs libraries users may not have: $others" >&2; exit 1; }
extra=$(find "$target" -type f ! -name memcache-native.node)
[ -z "$extra" ] || { echo "prebuildify: unexpected files: $extra" >&2; exit 1; }
ls -l "$target"
