/**
 * Runs the real Python memcached clients (Debian's python3-memcache,
 * python3-pymemcache, python3-pylibmc, python3-django, python3-cachelib,
 * python3-binary-memcached, python3-dogpile.cache) under /usr/bin/python3.
 * A missing interpreter or module fails the test: nothing is skipped.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const PYTHON = '/usr/bin/python3';

/**
 * Runs `script` with `input` as JSON on stdin and returns what the script
 * printed as JSON on its last line of stdout.
 */
export function runPython<T = unknown>(script: string, input: unknown = null, timeout = 60_000): T {
  const result = spawnSync(PYTHON, ['-c', script], {
    input: JSON.stringify(input),
    encoding: 'utf8',
    timeout,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw new Error(`could not run ${PYTHON}: ${result.error.message}`);
  if (result.status !== 0) {
    throw new Error(`python exited with ${result.status}:\n${result.stderr}`);
  }
  const lines = result.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]!) as T;
}

/**
 * Python that builds a client from `config` (`{kind, servers, options}`), shared
 * by the interoperability tests. `kind` is one of python-memcached, pymemcache,
 * pymemcache-hash, pylibmc, django-pymemcache, django-pylibmc, cachelib
 * (Flask-Caching's MemcachedCache), bmemcached, dogpile (a region over pylibmc).
 * Every client has `set(key, value)` and `get_multi(keys)` returning a dict of hits.
 */
export const PYTHON_CLIENTS = String.raw`
import json, sys

class CachelibClient:
    def __init__(self, cache):
        self.cache = cache
    def set(self, key, value):
        assert self.cache.set(key, value)
    def get_multi(self, keys):
        # get_dict reports a miss as None: keep only the keys memcached has.
        found = self.cache._client.get_multi([self.cache.key_prefix + key for key in keys])
        return {key: value for key, value in self.cache.get_dict(*keys).items() if self.cache.key_prefix + key in found}

class DogpileClient:
    def __init__(self, region):
        self.region = region
    def set(self, key, value):
        self.region.set(key, value)
    def get_multi(self, keys):
        from dogpile.cache.api import NO_VALUE
        return {key: value for key, value in zip(keys, self.region.get_multi(keys)) if value is not NO_VALUE}

def make_client(config):
    kind, servers, options = config['kind'], config['servers'], config.get('options', {})
    if kind == 'python-memcached':
        import memcache
        weighted = [(s, w) for s, w in zip(servers, options.get('weights', [1] * len(servers)))]
        return memcache.Client(weighted)
    if kind == 'pymemcache':
        from pymemcache.client.base import Client
        from pymemcache import serde
        host, port = servers[0].rsplit(':', 1)
        return Client((host, int(port)), serde=serde.pickle_serde)
    if kind == 'pymemcache-hash':
        from pymemcache.client.hash import HashClient
        from pymemcache import serde
        nodes = [(s.rsplit(':', 1)[0], int(s.rsplit(':', 1)[1])) for s in servers]
        return HashClient(nodes, serde=serde.pickle_serde)
    if kind == 'pylibmc':
        import pylibmc
        return pylibmc.Client(servers, behaviors=options.get('behaviors', {}), binary=options.get('binary', False),
                              username=options.get('username'), password=options.get('password'))
    if kind in ('django-pymemcache', 'django-pylibmc'):
        import django
        from django.conf import settings
        backend = {'django-pymemcache': 'PyMemcacheCache', 'django-pylibmc': 'PyLibMCCache'}[kind]
        if not settings.configured:
            settings.configure(CACHES={})
        from django.core.cache.backends import memcached
        return getattr(memcached, backend)(servers, {'TIMEOUT': None})
    if kind == 'cachelib':
        from cachelib import MemcachedCache
        return CachelibClient(MemcachedCache(servers, default_timeout=0, key_prefix=options.get('key_prefix', 'flask_')))
    if kind == 'bmemcached':
        import bmemcached
        return bmemcached.Client(servers)
    if kind == 'dogpile':
        from dogpile.cache import make_region
        region = make_region().configure('dogpile.cache.pylibmc', arguments={'url': servers})
        return DogpileClient(region)
    raise ValueError('unknown client kind ' + kind)
`;

const ORACLE = fileURLToPath(new URL('./python-placement-oracle.py', import.meta.url));

/** One question for test/support/python-placement-oracle.py. */
export type PlacementCase =
  | { kind: 'python-memcached'; servers: [string, number][]; dead: number[]; keys: string[] }
  | { kind: 'pymemcache-str'; nodes: string[]; dead: number[]; keys: string[] }
  | { kind: 'pymemcache-bytes'; nodes: string[]; dead: number[]; keys: string[] }
  | { kind: 'bytes-repr'; keys: string[] };

export interface OracleAnswer {
  versions: Record<string, string>;
  results: (number | string)[][];
}

/** Asks the real python-memcached and pymemcache where keys go (one python3 process). */
export function askPlacementOracle(cases: PlacementCase[]): OracleAnswer {
  const run = spawnSync(PYTHON, [ORACLE], {
    input: JSON.stringify({ cases }),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  // A missing python3-memcache / pymemcache must fail here, not skip.
  if (run.error) throw new Error(`cannot run ${PYTHON}: ${run.error.message}`);
  if (run.status !== 0) throw new Error(`${PYTHON} ${ORACLE} exited ${run.status}:\n${run.stderr}`);
  return JSON.parse(run.stdout) as OracleAnswer;
}
