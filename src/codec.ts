/**
 * Codecs turn values into the bytes and 32-bit flags memcached stores, and back.
 * A client takes one codec; decoding always sees the flags stored with the item,
 * so values written by another client decode by what they are, not by who reads.
 */
import { InvalidArgumentError } from './errors.js';
import { utf8Text } from './text.js';

/** Bytes to store (a string is stored as its UTF-8 bytes) and the flags to store with them. */
export interface EncodedValue {
  data: Buffer | string;
  flags: number;
}

export interface Codec<V = unknown> {
  /** Flags stored with a counter that incr/decr creates from `initial`. @default 0 */
  readonly counterFlags?: number;
  /** Called before any I/O; throw an {@link InvalidArgumentError} for values it cannot store. */
  encode(value: V): EncodedValue;
  /** `data` may be a view into a larger buffer: copy it if you keep it beyond the call. */
  decode(data: Buffer, flags: number): V;
}

/** The flag Python clients (python-memcached, pymemcache, pylibmc) use for UTF-8 text. */
export const FLAG_TEXT = 16;

function notStorable(value: unknown, accepted: string): never {
  const kind = value === null ? 'null' : typeof value;
  throw new InvalidArgumentError('ERR_INVALID_VALUE', `Expected ${accepted} as the value, got ${kind}`);
}

/**
 * Strings as UTF-8 with flag 16 and Buffers as raw bytes with flag 0, which is
 * exactly how the Python clients store `str` and `bytes`. Reads return a string
 * when flag 16 is set and a Buffer otherwise.
 */
export const textCodec: Codec<string | Buffer> = {
  encode(value) {
    if (typeof value === 'string') return { data: value, flags: FLAG_TEXT };
    if (Buffer.isBuffer(value)) return { data: value, flags: 0 };
    const bytes: unknown = value;
    if (bytes instanceof Uint8Array) return { data: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), flags: 0 };
    return notStorable(value, 'a string or a Buffer');
  },
  decode(data, flags) {
    return (flags & FLAG_TEXT) !== 0 ? utf8Text(data) : data;
  },
};

/** Buffers in and Buffers out, flags 0, whatever the stored flags say. */
export const rawCodec: Codec<Buffer> = {
  encode(value) {
    if (Buffer.isBuffer(value)) return { data: value, flags: 0 };
    return notStorable(value, 'a Buffer');
  },
  decode(data) {
    return data;
  },
};
