#!/usr/bin/env bash
# Installs whatever is missing to build, lint and test memcache-native, and nothing
# that is already there: Debian packages, npm dependencies, the native addon and
# the compiled TypeScript. Safe to run again; each step checks before it acts.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(memcached libmemcached-tools openssl g++ make python3 valgrind util-linux clang-format
  python3-pymemcache python3-memcache python3-pylibmc python3-django
  python3-cachelib python3-binary-memcached python3-dogpile.cache
  sasl2-bin libsasl2-modules libsasl2-modules-db)

missing=()
for package in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]} > 0)); then
  echo "setup: installing Debian packages: ${missing[*]}"
  sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || { echo "setup: need root (or sudo) to install ${missing[*]}" >&2; exit 1; }
    sudo=(sudo)
  fi
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# npm ci when node_modules is missing or older than the lock file.
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "setup: npm ci"
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
fi

newer_than() { # newer_than TARGET PATH... : true if TARGET is missing or any PATH is newer
  local target=$1
  shift
  [[ ! -e $target ]] && return 0
  [[ -n $(find "$@" -newer "$target" -type f -print -quit) ]]
}

addon=build/Release/memcache_native.node
if newer_than "$addon" native deps binding.gyp; then
  echo "setup: building the native addon"
  # node-gyp finds Node's headers through npm's `nodedir`; Debian's nodejs keeps them under /usr.
  nodedir=()
  [[ -f /usr/include/node/node_api.h ]] && nodedir=(--nodedir=/usr)
  npx --no-install node-gyp rebuild "${nodedir[@]}" --loglevel=warn >/dev/null
fi

if newer_than dist/cjs/index.js src tsconfig.json scripts/build-ts.mjs; then
  echo "setup: compiling TypeScript"
  node scripts/build-ts.mjs
fi
