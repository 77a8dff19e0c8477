/** Checks of per-call arguments: every one throws an InvalidArgumentError before any I/O. */
import { type ErrorCode, InvalidArgumentError } from './errors.js';

const MAX_UINT32 = 0xffffffff;
const MAX_UINT64 = (1n << 64n) - 1n;

function invalid(code: ErrorCode, message: string): never {
  throw new InvalidArgumentError(code, message);
}

/** Seconds until expiry; 0 never expires; over 30 days memcached reads it as a Unix time. */
export function checkTtl(ttl: unknown): number {
  if (ttl === undefined) return 0;
  if (!Number.isInteger(ttl) || (ttl as number) < 0 || (ttl as number) > MAX_UINT32) {
    invalid('ERR_INVALID_TTL', `Expected ttl to be a whole number of seconds from 0 to ${MAX_UINT32}, got ${String(ttl)}`);
  }
  return ttl as number;
}

export function checkFlags(flags: unknown): number {
  if (!Number.isInteger(flags) || (flags as number) < 0 || (flags as number) > MAX_UINT32) {
    invalid('ERR_INVALID_ARGUMENT', `Expected flags to be an integer from 0 to ${MAX_UINT32}, got ${String(flags)}`);
  }
  return flags as number;
}

export function checkBoolean(value: unknown, name: string): boolean {
  if (value === undefined) return false;
  if (typeof value !== 'boolean') invalid('ERR_INVALID_ARGUMENT', `Expected ${name} to be a boolean, got ${typeof value}`);
  return value;
}

/** An unsigned 64-bit integer given as a safe integer number or a bigint. */
export function checkUint64(value: unknown, name: string, code: ErrorCode = 'ERR_INVALID_ARGUMENT'): bigint {
  if (typeof value === 'bigint' && value >= 0n && value <= MAX_UINT64) return value;
  if (Number.isSafeInteger(value) && (value as number) >= 0) return BigInt(value as number);
  return invalid(code, `Expected ${name} to be an unsigned 64-bit integer (a number or bigint), got ${String(value)}`);
}

export function checkCas(cas: unknown): bigint {
  const token = checkUint64(cas, 'the CAS token', 'ERR_INVALID_CAS');
  if (token === 0n) invalid('ERR_INVALID_CAS', 'A CAS token of 0 is never valid: use the token that gets() returned');
  return token;
}

export function checkOptions(options: unknown, name: string): Record<string, unknown> {
  if (options === undefined) return {};
  if (typeof options !== 'object' || options === null) {
    invalid('ERR_INVALID_ARGUMENT', `Expected ${name} to be an object, got ${options === null ? 'null' : typeof options}`);
  }
  return options as Record<string, unknown>;
}
