#!/usr/bin/env bash
# Builds prebuilds/<platform>-<arch>/: the addon (N-API, so one build serves
# every Node version from 20 on) and every shared library it needs that a
# minimal Linux with Node lacks, next to it. The addon and each bundled library
# look for their dependencies in their own directory first ($ORIGIN), so the
# package works where libmemcached is not installed.
#   npm run prebuildify
set -euo pipefail
cd "$(dirname "$0")/.."

# What a machine that runs Node has anyway: the C and C++ runtimes Node links.
readonly SYSTEM_LIBS='^(linux-vdso|libc|libm|libdl|libpthread|librt|libstdc\+\+|libgcc_s|ld-linux[^ ]*)\.so'

for tool in patchelf ldd; do
  command -v "$tool" >/dev/null || { echo "prebuildify: $tool is missing (apt-get install -y patchelf)" >&2; exit 1; }
done

rm -rf prebuilds
npx --no-install prebuildify --napi --strip

target="prebuilds/$(node -p 'process.platform + "-" + process.arch')"
addon="$target/memcache-native.node"
[ -f "$addon" ] || { echo "prebuildify: $addon was not built" >&2; exit 1; }

# Copy each dependency ldd resolves (transitively: ldd lists them all) that is
# not a system library, and point its own search path at its directory.
ldd "$addon" | awk '$2 == "=>" && $3 ~ /^\// { print $1, $3 }' | while read -r name path; do
  if [[ "$name" =~ $SYSTEM_LIBS ]]; then continue; fi
  cp -L "$path" "$target/$name"
  chmod 644 "$target/$name"
  patchelf --set-rpath '$ORIGIN' "$target/$name"
  echo "prebuildify: bundled $name (from $path)"
done
patchelf --set-rpath '$ORIGIN' "$addon"

# Every library must now come from the prebuild directory or be a system one.
missing=$(ldd "$addon" | awk '/not found/ { print $1 }')
[ -z "$missing" ] || { echo "prebuildify: unresolved: $missing" >&2; exit 1; }
ls -l "$target"
