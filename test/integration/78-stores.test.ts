/**
 * The conveniences around the client: CAS memory, the Map-like view, and the
 * Keyv / cache-manager store, each through its own API against real memcached.
 */
import { createCache } from 'cache-manager';
import Keyv from 'keyv';
import { describe, expect, it } from 'vitest';

import { Client, ClientClosedError, InvalidArgumentError, KeyvMemcache, MemcachedError } from '../../src/index.js';
import { sharedServers, testClient, track, uniquePrefix } from '../support/clients.js';
import { silentServer, sleep } from '../support/util.js';

describe('rememberCas', () => {
  it('uses the token gets() read when cas() gets none, and stores unconditionally without one', async () => {
    const client = testClient({ rememberCas: true });
    const other = testClient({ keyPrefix: client.options.keyPrefix });
    await client.set('k', 'v1');
    // Nothing read yet: like python-memcached's cache_cas, cas() stores.
    expect(await client.cas('fresh', 'x')).toBe(true);
    expect(await client.get('fresh')).toBe('x');

    expect((await client.gets('k'))!.value).toBe('v1');
    expect(await client.cas('k', 'v2')).toBe(true);
    // The remembered token is now stale.
    expect(await client.cas('k', 'v3')).toBe(false);
    await client.getsMany(['k']);
    await other.set('k', 'changed elsewhere');
    expect(await client.cas('k', 'v4')).toBe(false);
    expect(await client.get('k')).toBe('changed elsewhere');

    await client.gets('k');
    client.forgetCas('k');
    expect(await client.cas('k', 'forced')).toBe(true);
    expect(await client.get('k')).toBe('forced');
  });

  it('rejects cas() without a token when the option is off', async () => {
    const client = testClient();
    const error = await client.cas('k', 'v').catch((fault: unknown) => fault);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).code).toBe('ERR_INVALID_CAS');
  });
});

describe('asMap()', () => {
  it('reads, writes, checks and deletes like an async Map', async () => {
    const cache = testClient().asMap();
    expect(await cache.has('k')).toBe(false);
    expect(await cache.set('k', 'v')).toBe(true);
    expect(await cache.get('k')).toBe('v');
    expect(await cache.has('k')).toBe(true);
    expect(await cache.delete('k')).toBe(true);
    expect(await cache.delete('k')).toBe(false);
    expect(await cache.get('k')).toBeUndefined();
  });

  it('reads faults as misses and reports them as fault events; bad input still rejects', async () => {
    const silent = await silentServer();
    try {
      const client = testClient({ timeout: 100, connectTimeout: 100 }, silent.address);
      const faults: MemcachedError[] = [];
      client.on('fault', (error) => faults.push(error));
      const cache = client.asMap();
      expect(await cache.get('k')).toBeUndefined();
      expect(await cache.has('k')).toBe(false);
      expect(await cache.set('k', 'v')).toBe(false);
      expect(await cache.delete('k')).toBe(false);
      expect(faults.length).toBe(4);
      for (const fault of faults) expect(fault.server).toBe(silent.address);
      await expect(cache.get('bad key')).rejects.toBeInstanceOf(InvalidArgumentError);
    } finally {
      await silent.close();
    }
  });

  it('says that it cannot be iterated, counted or cleared', () => {
    const cache = testClient().asMap();
    for (const attempt of [
      () => [...(cache as unknown as Iterable<unknown>)],
      () => cache.size,
      () => cache.keys(),
      () => cache.entries(),
      () => cache.clear(),
    ]) {
      expect(attempt).toThrow(/memcached cannot list or count/);
    }
  });
});

