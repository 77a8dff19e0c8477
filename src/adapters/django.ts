/**
 * Django's cache semantics over a client, for sharing a cache with Django's
 * memcached backends (PyMemcacheCache, PyLibMCCache, MemcachedCache):
 * the same full keys (`KEY_PREFIX:VERSION:key`) and the same timeouts.
 */
import type { Client } from '../client.js';
import { MAX_RELATIVE_TTL, shown } from '../arguments.js';
import { InvalidArgumentError } from '../errors.js';

/** Django's default TIMEOUT, in seconds. */
export const DJANGO_DEFAULT_TIMEOUT = 300;

export interface DjangoCacheOptions {
  /** Django's `KEY_PREFIX`. @default '' */
  keyPrefix?: string;
  /** Django's `VERSION`. @default 1 */
  version?: number;
  /** Django's `TIMEOUT` in seconds; `null` never expires. @default 300 */
  timeout?: number | null;
}

/** Django's default key function: `KEY_PREFIX:VERSION:key`. */
export function djangoKey(key: string, keyPrefix = '', version = 1): string {
  return `${keyPrefix}:${version}:${key}`;
}

/**
 * The expiry Django's memcached backends send for a timeout: `null` never
 * expires (0), over 30 days becomes an absolute Unix time, otherwise seconds.
 * A timeout of 0 means "expire at once" and is handled by the caller, because
 * memcached needs a negative expiry for it.
 */
export function djangoExpiry(timeout: number | null, nowSeconds = Math.floor(Date.now() / 1000)): number {
  const seconds = djangoSeconds(timeout);
  return seconds > MAX_RELATIVE_TTL ? seconds + nowSeconds : seconds;
}

/**
 * A Django timeout as the client's `ttl`: whole seconds from now, 0 for
 * `null`. The client sends one over 30 days as a Unix time, as Django does.
 */
function djangoSeconds(timeout: number | null): number {
  if (timeout === null) return 0;
  if (!Number.isFinite(timeout) || timeout < 0) {
    throw new InvalidArgumentError('ERR_INVALID_TTL', `Expected a Django timeout in seconds or null, got ${shown(timeout)}`);
  }
  return Math.trunc(timeout);
}

/** Django's cache API (get, set, add, delete, get_many, ...) with Promise results. */
export class DjangoCache<V = unknown> {
  readonly keyPrefix: string;
  readonly version: number;
  readonly timeout: number | null;

  constructor(
    readonly client: Client<V>,
    options: DjangoCacheOptions = {},
  ) {
    this.keyPrefix = options.keyPrefix ?? '';
    this.version = options.version ?? 1;
    this.timeout = options.timeout === undefined ? DJANGO_DEFAULT_TIMEOUT : options.timeout;
  }

  makeKey(key: string, version = this.version): string {
    return djangoKey(key, this.keyPrefix, version);
  }

  async get<D = undefined>(key: string, fallback?: D, version?: number): Promise<V | D> {
    const value = await this.client.get(this.makeKey(key, version));
    return value === undefined ? (fallback as D) : value;
  }

  /** Django's timeout 0 stores and expires at once: here it removes the key. */
  async set(key: string, value: V, timeout: number | null = this.timeout, version?: number): Promise<boolean> {
    const full = this.makeKey(key, version);
    if (timeout === 0) {
      await this.client.delete(full);
      return true;
    }
    return this.client.set(full, value, { ttl: djangoSeconds(timeout) });
  }

  async add(key: string, value: V, timeout: number | null = this.timeout, version?: number): Promise<boolean> {
    const full = this.makeKey(key, version);
    if (timeout === 0) {
      const added = await this.client.add(full, value, { ttl: 1 });
      if (added) await this.client.delete(full);
      return added;
    }
    return this.client.add(full, value, { ttl: djangoSeconds(timeout) });
  }

  async touch(key: string, timeout: number | null = this.timeout, version?: number): Promise<boolean> {
    const full = this.makeKey(key, version);
    if (timeout === 0) return this.client.delete(full);
    return this.client.touch(full, djangoSeconds(timeout));
  }

  delete(key: string, version?: number): Promise<boolean> {
    return this.client.delete(this.makeKey(key, version));
  }

  async has(key: string, version?: number): Promise<boolean> {
    return (await this.client.get(this.makeKey(key, version))) !== undefined;
  }

  /** The hits, keyed by the keys as given (without prefix and version). */
  async getMany(keys: readonly string[], version?: number): Promise<Map<string, V>> {
    const byFull = new Map(keys.map((key) => [this.makeKey(key, version), key]));
    const hits = await this.client.getMany(byFull.keys());
    return new Map([...hits].map(([full, value]) => [byFull.get(full as string)!, value]));
  }

  /** Like Django's `set_many`: resolves the keys that were not stored. */
  async setMany(entries: Iterable<readonly [string, V]>, timeout: number | null = this.timeout, version?: number): Promise<string[]> {
    const list = [...entries];
    const stored = await Promise.all(list.map(([key, value]) => this.set(key, value, timeout, version)));
    return list.filter((_, index) => !stored[index]).map(([key]) => key);
  }

  async deleteMany(keys: readonly string[], version?: number): Promise<void> {
    await this.client.deleteMany(keys.map((key) => this.makeKey(key, version)));
  }

  /** Django raises ValueError for a missing key; this rejects with ERR_INVALID_ARGUMENT. A negative delta decrements. */
  async incr(key: string, delta = 1, version?: number): Promise<number | bigint> {
    const full = this.makeKey(key, version);
    const result = delta < 0 ? await this.client.decr(full, -delta) : await this.client.incr(full, delta);
    if (result === undefined) throw new InvalidArgumentError('ERR_INVALID_ARGUMENT', `Key '${full}' not found`);
    return result;
  }

  decr(key: string, delta = 1, version?: number): Promise<number | bigint> {
    return this.incr(key, -delta, version);
  }

  /** Django's `clear()`: flushes every server, including keys of other applications. */
  clear(): Promise<void> {
    return this.client.flush();
  }
}
