/**
 * A Map-like, asynchronous view of a client, for code that wants a dictionary:
 * `await cache.get(key)`, `await cache.set(key, value)`, `await cache.has(key)`,
 * `await cache.delete(key)`. Faults (a dead server, a timeout) read as misses,
 * as python-memcached2's mapping interface treats them: `get` resolves
 * `undefined`, `has` and `delete` `false`, `set` `false`; each swallowed fault is
 * emitted as the client's `'fault'` event. Bad input still rejects.
 *
 * memcached cannot list or count its keys, so iteration, `size`, `keys()`,
 * `values()`, `entries()`, `forEach()` and `clear()` throw, saying so.
 */
import { InvalidArgumentError, MemcachedError } from '../errors.js';
import type { Key } from '../keys.js';

/** What a {@link CacheMap} needs of a client; a {@link Client} is one. */
export interface CacheMapClient<V> {
  get(key: Key): Promise<V | undefined>;
  set(key: Key, value: V, options?: { ttl?: number }): Promise<boolean>;
  delete(key: Key): Promise<boolean>;
}

function isFault(error: unknown): error is MemcachedError {
  return error instanceof MemcachedError && !(error instanceof InvalidArgumentError);
}

function notSupported(what: string): never {
  throw new MemcachedError('ERR_NOT_SUPPORTED', `${what} is not possible: memcached cannot list or count the keys it holds`);
}

export class CacheMap<V> {
  constructor(
    private readonly client: CacheMapClient<V>,
    private readonly onFault: (error: MemcachedError) => void,
  ) {}

  /** The value, or `undefined` on a miss or a fault. */
  get(key: Key): Promise<V | undefined> {
    return this.client.get(key).catch((error: unknown) => this.swallow(error, undefined));
  }

  /** True when the key holds a value; `false` on a miss or a fault. */
  async has(key: Key): Promise<boolean> {
    return (await this.get(key)) !== undefined;
  }

  /** Stores the value (`ttl` in seconds, 0 = never expires); `false` on a fault. */
  set(key: Key, value: V, ttl = 0): Promise<boolean> {
    return this.client.set(key, value, { ttl }).catch((error: unknown) => this.swallow(error, false));
  }

  /** True when the key existed; `false` when it did not, or on a fault. */
  delete(key: Key): Promise<boolean> {
    return this.client.delete(key).catch((error: unknown) => this.swallow(error, false));
  }

  get size(): number {
    return notSupported('size');
  }

  keys(): never {
    return notSupported('keys()');
  }

  values(): never {
    return notSupported('values()');
  }

  entries(): never {
    return notSupported('entries()');
  }

  forEach(): never {
    return notSupported('forEach()');
  }

  clear(): never {
    return notSupported('clear() (use client.flush() to empty every server)');
  }

  [Symbol.iterator](): never {
    return notSupported('Iterating');
  }

  [Symbol.asyncIterator](): never {
    return notSupported('Iterating');
  }

  private swallow<T>(error: unknown, miss: T): T {
    if (!isFault(error)) throw error;
    this.onFault(error);
    return miss;
  }
}
