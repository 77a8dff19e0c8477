#!/usr/bin/env bash
# Recreates deps/libmemcached/ from Debian's original libmemcached tarball:
#   bash scripts/vendor-libmemcached.sh path/to/libmemcached_1.1.4.orig.tar.gz
# (`apt-get source --download-only libmemcached` with a deb-src entry fetches it).
#
# Copies, unmodified, the sources deps/libmemcached/libmemcached.gyp compiles and
# every header they include, and writes deps/libmemcached/generated/: the files
# upstream's CMake build would generate (config headers, the bison parser and
# the flex scanner of the configuration-string language), so that a machine
# that builds the addon needs only a C++ compiler. Needs cmake, bison, flex, g++.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
readonly VERSION=1.1.4
readonly SHA256=285b21a138fc693ea44b0ea5d050e2d796ca8ee78023724a2bd385f25fbd1da1
tarball="$(realpath "${1:?usage: vendor-libmemcached.sh libmemcached_${VERSION}.orig.tar.gz}")"
echo "$SHA256  $tarball" | sha256sum --check --quiet

for tool in cmake bison flex g++; do
  command -v "$tool" >/dev/null || { echo "vendor-libmemcached: $tool is missing" >&2; exit 1; }
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
tar -xzf "$tarball" -C "$work"
upstream="$work/libmemcached-$VERSION"
dest="$root/deps/libmemcached"

# Upstream's configure step, with what the addon does not use turned off: no
# SASL (libsasl2), no OpenSSL (libhashkit then carries its own AES, which the
# addon never calls). The hash functions are those Debian's build has, so keys
# land where Debian's libmemcached (and pylibmc) put them.
cmake -S "$upstream" -B "$work/build" -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=OFF \
  -DBUILD_TESTING=OFF -DBUILD_DOCS=OFF -DENABLE_SASL=OFF -DENABLE_OPENSSL_CRYPTO=OFF -DENABLE_DTRACE=OFF \
  -DENABLE_HASH_HSIEH=OFF -DENABLE_HASH_FNV64=ON -DENABLE_HASH_MURMUR=ON -DENABLE_MEMASLAP=OFF >"$work/cmake.log" 2>&1 \
  || { cat "$work/cmake.log" >&2; exit 1; }

rm -rf "$dest/include" "$dest/src" "$dest/generated"
gen="$dest/generated"
mkdir -p "$gen/include/libmemcached-1.0" "$gen/include/libhashkit-1.0" "$gen/src/libhashkit" "$gen/src/libmemcached/csl"

# mem_config.h as configured on Linux with glibc, with the few answers that
# differ on other systems made conditional: the GNU strerror_r (glibc only),
# MSG_MORE and ERESTART (Linux only), MSG_NOSIGNAL (not on macOS).
sed -E \
  -e 's/^#define HAVE_STRERROR_R_CHAR_P 1$/#if defined(__linux__)\n#include <features.h> \/* __GLIBC__ *\/\n#endif\n#if defined(__GLIBC__)\n&\n#endif/' \
  -e 's/^#define (HAVE_MSG_MORE|HAVE_ERESTART) 1$/#if defined(__linux__)\n&\n#endif/' \
  -e 's/^#define HAVE_MSG_NOSIGNAL 1$/#if !defined(__APPLE__)\n&\n#endif/' \
  "$work/build/mem_config.h" >"$gen/mem_config.h"
cp "$work/build/include/libmemcached-1.0/configure.h" "$gen/include/libmemcached-1.0/"
cp "$work/build/include/libhashkit-1.0/configure.h" "$gen/include/libhashkit-1.0/"
# CMake writes an absolute path to mem_config.h here; the include path finds it.
sed -E 's|^#include ".*/mem_config.h"$|#include "mem_config.h"|' \
  "$work/build/src/libhashkit/hashkitcon.h" >"$gen/src/libhashkit/hashkitcon.h"
grep -q '^#include "mem_config.h"$' "$gen/src/libhashkit/hashkitcon.h"

# The parser and scanner, run from the vendored tree so their #line directives
# carry relative paths.
mkdir -p "$dest/src/libmemcached/csl"
cp "$upstream/src/libmemcached/csl/parser.yy" "$upstream/src/libmemcached/csl/scanner.l" "$dest/src/libmemcached/csl/"
(
  cd "$dest"
  bison -Wno-deprecated --defines=generated/src/libmemcached/csl/parser.h \
    -o generated/src/libmemcached/csl/parser.cc src/libmemcached/csl/parser.yy
  flex --header-file=generated/src/libmemcached/csl/scanner.h \
    -ogenerated/src/libmemcached/csl/scanner.cc src/libmemcached/csl/scanner.l
  rm -f generated/src/libmemcached/csl/parser.output # bison's report, not a source
)

# The sources the static library compiles, every upstream header they include,
# and libmemcached/memcached.h, the include path the addon uses (as installed by
# Debian's libmemcached-dev).
mapfile -t sources < <(node -p "JSON.parse(require('fs').readFileSync('$dest/libmemcached.gyp', 'utf8')).targets[0].sources.join('\n')")
files=(src/libmemcached/memcached.h)
for source in "${sources[@]}"; do
  case $source in
    generated/*) input="$dest/$source" ;;
    *) files+=("$source"); input="$upstream/$source" ;;
  esac
  while read -r dep; do
    case $dep in "$upstream"/*) files+=("${dep#"$upstream"/}") ;; esac
  done < <(g++ -std=gnu++11 -D_GNU_SOURCE -DDEBUG=0 -DNDEBUG -I"$gen" -I"$gen/src" -I"$upstream/src" \
    -I"$gen/include" -I"$upstream/include" -MM "$input" | tr ' \\' '\n\n' | grep -v -e ':$' -e '^$')
done
# Every header of each directory those come from, too: GCC's #pragma once takes
# two headers with the same contents and time for one file, so a dependency
# list can miss one (src/libmemcached/internal.h is libhashkit-1.0/behavior.h).
for dir in $(printf '%s\n' "${files[@]}" | xargs -n1 dirname | sort -u); do
  for header in "$upstream/$dir"/*.h "$upstream/$dir"/*.hpp; do
    [ -e "$header" ] && files+=("${header#"$upstream"/}")
  done
done
printf '%s\n' "${files[@]}" | sort -u | while read -r file; do
  mkdir -p "$dest/$(dirname "$file")"
  cp "$upstream/$file" "$dest/$file"
done
cp "$upstream/LICENSE" "$dest/LICENSE"
echo "vendor-libmemcached: $(find "$dest/src" "$dest/include" -type f | wc -l) upstream files, $(find "$gen" -type f | wc -l) generated"
