/**
 * A codec that shares values with Python memcached clients (python-memcached,
 * pymemcache with its pickle serde, pylibmc, Django's cache backends).
 *
 * Reads anything any of them writes, by the stored flags:
 * bit 8 zlib (inflated first), then 16 UTF-8 text, 2 or 4 a decimal integer,
 * 1 a pickle, and anything else raw bytes.
 *
 * Writes what all of them read: Buffer (any Uint8Array) -> 0 (raw), string -> 16 (UTF-8),
 * safe integer or bigint -> 2 (decimal text), everything else -> 1 (pickle).
 * Compression (bit 8) is off unless asked for, because pymemcache cannot inflate.
 *
 * The `'bmemcached'` flavor swaps the two text bits the way python-binary-memcached
 * does: it stores `str` as UTF-8 under flag 0 and `bytes` under flag 16.
 */
import { deflateSync, inflateSync } from 'node:zlib';

import { type Codec, type EncodedValue, FLAG_TEXT } from '../codec.js';
import { InvalidArgumentError } from '../errors.js';
import { utf8Text } from '../text.js';
import { FLAG_LZ4, lz4Compress, lz4Decompress } from './lz4.js';
import { DecodeError } from './errors.js';
import { parseDecimalInteger } from './integers.js';
import { unpickle, type UnpickleOptions } from './pickle-decode.js';
import { DEFAULT_PICKLE_PROTOCOL, pickle, type PickleProtocol } from './pickle-encode.js';

/** Flag bits of the Python clients. */
export { FLAG_LZ4 } from './lz4.js';
export const FLAG_PICKLE = 1;
export const FLAG_INTEGER = 2;
export const FLAG_LONG = 4;
export const FLAG_COMPRESSED = 8;

/**
 * Which Python client's meaning of flags 0 and 16 the codec follows:
 * `'standard'` (python-memcached, pymemcache, pylibmc, Django: bytes 0, str 16) or
 * `'bmemcached'` (python-binary-memcached: str 0, bytes 16).
 */
export type PythonCodecFlavor = 'standard' | 'bmemcached';

export interface PythonCodecOptions extends UnpickleOptions {
  /**
   * Which Python client's meaning of flags 0 and 16 to follow: `'bmemcached'`
   * for python-binary-memcached, which stores str under 0 and bytes under 16.
   * @default 'standard'
   */
  flavor?: PythonCodecFlavor;
  /** Pickle protocol of written values, 2 to 5. @default 3 (see DEFAULT_PICKLE_PROTOCOL) */
  pickleProtocol?: PickleProtocol;
  /**
   * Compress encoded values longer than this many bytes with zlib, keeping the
   * result only when smaller (python-memcached's `min_compress_len`). Off when
   * undefined: pymemcache readers cannot inflate. @default undefined
   */
  compressThreshold?: number;
  /**
   * How values over `compressThreshold` are compressed: `'zlib'` (flag 8, what
   * python-memcached and pylibmc read) or `'lz4'` (flag 0x40, faster, readable
   * only by this codec). Reading handles both whatever this says.
   * @default 'zlib'
   */
  compression?: 'zlib' | 'lz4';
  /** Largest inflated size accepted when reading compressed values. @default 64 MiB */
  maxOutputLength?: number;
}

const DEFAULT_MAX_OUTPUT = 64 * 1024 * 1024;

function invalidOption(message: string): never {
  throw new InvalidArgumentError('ERR_INVALID_OPTION', message);
}

function checkInteger(name: string, value: number | undefined, min: number): void {
  if (value !== undefined && (!Number.isSafeInteger(value) || value < min)) {
    invalidOption(`Expected the "${name}" option to be an integer of at least ${min}, got ${String(value)}`);
  }
}

