import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { type ClientOptions } from '../src/index.js';
import { testClient } from './support/clients.js';

interface Placement {
  servers: string[];
  keys: string[];
  serverIndexByConfig: Record<string, number[]>;
}

const placement = JSON.parse(readFileSync(new URL('../../shared/compat/placement.json', import.meta.url), 'utf8')) as Placement;

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
    expect(() => testClient({ distribution: 'random' as never })).toThrow(/distribution/);
    expect(() => testClient({ hash: 'sha1' as never })).toThrow(/hash/);
  });
});
