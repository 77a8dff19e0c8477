/**
 * A Keyv storage adapter (and so a cache-manager store, which keeps its data in
 * Keyv instances) over a memcache-native client:
 *
 *   const keyv = new Keyv({ store: new KeyvMemcache(client), namespace: 'sessions' });
 *   const cache = createCache({ stores: [keyv] });          // cache-manager 6+
 *
 * `clear()` empties only the adapter's namespace, never the whole server:
 * memcached cannot list keys, so every key is stored under a generation number
 * kept in memcached itself, and `clear()` moves the namespace to the next
 * generation (the old items are never read again and age out). Other processes
 * see a new generation within `generationTtl` ms.
 *
 * Keys that memcached cannot take as they are (over 200 bytes, or with spaces or
 * control characters) are stored under their SHA-256.
 */
import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';

import { Client } from '../client.js';
import type { ClientOptions } from '../options.js';

export interface KeyvMemcacheOptions {
  /** Milliseconds a namespace's generation is cached before it is read again. @default 1000 */
  generationTtl?: number;
  /** Options for the client made when servers are given instead of a client. */
  client?: ClientOptions<unknown>;
}

const SAFE_KEY = /^[\x21-\x7e]{1,200}$/;

export class KeyvMemcache extends EventEmitter {
  /** Read by Keyv. */
  readonly opts: { dialect: 'memcache'; generationTtl: number };
  /** Set by Keyv to its namespace. */
  namespace?: string;

  private readonly client: Client<unknown>;
  private readonly ownsClient: boolean;
  private generation: { namespace: string; value: bigint; readAt: number } | undefined;

  /** @param client a client, or the servers to make one for (closed by {@link disconnect}). */
  constructor(client: Client<unknown> | string | readonly string[], options: KeyvMemcacheOptions = {}) {
    super();
    this.ownsClient = !(client instanceof Client);
    this.client = client instanceof Client ? client : new Client(client, options.client);
    this.opts = { dialect: 'memcache', generationTtl: options.generationTtl ?? 1000 };
  }

  async get<Value>(key: string): Promise<Value | undefined> {
    return await this.client.get(await this.storedKey(key));
  }

  async getMany<Value>(keys: string[]): Promise<Array<Value | undefined>> {
    const stored = await Promise.all(keys.map((key) => this.storedKey(key)));
    const found = await this.client.getMany(stored);
    return stored.map((key) => found.get(key) as Value | undefined);
  }

  async has(key: string): Promise<boolean> {
    return (await this.get(key)) !== undefined;
  }

  /** `ttl` in milliseconds, as Keyv gives it; none or 0 never expires. */
  async set(key: string, value: unknown, ttl?: number): Promise<boolean> {
    return this.client.set(await this.storedKey(key), value, { ttl: memcachedTtl(ttl) });
  }

  async setMany(entries: Array<{ key: string; value: unknown; ttl?: number }>): Promise<void> {
    await Promise.all(entries.map(({ key, value, ttl }) => this.set(key, value, ttl)));
  }

  async delete(key: string): Promise<boolean> {
    return this.client.delete(await this.storedKey(key));
  }

  /** True when every key existed. */
  async deleteMany(keys: string[]): Promise<boolean> {
    const deleted = await Promise.all(keys.map((key) => this.delete(key)));
    return deleted.every(Boolean);
  }

  /** Empties this namespace (and only it) by moving it to the next generation. */
  async clear(): Promise<void> {
    const namespace = this.namespace ?? '';
    const value = await this.client.incr(generationKey(namespace), 1, { initial: 2 });
    this.generation = { namespace, value: BigInt(value), readAt: Date.now() };
  }

  /** Closes the client if this adapter made it. */
  async disconnect(): Promise<void> {
    if (this.ownsClient) await this.client.close();
  }

  private async storedKey(key: string): Promise<string> {
    const namespace = this.namespace ?? '';
    let generation = this.generation;
    if (generation === undefined || generation.namespace !== namespace || Date.now() - generation.readAt > this.opts.generationTtl) {
      // incr by 0 reads the generation, creating it at 1 the first time.
      const value = await this.client.incr(generationKey(namespace), 0, { initial: 1 });
      generation = { namespace, value: BigInt(value), readAt: Date.now() };
      this.generation = generation;
    }
    const full = `keyv:${generation.value}:${key}`;
    return SAFE_KEY.test(full) ? full : `keyv:${generation.value}:sha256:${createHash('sha256').update(key).digest('hex')}`;
  }
}

function generationKey(namespace: string): string {
  const id = SAFE_KEY.test(namespace) && namespace.length <= 150 ? namespace : createHash('sha256').update(namespace).digest('hex');
  return `keyv-generation:${id}`;
}

/** Keyv's milliseconds as the client's ttl: whole seconds, rounded up (the client sends beyond 30 days as a Unix time). */
function memcachedTtl(ttl: number | undefined): number {
  if (ttl === undefined || !Number.isFinite(ttl) || ttl <= 0) return 0;
  return Math.ceil(ttl / 1000);
}
