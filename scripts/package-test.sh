#!/usr/bin/env bash
# The npm package as users get it, end to end:
#  1. packs the package (compiled TypeScript, the prebuilt addon, the sources
#     with the vendored libmemcached) from a copy of the repository, so the
#     working build/ is never rebuilt under other tests; the addon is the only
#     binary in it;
#  2. installs the tarball into an empty project inside a mount namespace
#     where no compiler can run and every libmemcached, libhashkit, libsasl2
#     and libcrypto file of the system is masked, and round-trips values with
#     require() and import against a real memcached, checking that none of
#     those libraries was loaded;
#  3. installs the same tarball without prebuilds, with the same libraries
#     and libmemcached's headers masked, and checks that it builds from source
#     and works.
# Needs root (unshare -m), the npm registry for the package's dependencies,
# and what scripts/setup.sh installs.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
memcached_pid=""
cleanup() {
  [ -n "$memcached_pid" ] && kill "$memcached_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
step() { echo "package test: $*"; }
fail() { echo "package test: FAILED: $*" >&2; exit 1; }

# ---- 1. pack ---------------------------------------------------------------
step "packing from a copy of the repository"
mkdir "$work/repo"
(cd "$root" && git ls-files -z --cached --others --exclude-standard | xargs -0 cp --parents -t "$work/repo")
ln -s "$root/node_modules" "$work/repo/node_modules"
(cd "$work/repo" && npm pack --pack-destination "$work" --silent >/dev/null)
tarball="$(ls "$work"/memcache-native-*.tgz)"
listing="$(tar -tzf "$tarball")"
for expected in package/dist/cjs/index.js package/dist/cjs/index.d.ts package/dist/esm/index.mjs \
  package/dist/esm/index.d.mts package/prebuilds/linux-x64/memcache-native.node \
  package/native/addon/client.cc package/binding.gyp package/deps/libmemcached/libmemcached.gyp \
  package/deps/libmemcached/LICENSE package/deps/libmemcached/src/libmemcached/hosts.cc \
  package/deps/libmemcached/generated/src/libmemcached/csl/parser.cc \
  package/LICENSE package/CHANGELOG.md package/README.md package/docs/README.md; do
  grep -qx "$expected" <<<"$listing" || fail "$expected is not in the tarball"
done
binaries="$(grep -E '\.(so(\.[0-9]+)*|node|a|o|dll|dylib)$' <<<"$listing" || true)"
[ "$binaries" = package/prebuilds/linux-x64/memcache-native.node ] \
  || fail "the tarball carries binaries besides the addon: $(tr '\n' ' ' <<<"$binaries")"
if grep -E '^package/(test|bench|build|node_modules|src|scripts)/' <<<"$listing"; then
  fail "the tarball carries files users do not need"
fi
step "$(basename "$tarball"): $(wc -l <<<"$listing") files, $(du -k "$tarball" | cut -f1) KiB"

step "publint and arethetypeswrong"
mkdir "$work/lint"
tar -xzf "$tarball" -C "$work/lint"
(cd "$root" && npx --no-install publint --strict "$work/lint/package") || fail "publint"
(cd "$root" && npx --no-install attw --format ascii "$tarball") || fail "arethetypeswrong"

# A memcached for the round trips, reachable from inside the namespace.
port="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
user=(); [ "$(id -u)" = 0 ] && user=(-u root)
memcached "${user[@]}" -l 127.0.0.1 -p "$port" -U 0 -m 16 &
memcached_pid=$!
for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done

cat >"$work/roundtrip.cjs" <<'EOF'
const { Client } = require('memcache-native');
(async () => {
  const client = new Client(process.argv[2]);
  const value = { from: 'require', list: [1, 2, 3] };
  if ((await client.set('package-test:cjs', value)) !== true) throw new Error('set failed');
  const back = await client.get('package-test:cjs');
  if (JSON.stringify(back) !== JSON.stringify(value)) throw new Error(`read back ${JSON.stringify(back)}`);
  await client.close();
  // libmemcached is inside the addon: no shared copy of it, nor of what Debian's links, is loaded.
  const loaded = require('fs').readFileSync('/proc/self/maps', 'utf8').match(/\S*lib(memcached|hashkit|sasl2|crypto)\S*/g);
  if (loaded) throw new Error(`loaded ${[...new Set(loaded)].join(', ')}`);
  console.log('require: round trip ok');
})().catch((error) => { console.error(error); process.exit(1); });
EOF
cat >"$work/roundtrip.mjs" <<'EOF'
import { Client, TimeoutError } from 'memcache-native';
const client = new Client(process.argv[2]);
if (!(await client.set('package-test:esm', 'from import'))) throw new Error('set failed');
const back = await client.get('package-test:esm');
if (back !== 'from import') throw new Error(`read back ${back}`);
if (typeof TimeoutError !== 'function') throw new Error('named exports missing');
await client.close();
console.log('import: round trip ok');
EOF

new_project() {
  mkdir -p "$1"
  (cd "$1" && npm init -y >/dev/null && cp "$work/roundtrip.cjs" "$work/roundtrip.mjs" .)
}

# What the isolated installs do without: every libmemcached, libhashkit,
# libsasl2 and libcrypto file of the system (masked with /dev/null; their
# symbolic links then lead there too) and libmemcached's pkg-config files,
# libmemcached's headers (masked with an empty directory), and for the
# prebuilt install the compilers.
lib_masks="$work/lib-masks"
for dir in /lib /usr/lib /lib/x86_64-linux-gnu /usr/lib/x86_64-linux-gnu /usr/local/lib; do
  [ -d "$dir" ] || continue
  find "$dir" "$dir/pkgconfig" -maxdepth 1 \( -type f -o -type l \) \
    \( -name 'libmemcached*' -o -name 'libhashkit*' -o -name 'libsasl2*' -o -name 'libcrypto*' \) \
    -exec readlink -f {} \; 2>/dev/null || true
done | sort -u >"$lib_masks"
grep -q 'libmemcached\.so' "$lib_masks" || step "(no system libmemcached to mask)"
find /usr/include /usr/local/include -maxdepth 1 -type d \( -name 'libmemcached*' -o -name 'libhashkit*' \) \
  >"$work/dir-masks" 2>/dev/null || true
compiler_masks="$work/compiler-masks"
for name in gcc g++ cc c++ make cmake x86_64-linux-gnu-gcc-12 x86_64-linux-gnu-g++-12; do
  bin="$(command -v "$name" 2>/dev/null || true)"
  if [ -n "$bin" ]; then readlink -f "$bin"; fi
done | sort -u >"$compiler_masks"
mkdir "$work/empty"

cat >"$work/isolated.sh" <<'EOF'
set -euo pipefail
cat "$@" | while read -r file; do mount --bind /dev/null "$file"; done
while read -r dir; do mount --bind "$EMPTY" "$dir"; done <"$DIR_MASKS"
# Prove the masks hold before trusting the result.
while read -r file; do
  case $file in
    *.so*)
      if node -e 'process.dlopen({ exports: {} }, process.argv[1])' "$file" 2>/dev/null; then
        echo "$file still loads" >&2; exit 1
      fi ;;
  esac
