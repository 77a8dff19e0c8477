#!/usr/bin/env bash
# `npm start`: installs what is missing, then a short tour of the API and a quick
# benchmark against memjs, on the servers in MEMCACHED_SERVERS or on a memcached
# it starts itself on a free port.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
node examples/tour.mjs
node bench/quick.mjs