/** A codec for values shared with Python clients; see the options for compression and pickling. */
export function pythonCodec(options: PythonCodecOptions = {}): Codec<unknown> {
  const {
    pickleProtocol = DEFAULT_PICKLE_PROTOCOL,
    compressThreshold,
    compression = 'zlib',
    maxOutputLength = DEFAULT_MAX_OUTPUT,
    flavor = 'standard',
  } = options;
  if (flavor !== 'standard' && flavor !== 'bmemcached') invalidOption(`Expected the "flavor" option to be 'standard' or 'bmemcached', got ${String(flavor)}`);
  // The flags of raw bytes and of UTF-8 text.
  const bytesFlags = flavor === 'bmemcached' ? FLAG_TEXT : 0;
  const textFlags = flavor === 'bmemcached' ? 0 : FLAG_TEXT;
  if (compression !== 'zlib' && compression !== 'lz4') invalidOption(`Expected the "compression" option to be 'zlib' or 'lz4', got ${String(compression)}`);
  if (![2, 3, 4, 5].includes(pickleProtocol)) invalidOption(`Expected the "pickleProtocol" option to be 2, 3, 4 or 5, got ${String(pickleProtocol)}`);
  checkInteger('compressThreshold', compressThreshold, 0);
  checkInteger('maxOutputLength', maxOutputLength, 1);
  checkInteger('maxDepth', options.maxDepth, 1);
  const unpickleOptions: UnpickleOptions = { globals: options.globals, maxDepth: options.maxDepth };

  const compress = (encoded: EncodedValue): EncodedValue => {
    if (compressThreshold === undefined) return encoded;
    const bytes = typeof encoded.data === 'string' ? Buffer.from(encoded.data, 'utf8') : encoded.data;
    if (bytes.length <= compressThreshold) return encoded;
    const compressed = compression === 'lz4' ? lz4Compress(bytes) : deflateSync(bytes);
    const flag = compression === 'lz4' ? FLAG_LZ4 : FLAG_COMPRESSED;
    return compressed.length < bytes.length ? { data: compressed, flags: encoded.flags | flag } : encoded;
  };

  return {
    // Counters created by incr/decr hold decimal text: the Python clients' integer flag.
    counterFlags: FLAG_INTEGER,
    encode(value) {
      if (value instanceof Uint8Array) return compress({ data: Buffer.from(value.buffer, value.byteOffset, value.byteLength), flags: bytesFlags });
      if (typeof value === 'string') return compress({ data: value, flags: textFlags });
      if (typeof value === 'bigint' || (typeof value === 'number' && Number.isSafeInteger(value) && !Object.is(value, -0))) {
        return compress({ data: String(value), flags: FLAG_INTEGER });
      }
      return compress({ data: pickle(value, pickleProtocol), flags: FLAG_PICKLE });
    },
    decode(data, flags) {
      let bytes = data;
      if ((flags & FLAG_LZ4) !== 0) bytes = lz4Decompress(bytes, maxOutputLength);
      else if ((flags & FLAG_COMPRESSED) !== 0) bytes = inflate(bytes, maxOutputLength);
      if ((flags & FLAG_TEXT) !== 0) return bytesFlags === FLAG_TEXT ? bytes : utf8Text(bytes);
      if ((flags & (FLAG_INTEGER | FLAG_LONG)) !== 0) {
        return parseDecimalInteger(bytes.toString('latin1')) ?? decodeFailure('An integer item does not hold a decimal integer');
      }
      if ((flags & FLAG_PICKLE) !== 0) return unpickle(bytes, unpickleOptions);
      return textFlags === 0 ? utf8Text(bytes) : bytes;
    },
  };
}

function decodeFailure(message: string): never {
  throw new DecodeError(message);
}

function inflate(data: Buffer, maxOutputLength: number): Buffer {
  try {
    return inflateSync(data, { maxOutputLength });
  } catch (error) {
    const tooLarge = (error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE';
    return decodeFailure(
      tooLarge ? `A compressed item inflates to more than ${maxOutputLength} bytes` : `A compressed item does not inflate: ${(error as Error).message}`,
    );
  }
}
