/**
 * With `rememberCas`: the last CAS token read for each key (by its wire key:
 * prefix applied), so that cas() may be called without one, as
 * python-memcached's cache_cas does. Keeps the most recently read tokens.
 */
import { type Key, type KeyEncoder, wireKeyId } from './keys.js';

/** Most CAS tokens a client keeps. */
const MAX_REMEMBERED_CAS = 100_000;

export class CasMemory {
  private readonly tokens = new Map<string, bigint>();

  constructor(private readonly keys: KeyEncoder) {}

  remember(key: Key, token: bigint): void {
    const id = this.id(key);
    this.tokens.delete(id);
    this.tokens.set(id, token);
    if (this.tokens.size > MAX_REMEMBERED_CAS) this.tokens.delete(this.tokens.keys().next().value!);
  }

  /** The token last read for `key`, if any. */
  tokenFor(key: Key): bigint | undefined {
    return this.tokens.get(this.id(key));
  }

  /** Drops the token of `key`, or every one. */
  forget(key?: Key): void {
    if (key === undefined) this.tokens.clear();
    else this.tokens.delete(this.id(key));
  }

  /** The wire key as a string, for the token map. */
  private id(key: Key): string {
    return wireKeyId(this.keys.encode(key).key);
  }
}
