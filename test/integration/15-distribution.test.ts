import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { type ClientOptions } from '../../src/index.js';
import { sharedServers, testClient } from '../support/clients.js';

interface Placement {
  servers: string[];
  keys: string[];
  serverIndexByConfig: Record<string, number[]>;
}

const placement = JSON.parse(readFileSync(new URL('../fixtures/python/placement.json', import.meta.url), 'utf8')) as Placement;

/** pylibmc configurations from the fixture and the client options that match each. */
const PYLIBMC: Record<string, ClientOptions> = {
  'pylibmc default (modula, one_at_a_time)': {},
  'pylibmc {"ketama": True}': { distribution: 'ketama' },
  'pylibmc {"ketama": True, "hash": "md5"}': { distribution: 'ketama', hash: 'md5' },
  'pylibmc {"ketama_weighted": True}': { distribution: 'ketama_weighted' },
  'pylibmc {"distribution": "consistent", "hash": "md5"}': { distribution: 'consistent', hash: 'md5' },
  'pylibmc {"hash": "crc"}': { hash: 'crc' },
  'pylibmc {"hash": "md5"}': { hash: 'md5' },
  'pylibmc {"hash": "murmur"}': { hash: 'murmur' },
  'pylibmc {"hash": "fnv1a_32"}': { hash: 'fnv1a_32' },
};

/** Python clients' own placements, computed in JavaScript: fixture configuration, options, key prefix. */
const PYTHON: Array<[string, ClientOptions, string, string[]?]> = [
  ['python-memcached', { distribution: 'python-memcached' }, ''],
  ['python-memcached :1: (Django MemcachedCache)', { distribution: 'python-memcached' }, ':1:'],
  ['python-memcached weights 2,1,3', { distribution: 'python-memcached' }, '', ['/2', '/1', '/3']],
  ['pymemcache HashClient str key', { distribution: 'pymemcache' }, ''],
  ['pymemcache :1: (Django PyMemcacheCache)', { distribution: 'pymemcache' }, ':1:'],
];

describe('Python client placements', () => {
  for (const [config, options, prefix, weights] of PYTHON) {
    it(`places keys on the same server as ${config}`, () => {
      const servers = placement.servers.map((server, index) => server + (weights?.[index] ?? ''));
      const client = testClient({ ...options, keyPrefix: '' }, servers);
      const expected = placement.serverIndexByConfig[config]!;
      expect(placement.keys.map((key) => client.serverFor(prefix + key))).toEqual(expected.map((index) => placement.servers[index]));
    });
  }

  it('hashes pymemcache keys without keyPrefix, as HashClient ignores key_prefix', () => {
    const bare = testClient({ distribution: 'pymemcache', keyPrefix: '' }, placement.servers);
    const prefixed = testClient({ distribution: 'pymemcache', keyPrefix: 'app:' }, placement.servers);
    expect(placement.keys.map((key) => prefixed.serverFor(key))).toEqual(placement.keys.map((key) => bare.serverFor(key)));
  });

  it('stores every key on the server serverFor() names, under every distribution', async () => {
    const servers = sharedServers();
    const distributions = ['modula', 'consistent', 'ketama', 'ketama_weighted', 'python-memcached', 'pymemcache'] as const;
    for (const distribution of distributions) {
      const client = testClient({ distribution }, servers);
      // 60 keys, and more while a server has none: under modula and the
      // one-at-a-time hash, about one key prefix in 400 leaves a server out of 60.
      const keys = Array.from({ length: 60 }, (_, i) => `spread-${i}`);
      while (new Set(keys.map((key) => client.serverFor(key))).size < 3 && keys.length < 1000) keys.push(`spread-${keys.length}`);
      await client.setMany(keys.map((key) => [key, key]));
      expect(new Set(keys.map((key) => client.serverFor(key))).size).toBe(3);
      for (const key of keys) {
        const direct = testClient({ keyPrefix: client.options.keyPrefix }, client.serverFor(key));
        expect(await direct.get(key)).toBe(key);
      }
      expect(await client.getMany(keys)).toEqual(new Map(keys.map((key) => [key, key])));
      expect(Object.keys(await client.stats()).sort()).toEqual([...servers].sort());
    }
  });
});

describe('libmemcached distributions', () => {
  for (const [config, options] of Object.entries(PYLIBMC)) {
    it(`places keys on the same server as ${config}`, () => {
      // serverFor only hashes: the fixture's servers need not be running.
      const client = testClient({ ...options, keyPrefix: '' }, placement.servers);
      const expected = placement.serverIndexByConfig[config]!;
      expect(placement.keys.map((key) => client.serverFor(key))).toEqual(expected.map((index) => placement.servers[index]));
    });
  }

  it('rejects unknown distributions and hashes before connecting', () => {
    expect(() => testClient({ distribution: 'pymemcache', hash: 'md5' })).toThrow(/own hash/);
    expect(() => testClient({ distribution: 'random' as never })).toThrow(/distribution/);
    expect(() => testClient({ hash: 'sha1' as never })).toThrow(/hash/);
  });
});
