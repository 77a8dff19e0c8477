/** Checks of per-call arguments: every one throws an InvalidArgumentError before any I/O. */
import { inspect } from 'node:util';

import { type ErrorCode, InvalidArgumentError, MemcachedError } from './errors.js';
import type { Key } from './keys.js';

const MAX_UINT32 = 0xffffffff;
const MAX_UINT64 = (1n << 64n) - 1n;
/** The longest ttl memcached reads as seconds from now (30 days); a larger number is a Unix time to it. */
export const MAX_RELATIVE_TTL = 60 * 60 * 24 * 30;
const SHOWN_CHARACTERS = 60;

function invalid(code: ErrorCode, message: string, cause?: unknown): never {
  throw new InvalidArgumentError(code, message, undefined, undefined, cause === undefined ? undefined : { cause });
}

/** What a caller's getter, proxy or iterator threw, for a message; never throws itself. */
export function thrownText(error: unknown): string {
  try {
    return error instanceof Error ? `${error.name}: ${error.message}` : shown(error);
  } catch {
    return 'an error that cannot be shown';
  }
}

/** Rejects a call whose argument the caller's own code failed to give: what it threw is the cause. */
export function invalidFromCaller(what: string, error: unknown): never {
  return invalid('ERR_INVALID_ARGUMENT', `${what} threw ${thrownText(error)}`, error);
}

/**
 * What was given, for a message: `'500' (string)`, `[Object: null prototype] {} (object)`,
 * `undefined`. Shortened to about 60 characters; it never runs the caller's
 * code (no getters, custom inspectors or proxy traps).
 */
export function shown(value: unknown): string {
  if (value === undefined || value === null) return String(value);
  let text: string;
  try {
    text = inspect(value, {
      depth: 0,
      breakLength: Infinity,
      maxArrayLength: 5,
      maxStringLength: SHOWN_CHARACTERS,
      customInspect: false,
      getters: false,
      showProxy: true,
    });
  } catch {
    text = Object.prototype.toString.call(value);
  }
  if (text.length > SHOWN_CHARACTERS) text = `${text.slice(0, SHOWN_CHARACTERS - 3)}...`;
  return `${text} (${Array.isArray(value) ? 'array' : typeof value})`;
}

/** Unix seconds now, by this machine's clock. */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/**
 * The expiry to send for a `ttl` in seconds: 0 never expires; up to 30 days
 * as given; beyond, memcached would read the number as a Unix time (in 1970,
 * so long past), so it is sent as the Unix time `ttl` seconds from now.
 */
export function checkTtl(ttl: unknown, now: () => number = nowSeconds): number {
  if (ttl === undefined) return 0;
  if (!Number.isInteger(ttl) || (ttl as number) < 0 || (ttl as number) > MAX_UINT32) {
    invalid('ERR_INVALID_TTL', `Expected ttl to be a whole number of seconds from 0 to ${MAX_UINT32}, got ${shown(ttl)}`);
  }
  const seconds = ttl as number;
  if (seconds <= MAX_RELATIVE_TTL) return seconds;
  const at = now() + seconds;
  if (at > MAX_UINT32) invalid('ERR_INVALID_TTL', `A ttl of ${seconds} s ends after ${MAX_UINT32} (2106), the last Unix time memcached can hold`);
  return at;
}

/**
 * The expiry to send for `expiresAt`, a Date or Unix seconds. A time already
 * past is sent as one memcached reads as past too (a number up to 30 days
 * would be read as seconds from now): the item expires at once.
 */
export function checkExpiresAt(expiresAt: unknown): number {
  let seconds: number;
  if (expiresAt instanceof Date) {
    seconds = Math.floor(expiresAt.getTime() / 1000);
    if (!Number.isFinite(seconds)) invalid('ERR_INVALID_TTL', `Expected expiresAt to be a valid Date, got ${shown(expiresAt)}`);
  } else if (Number.isInteger(expiresAt) && (expiresAt as number) >= 0) {
    seconds = expiresAt as number;
  } else {
    return invalid('ERR_INVALID_TTL', `Expected expiresAt to be a Date or a whole number of Unix seconds, got ${shown(expiresAt)}`);
  }
  if (seconds > MAX_UINT32)
    invalid('ERR_INVALID_TTL', `expiresAt is after ${MAX_UINT32} (2106), the last Unix time memcached can hold, got ${shown(expiresAt)}`);
  return Math.max(seconds, MAX_RELATIVE_TTL + 1);
}

/** The expiry to send for options holding `ttl` or `expiresAt` (not both). */
export function checkExpiry(ttl: unknown, expiresAt: unknown): number {
  if (expiresAt === undefined) return checkTtl(ttl);
  if (ttl !== undefined) invalid('ERR_INVALID_TTL', 'Give ttl or expiresAt, not both');
  return checkExpiresAt(expiresAt);
}

export function checkFlags(flags: unknown): number {
  if (!Number.isInteger(flags) || (flags as number) < 0 || (flags as number) > MAX_UINT32) {
    invalid('ERR_INVALID_ARGUMENT', `Expected flags to be an integer from 0 to ${MAX_UINT32}, got ${shown(flags)}`);
  }
  return flags as number;
}

