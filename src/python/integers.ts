/**
 * Python ints as JavaScript values: a `number` when it is a safe integer, a
 * `bigint` beyond. Conversions to and from decimal text and from the minimal
 * little-endian two's complement bytes of pickle's LONG1/LONG4.
 */
import { MAX_INT_DIGITS } from './limits.js';

/** A Python int (`number` when safe, else `bigint`). */
export type PyInt = number | bigint;

function toPyInt(value: bigint): PyInt {
  const small = Number(value);
  return Number.isSafeInteger(small) ? small : value;
}

const DECIMAL = /^[+-]?[0-9]+$/;

/**
 * Decimal integer text with an optional sign and surrounding ASCII whitespace
 * (memcached pads an `incr` result with spaces when it shrinks), or undefined if
 * it is anything else or longer than {@link MAX_INT_DIGITS} digits.
 */
export function parseDecimalInteger(text: string): PyInt | undefined {
  const trimmed = text.replace(/^[ \t\n\r\v\f]+|[ \t\n\r\v\f]+$/g, '');
  if (!DECIMAL.test(trimmed)) return undefined;
  const digits = trimmed.length - (trimmed[0] === '+' || trimmed[0] === '-' ? 1 : 0);
  if (digits > MAX_INT_DIGITS) return undefined;
  // Python ints have no negative zero.
  if (digits < 16) return Number(trimmed) || 0;
  return toPyInt(BigInt(trimmed));
}

/** Little-endian two's complement bytes (any length; empty is 0), as LONG1/LONG4 store them. */
export function readSignedLE(bytes: Uint8Array): PyInt {
  const size = bytes.length;
  if (size === 0) return 0;
  if (size <= 6) return Buffer.from(bytes.buffer, bytes.byteOffset, size).readIntLE(0, size);
  // Hex is linear in the number of bytes, unlike decimal.
  const unsigned = BigInt('0x' + Buffer.from(bytes).reverse().toString('hex'));
  const negative = (bytes[size - 1]! & 0x80) !== 0;
  return toPyInt(negative ? unsigned - (1n << BigInt(size * 8)) : unsigned);
}

/** The shortest two's complement little-endian form of `value`, as Python's pickler writes it. */
export function writeSignedLE(value: bigint): Buffer {
  if (value === 0n) return Buffer.alloc(0);
  // One byte more than the magnitude needs leaves room for the sign bit...
  let size = ((value < 0n ? -value : value).toString(2).length >> 3) + 1;
  let bytes = toBytesLE(BigInt.asUintN(size * 8, value), size);
  // ...which a negative number whose top bit is already set does not need.
  if (value < 0n && size > 1 && bytes[size - 1] === 0xff && (bytes[size - 2]! & 0x80) !== 0) {
    size -= 1;
    bytes = bytes.subarray(0, size);
  }
  return bytes;
}

function toBytesLE(unsigned: bigint, size: number): Buffer {
  return Buffer.from(unsigned.toString(16).padStart(size * 2, '0'), 'hex').reverse();
}