done <"$LIB_MASKS"
if [ -e /usr/include/libmemcached-1.0/memcached.h ]; then echo "libmemcached's headers are still visible" >&2; exit 1; fi
if [ "$MODE" = prebuilt ] && { g++ --version >/dev/null 2>&1 || cc --version >/dev/null 2>&1; }; then
  echo "a compiler still runs" >&2; exit 1
fi
cd "$PROJECT"
npm install --no-audit --no-fund --silent "$TARBALL"
if [ "$MODE" = prebuilt ]; then
  [ ! -e node_modules/memcache-native/build ] || { echo "it built from source instead of using the prebuild" >&2; exit 1; }
else
  [ -f node_modules/memcache-native/build/Release/memcache_native.node ] || { echo "no source build" >&2; exit 1; }
fi
node roundtrip.cjs "$SERVER"
node roundtrip.mjs "$SERVER"
EOF
isolated() { # isolated MODE PROJECT TARBALL MASK-FILE...
  MODE="$1" PROJECT="$2" TARBALL="$3" SERVER="127.0.0.1:$port" EMPTY="$work/empty" DIR_MASKS="$work/dir-masks" \
    LIB_MASKS="$lib_masks" unshare -m --propagation private bash "$work/isolated.sh" "${@:4}"
}

# ---- 2. prebuilt: no compiler, no libmemcached, libsasl2 or libcrypto -------
step "installing with no compiler, and no libmemcached, libsasl2 or libcrypto"
new_project "$work/prebuilt"
isolated prebuilt "$work/prebuilt" "$tarball" "$lib_masks" "$compiler_masks" \
  || fail "the prebuilt install did not work in isolation"

# ---- 3. no prebuilds: build from source, still without libmemcached ---------
step "installing without prebuilds (source build, no libmemcached headers or libraries)"
mkdir "$work/unpacked"
tar -xzf "$tarball" -C "$work/unpacked"
rm -rf "$work/unpacked/package/prebuilds"
source_tarball="$work/memcache-native-source.tgz"
tar -czf "$source_tarball" -C "$work/unpacked" package
new_project "$work/source"
isolated source "$work/source" "$source_tarball" "$lib_masks" || fail "the source build did not work in isolation"
step "ok"
