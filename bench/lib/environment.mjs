// What a result depends on besides the code: machine, Node, memcached,
// libmemcached and the peer clients' versions, recorded with every run.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';

const sh = (command) => {
  try {
    return execFileSync('sh', ['-c', command], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
};

const packageVersion = (name) => JSON.parse(readFileSync(new URL(`../../node_modules/${name}/package.json`, import.meta.url), 'utf8')).version;

const builtInLibmemcached = () => {
  try {
    return createRequire(import.meta.url)('../../dist/cjs/index.js').libmemcachedVersion;
  } catch {
    return 'unknown';
  }
};

export function environment(clients) {
  return {
    machine: {
      cores: Number(sh('nproc')) || cpus().length,
      cpu: sh("lscpu | sed -n 's/^Model name: *//p'") || cpus()[0]?.model,
      node: process.versions.node,
      memcached: sh('memcached -V'),
      // The copy built into the addon (deps/libmemcached), not the system's.
      libmemcached: builtInLibmemcached(),
    },
    versions: Object.fromEntries(clients.map((name) => [name, name === 'memcache-native' ? packageVersion('../') : packageVersion(name)])),
  };
}
