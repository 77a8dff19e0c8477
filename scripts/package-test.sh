#!/usr/bin/env bash
# The npm package as users get it, end to end:
#  1. packs the package (compiled TypeScript, prebuilds with their shared
#     libraries, sources) from a copy of the repository, so the working build/
#     is never rebuilt under other tests;
#  2. installs the tarball into an empty project inside a mount namespace
#     where no compiler can run and the system's libmemcached, libhashkit,
#     libsasl2 and libcrypto are masked, and round-trips values with require()
#     and import against a real memcached;
#  3. installs the same tarball without prebuilds and checks that it builds
#     from source and works.
# Needs root (unshare -m), the npm registry for the package's two
# dependencies, and what scripts/setup.sh installs.
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
  package/prebuilds/linux-x64/libmemcached.so.11 package/prebuilds/linux-x64/libhashkit.so.2 \
  package/prebuilds/linux-x64/libsasl2.so.2 package/native/addon/client.cc package/binding.gyp \
  package/LICENSE package/CHANGELOG.md package/README.md package/docs/README.md; do
  grep -qx "$expected" <<<"$listing" || fail "$expected is not in the tarball"
done
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

# ---- 2. prebuilt, no compiler, no system libmemcached -----------------------
step "installing with no compiler and no system libmemcached"
new_project "$work/prebuilt"
masks=()
for name in gcc g++ cc c++ make cmake x86_64-linux-gnu-gcc-12 x86_64-linux-gnu-g++-12; do
  bin="$(command -v "$name" 2>/dev/null || true)"
  [ -n "$bin" ] && masks+=("$(readlink -f "$bin")")
done
for lib in libmemcached.so.11 libhashkit.so.2 libsasl2.so.2 libcrypto.so.3 libmemcachedutil.so.2; do
  for dir in /lib/x86_64-linux-gnu /usr/lib/x86_64-linux-gnu; do
    [ -e "$dir/$lib" ] && masks+=("$(readlink -f "$dir/$lib")")
  done
done
printf '%s\n' "${masks[@]}" | sort -u >"$work/masks"
cat >"$work/isolated.sh" <<'EOF'
set -euo pipefail
while read -r file; do mount --bind /dev/null "$file"; done <"$MASKS"
# Prove the masks hold before trusting the result.
if g++ --version >/dev/null 2>&1 || cc --version >/dev/null 2>&1; then echo "a compiler still runs" >&2; exit 1; fi
if node -e 'process.dlopen({exports:{}}, "/lib/x86_64-linux-gnu/libmemcached.so.11")' 2>/dev/null; then
  echo "the system libmemcached still loads" >&2; exit 1
fi
cd "$PROJECT"
npm install --no-audit --no-fund --silent "$TARBALL"
[ ! -e node_modules/memcache-native/build ] || { echo "it built from source instead of using the prebuild" >&2; exit 1; }
node roundtrip.cjs "$SERVER"
node roundtrip.mjs "$SERVER"
EOF
MASKS="$work/masks" PROJECT="$work/prebuilt" TARBALL="$tarball" SERVER="127.0.0.1:$port" \
  unshare -m --propagation private bash "$work/isolated.sh" || fail "the prebuilt install did not work in isolation"

# ---- 3. no prebuilds: build from source ------------------------------------
step "installing without prebuilds (source build)"
mkdir "$work/unpacked"
tar -xzf "$tarball" -C "$work/unpacked"
rm -rf "$work/unpacked/package/prebuilds"
source_tarball="$work/memcache-native-source.tgz"
tar -czf "$source_tarball" -C "$work/unpacked" package
new_project "$work/source"
(
  cd "$work/source"
  npm install --no-audit --no-fund --silent "$source_tarball"
  [ -f node_modules/memcache-native/build/Release/memcache_native.node ] || fail "no source build"
  node roundtrip.cjs "127.0.0.1:$port"
  node roundtrip.mjs "127.0.0.1:$port"
)
step "ok"
