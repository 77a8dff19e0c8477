/**
 * CacheMap over a store of its own, not a Client: it needs only get, set and
 * delete (CacheMapClient), so faults and misses can be made up here.
 */
import { describe, expect, it } from 'vitest';

import { type CacheMapClient, CacheMap } from '../../src/adapters/cache-map.js';
import { InvalidArgumentError, type MemcachedError, TimeoutError } from '../../src/errors.js';
import type { Key } from '../../src/keys.js';

/** A Map behind the three calls; keys named `down:*` time out, `bad key` is refused. */
class FakeStore implements CacheMapClient<string> {
  readonly items = new Map<Key, string>();
  readonly ttls = new Map<Key, number | undefined>();

  private check(key: Key): void {
    if (key === 'bad key') throw new InvalidArgumentError('ERR_INVALID_KEY', 'a space in the key');
    if (typeof key === 'string' && key.startsWith('down:')) throw new TimeoutError('ERR_TIMEOUT', 'no answer', 'down:11211');
  }

  async get(key: Key): Promise<string | undefined> {
    this.check(key);
    return this.items.get(key);
  }

  async set(key: Key, value: string, options?: { ttl?: number }): Promise<boolean> {
    this.check(key);
    this.items.set(key, value);
    this.ttls.set(key, options?.ttl);
    return true;
  }

  async delete(key: Key): Promise<boolean> {
    this.check(key);
    return this.items.delete(key);
  }
}

describe('CacheMap over any CacheMapClient', () => {
  it('reads, writes (with a ttl), checks and deletes through the three calls', async () => {
    const store = new FakeStore();
    const cache = new CacheMap(store, () => {
      throw new Error('no fault expected');
    });
    expect(await cache.has('k')).toBe(false);
    expect(await cache.set('k', 'v', 60)).toBe(true);
    expect(store.ttls.get('k')).toBe(60);
    expect(await cache.get('k')).toBe('v');
    expect(await cache.has('k')).toBe(true);
    expect(await cache.delete('k')).toBe(true);
    expect(await cache.delete('k')).toBe(false);
  });

  it('turns faults into misses and hands them to onFault; bad input still rejects', async () => {
    const faults: MemcachedError[] = [];
    const cache = new CacheMap(new FakeStore(), (error) => faults.push(error));
    expect(await cache.get('down:k')).toBeUndefined();
    expect(await cache.set('down:k', 'v')).toBe(false);
    expect(await cache.delete('down:k')).toBe(false);
    expect(faults.map((fault) => fault.constructor)).toEqual([TimeoutError, TimeoutError, TimeoutError]);
    await expect(cache.get('bad key')).rejects.toBeInstanceOf(InvalidArgumentError);
  });
});