export function checkBoolean(value: unknown, name: string): boolean {
  if (value === undefined) return false;
  if (typeof value !== 'boolean') invalid('ERR_INVALID_ARGUMENT', `Expected ${name} to be a boolean, got ${shown(value)}`);
  return value;
}

/** An unsigned 64-bit integer given as a safe integer number or a bigint. */
export function checkUint64(value: unknown, name: string, code: ErrorCode = 'ERR_INVALID_ARGUMENT'): bigint {
  if (typeof value === 'bigint' && value >= 0n && value <= MAX_UINT64) return value;
  if (Number.isSafeInteger(value) && (value as number) >= 0) return BigInt(value as number);
  return invalid(code, `Expected ${name} to be an unsigned 64-bit integer (a number or bigint), got ${shown(value)}`);
}

export function checkCas(cas: unknown): bigint {
  const token = checkUint64(cas, 'the CAS token', 'ERR_INVALID_CAS');
  if (token === 0n) invalid('ERR_INVALID_CAS', 'A CAS token of 0 is never valid: use the token that gets() returned');
  return token;
}

/** The per-call option names of each kind of call. */
export const CALL_OPTIONS = ['timeout', 'signal'] as const;
export const NO_REPLY_OPTIONS = ['noreply', ...CALL_OPTIONS] as const;
export const STORE_OPTIONS = ['ttl', 'expiresAt', 'flags', ...NO_REPLY_OPTIONS] as const;
export const COUNTER_OPTIONS = ['initial', 'ttl', 'expiresAt', ...NO_REPLY_OPTIONS] as const;

/** A call's options as {@link readOptions} read them: the allowed names, each read once. */
export type OptionsRead<Names extends readonly string[]> = Partial<Record<Names[number], unknown>>;

const NO_OPTIONS: Readonly<Record<string, unknown>> = Object.freeze({});

/**
 * A call's options object, read once into a plain object: only the names in
 * `allowed` (any other is rejected, so a misspelt option cannot be ignored),
 * each read once. A getter or proxy of the caller's that throws is rejected
 * with what it threw as the `cause`.
 */
export function readOptions<Names extends readonly string[]>(options: unknown, allowed: Names, call: string): OptionsRead<Names> {
  if (options === undefined) return NO_OPTIONS as OptionsRead<Names>;
  if (typeof options !== 'object' || options === null) {
    invalid('ERR_INVALID_ARGUMENT', `Expected the options of ${call}() to be an object, got ${shown(options)}`);
  }
  let names: string[];
  try {
    names = Object.keys(options);
  } catch (error) {
    return invalidFromCaller(`Reading the options of ${call}()`, error);
  }
  const read: Record<string, unknown> = {};
  for (const name of names) {
    if (!(allowed as readonly string[]).includes(name)) {
      invalid('ERR_INVALID_ARGUMENT', `Unknown option "${name}" for ${call}(); its options are ${allowed.join(', ')}`);
    }
    try {
      read[name] = (options as Record<string, unknown>)[name];
    } catch (error) {
      invalidFromCaller(`Reading the option "${name}" of ${call}()`, error);
    }
  }
  return read as OptionsRead<Names>;
}

/**
 * The keys of a multi-key call, from any iterable but a string or a Buffer
 * (each would be taken as a list of one-character keys). What the caller's
 * iterator throws becomes the cause of the rejection.
 */
export function listKeys(keys: unknown, call: string): Key[] {
  if (typeof keys === 'string' || Buffer.isBuffer(keys) || !isIterable(keys)) {
    throw new InvalidArgumentError(
      'ERR_INVALID_ARGUMENT',
      `Expected the keys of ${call}() to be an iterable of keys (an array, a Set, ...), got ${shown(keys)}`,
    );
  }
  try {
    return Array.from(keys as Iterable<Key>);
  } catch (error) {
    return invalidFromCaller(`Iterating the keys of ${call}()`, error);
  }
}

/** The keys and values of setMany's entries: `[key, value]` pairs from an iterable, or a plain object's own entries. */
export function listEntries<V>(entries: unknown): { keys: Key[]; values: V[] } {
  if (typeof entries !== 'object' || entries === null || Buffer.isBuffer(entries)) {
    throw new InvalidArgumentError(
      'ERR_INVALID_ARGUMENT',
      `Expected the entries of setMany() to be an iterable of [key, value] pairs or an object, got ${shown(entries)}`,
    );
  }
  const keys: Key[] = [];
  const values: V[] = [];
  try {
    const pairs: Iterable<unknown> = isIterable(entries) ? entries : Object.entries(entries);
    for (const pair of pairs) {
      if (typeof pair !== 'object' || pair === null) {
        throw new InvalidArgumentError('ERR_INVALID_ARGUMENT', `Expected each entry of setMany() to be a [key, value] pair, got ${shown(pair)}`);
      }
      keys.push((pair as readonly [Key, V])[0]);
      values.push((pair as readonly [Key, V])[1]);
    }
  } catch (error) {
    if (error instanceof MemcachedError) throw error;
    return invalidFromCaller('Reading the entries of setMany()', error);
  }
  return { keys, values };
}

function isIterable<T>(value: unknown): value is Iterable<T> {
  if (value === null || value === undefined) return false;
  try {
    return typeof (value as Iterable<T>)[Symbol.iterator] === 'function';
  } catch (error) {
    return invalidFromCaller('Reading the iterator of an argument', error);
  }
}