describe('KeyvMemcache', () => {
  function keyvs(generationTtl = 1000) {
    const client = testClient<unknown>({ keyPrefix: uniquePrefix(), codec: undefined as never });
    const store = () => new KeyvMemcache(client, { generationTtl });
    return { client, a: new Keyv({ store: store(), namespace: 'a' }), b: new Keyv({ store: store(), namespace: 'b' }) };
  }

  it('stores, reads, checks and deletes through Keyv, with any key', async () => {
    const { a } = keyvs();
    const long = `a key with spaces and ${'x'.repeat(300)}`;
    expect(await a.set('user:1', { name: 'Ada', tags: ['x'] })).toBe(true);
    expect(await a.set(long, 42)).toBe(true);
    expect(await a.get('user:1')).toEqual({ name: 'Ada', tags: ['x'] });
    expect(await a.get(long)).toBe(42);
    expect(await a.get(['user:1', 'missing', long])).toEqual([{ name: 'Ada', tags: ['x'] }, undefined, 42]);
    expect(await a.has('user:1')).toBe(true);
    expect(await a.delete('user:1')).toBe(true);
    expect(await a.get('user:1')).toBeUndefined();
  });

  it('clears one namespace without touching another or anything else on the server', async () => {
    const { client, a, b } = keyvs();
    await client.set('unrelated', 'stays');
    await a.set('k', 'in a');
    await b.set('k', 'in b');
    await a.clear();
    expect(await a.get('k')).toBeUndefined();
    expect(await b.get('k')).toBe('in b');
    expect(await client.get('unrelated')).toBe('stays');
    await a.set('k', 'again');
    expect(await a.get('k')).toBe('again');
  });

  it('sees another process clear the namespace within generationTtl', async () => {
    const client = testClient<unknown>({ codec: undefined as never });
    const first = new Keyv({ store: new KeyvMemcache(client, { generationTtl: 100 }), namespace: 'shared' });
    const second = new Keyv({ store: new KeyvMemcache(client, { generationTtl: 100 }), namespace: 'shared' });
    await first.set('k', 'v');
    expect(await second.get('k')).toBe('v');
    await first.clear();
    await sleep(150);
    expect(await second.get('k')).toBeUndefined();
  });

  it('keeps an entry with a Keyv ttl over 30 days', async () => {
    const { a } = keyvs();
    await a.set('long', 'v', 40 * 24 * 3600 * 1000);
    expect(await a.get('long')).toBe('v');
  });

  it('expires entries after the Keyv ttl (milliseconds)', async () => {
    const { a } = keyvs();
    await a.set('short', 'v', 1000);
    expect(await a.get('short')).toBe('v');
    await sleep(2100);
    expect(await a.get('short')).toBeUndefined();
  });

  it('makes and closes its own client when given servers', async () => {
    const store = new KeyvMemcache(sharedServers()[0]!, { client: { keyPrefix: uniquePrefix() } });
    const keyv = new Keyv({ store });
    await keyv.set('k', 'v');
    expect(await keyv.get('k')).toBe('v');
    await keyv.disconnect();
    // The client it made is closed; Keyv itself reads a failing store as a miss.
    await expect(store.get('k')).rejects.toBeInstanceOf(ClientClosedError);
    expect(await keyv.get('k')).toBeUndefined();
  });
});

describe('cache-manager with KeyvMemcache', () => {
  it("works through cache-manager's own API, and its clear() stays in its namespace", async () => {
    const client = track(new Client(sharedServers()[0], { keyPrefix: uniquePrefix() }));
    const cache = createCache({ stores: [new Keyv({ store: new KeyvMemcache(client), namespace: 'cm' })] });
    await client.set('outside', 'stays');
    expect(await cache.set('k', { n: 1 }, 60_000)).toEqual({ n: 1 });
    expect(await cache.get('k')).toEqual({ n: 1 });
    expect(await cache.mget(['k', 'missing'])).toEqual([{ n: 1 }, undefined]);
    let calls = 0;
    const compute = async () => {
      calls++;
      return 'computed';
    };
    expect(await cache.wrap('w', compute, 60_000)).toBe('computed');
    expect(await cache.wrap('w', compute, 60_000)).toBe('computed');
    expect(calls).toBe(1);
    expect(await cache.del('k')).toBe(true);
    expect(await cache.get('k')).toBeUndefined();
    await cache.set('again', 1);
    await cache.clear();
    expect(await cache.get('again')).toBeUndefined();
    expect(await client.get('outside')).toBe('stays');
  });
});
