/**
 * dogpile.cache's region semantics over a client, for sharing a cache with a
 * Python `make_region().configure('dogpile.cache.pylibmc' or
 * 'dogpile.cache.memcached', ...)`: every value is stored as a pickled
 * `dogpile.cache.api.CachedValue(payload, {'ct': creation time, 'v': 2})`.
 * The client's codec must be `pythonCodec()` (the default).
 */
import type { Client } from '../client.js';
import { shown } from '../arguments.js';
import { InvalidArgumentError } from '../errors.js';
import { CachedValue } from '../python/cached-value.js';

/** The metadata format version dogpile.cache 1.x writes and accepts (`'v'`). */
export const DOGPILE_VALUE_VERSION = 2;

export interface DogpileCacheOptions {
  /**
   * The region's `key_mangler`: applied to every key before it reaches the
   * client (dogpile's memcached backends have none by default).
   * @default undefined
   */
  keyMangler?: (key: string) => string;
  /**
   * The region's `expiration_time` in seconds: a value whose `ct` is older reads
   * as missing, as the region treats it. `null` never expires. @default null
   */
  expirationTime?: number | null;
  /**
   * The backend's `memcache_expire_time` argument: the memcached ttl of written
   * values in seconds, 0 for none. @default 0
   */
  memcacheExpireTime?: number;
}

function checkSeconds(name: string, value: number | null | undefined): void {
  if (value !== undefined && value !== null && (!Number.isFinite(value) || value < 0)) {
    throw new InvalidArgumentError('ERR_INVALID_OPTION', `Expected the "${name}" option to be seconds (0 or more), got ${shown(value)}`);
  }
}

/** A dogpile.cache region's get, set and delete, with Promise results. */
export class DogpileCache<V = unknown> {
  readonly keyMangler: ((key: string) => string) | undefined;
  readonly expirationTime: number | null;
  readonly memcacheExpireTime: number;

  constructor(
    readonly client: Client<unknown>,
    options: DogpileCacheOptions = {},
  ) {
    checkSeconds('expirationTime', options.expirationTime);
    checkSeconds('memcacheExpireTime', options.memcacheExpireTime);
    this.keyMangler = options.keyMangler;
    this.expirationTime = options.expirationTime ?? null;
    this.memcacheExpireTime = Math.trunc(options.memcacheExpireTime ?? 0);
  }

  /** The key as stored: through the key mangler, if any. */
  makeKey(key: string): string {
    return this.keyMangler === undefined ? key : this.keyMangler(key);
  }

  /**
   * The stored `CachedValue` with its metadata, or undefined when the key is
   * missing, holds something other than a CachedValue of the current version, or
   * is older than `expirationTime` (the region's default or this call's).
   */
  async getWithMetadata(key: string, expirationTime: number | null = this.expirationTime): Promise<CachedValue<V> | undefined> {
    return this.fresh(await this.client.get(this.makeKey(key)), expirationTime);
  }

  /** The payload, or undefined as for {@link getWithMetadata}. */
  async get(key: string, expirationTime: number | null = this.expirationTime): Promise<V | undefined> {
    return (await this.getWithMetadata(key, expirationTime))?.payload;
  }

  /** The payloads of the keys found, keyed by the keys as given (before the mangler). */
  async getMany(keys: readonly string[], expirationTime: number | null = this.expirationTime): Promise<Map<string, V>> {
    const byFull = new Map(keys.map((key) => [this.makeKey(key), key]));
    const hits = await this.client.getMany(byFull.keys());
    const found = new Map<string, V>();
    for (const [full, value] of hits) {
      const cached = this.fresh(value, expirationTime);
      if (cached !== undefined) found.set(byFull.get(full as string)!, cached.payload);
    }
    return found;
  }

  /** Stores `value` as a CachedValue created now, as `region.set` does. */
  set(key: string, value: V): Promise<boolean> {
    return this.client.set(this.makeKey(key), this.wrap(value), { ttl: this.memcacheExpireTime });
  }

  /** Like `region.set_multi`; resolves the keys that were not stored. */
  async setMany(entries: Iterable<readonly [string, V]>): Promise<string[]> {
    const list = [...entries];
    const stored = await this.client.setMany(
      list.map(([key, value]) => [this.makeKey(key), this.wrap(value)] as const),
      { ttl: this.memcacheExpireTime },
    );
    return list.filter(([key]) => stored.get(this.makeKey(key)) !== true).map(([key]) => key);
  }

  delete(key: string): Promise<boolean> {
    return this.client.delete(this.makeKey(key));
  }

  async deleteMany(keys: readonly string[]): Promise<void> {
    await this.client.deleteMany(keys.map((key) => this.makeKey(key)));
  }

  private wrap(value: V): CachedValue<V> {
    return new CachedValue(value, { ct: Date.now() / 1000, v: DOGPILE_VALUE_VERSION });
  }

  private fresh(value: unknown, expirationTime: number | null): CachedValue<V> | undefined {
    if (!(value instanceof CachedValue) || value.metadata.v !== DOGPILE_VALUE_VERSION) return undefined;
    if (expirationTime !== null && expirationTime >= 0) {
      const ct = value.metadata.ct;
      if (typeof ct !== 'number' || Date.now() / 1000 - ct > expirationTime) return undefined;
    }
    return value as CachedValue<V>;
  }
}
