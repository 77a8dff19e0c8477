/**
 * Server selection of python-memcached (1.58/1.59 `Client._get_server`), so that keys
 * written from Node land on the server a Python peer reads them from.
 */
import { crc32 } from './crc32.js';

/** python-memcached tries this many servers in total before giving up (`_SERVER_RETRIES`). */
export const PYTHON_MEMCACHED_SERVER_RETRIES = 10;

/**
 * `cmemcache_hash`: bits 16..30 of the CRC-32. A zero result becomes 1 because the
 * Python code ends in `or 1`; libmemcached's CRC hash lacks that, the only difference.
 */
export function pythonMemcachedHash(key: Uint8Array): number {
  return (crc32(key) >>> 16) & 0x7fff || 1;
}

export interface WeightedServer {
  /** How many buckets the server occupies; python-memcached's `(host, weight)` tuple. */
  weight: number;
}

export class PythonMemcachedPlacement {
  /** Server index per bucket: each server repeated `weight` times, in list order. */
  private readonly buckets: readonly number[];

  constructor(servers: readonly WeightedServer[]) {
    const buckets: number[] = [];
    servers.forEach((server, index) => {
      if (!Number.isInteger(server.weight) || server.weight < 0) {
        throw new RangeError(`server ${index}: weight must be a non-negative integer, got ${server.weight}`);
      }
      for (let i = 0; i < server.weight; i++) buckets.push(index);
    });
    this.buckets = buckets;
  }

  /** Index of the server the key goes to when every server is up; -1 if there are no buckets. */
  serverFor(key: Uint8Array): number {
    return this.bucket(pythonMemcachedHash(key));
  }

  /**
   * Index of the server python-memcached uses when some servers are down, or -1 when it
   * gives up. Python checks the chosen server; if dead it rehashes the decimal text of the
   * previous hash followed by the attempt number i (0-based): `hash(str(h) + str(i))`.
   * Ten servers are checked in all, so only rehashes i = 0..8 are ever used.
   */
  serverForWithDead(key: Uint8Array, isDead: (index: number) => boolean): number {
    if (this.buckets.length === 0) return -1;
    let hash = pythonMemcachedHash(key);
    for (let attempt = 0; attempt < PYTHON_MEMCACHED_SERVER_RETRIES; attempt++) {
      const index = this.bucket(hash);
      if (!isDead(index)) return index;
      hash = pythonMemcachedHash(Buffer.from(`${hash}${attempt}`, 'ascii'));
    }
    return -1;
  }

  private bucket(hash: number): number {
    if (this.buckets.length === 0) return -1;
    return this.buckets[hash % this.buckets.length]!;
  }
}
