/**
 * Key validation. memcached's text protocol separates fields with spaces and
 * ends commands with CRLF, so a key holding either could smuggle a second
 * command to the server. Every key is checked here, after the prefix is added
 * and before any I/O.
 */
import { createHash } from 'node:crypto';

import { shown } from './arguments.js';
import { InvalidArgumentError } from './errors.js';

export type Key = string | Buffer;

/** memcached's limit on a key, in bytes. */
export const MAX_KEY_BYTES = 250;

const FORBIDDEN = /[\x00-\x20\x7f]/;

function invalid(code: 'ERR_INVALID_KEY' | 'ERR_KEY_TOO_LONG', message: string): never {
  throw new InvalidArgumentError(code, message);
}

function describe(key: Key): string {
  return shown(key);
}

/** A key with the prefix applied, as it goes on the wire, and its length in bytes. */
export interface WireKey {
  key: string | Buffer;
  bytes: number;
}

/** The bytes of a wire key, as they are hashed and sent. */
export function wireKeyBytes(wire: WireKey): Buffer {
  return typeof wire.key === 'string' ? Buffer.from(wire.key, 'utf8') : wire.key;
}

/** Printable ASCII, the usual key, whose bytes are its characters. */
const PRINTABLE_ASCII = /^[\x21-\x7e]*$/;

/**
 * A wire key's identity as one string, for maps keyed by what is sent: its
 * bytes, one character each, whatever type the key came in, so `'k'` and
 * `Buffer.from('k')` are the same key, as they are to the server.
 */
export function wireKeyId(key: WireKey['key']): string {
  if (typeof key !== 'string') return key.toString('latin1');
  return PRINTABLE_ASCII.test(key) ? key : Buffer.from(key, 'utf8').toString('latin1');
}

export class KeyEncoder {
  private readonly prefix: string;
  private readonly prefixBytes: Buffer;

  /**
   * @param hashLongKeys a key over MAX_KEY_BYTES with its prefix is sent as
   *   the prefix and the SHA-1 hex digest of the whole key (prefix included)
   *   instead of being rejected
   */
  constructor(
    prefix: string,
    private readonly hashLongKeys = false,
  ) {
    this.prefix = prefix;
    this.prefixBytes = Buffer.from(prefix, 'utf8');
  }

  /** The key a too-long key is stored under with hashLongKeys, or the error that rejects it. */
  private tooLong(key: Key, wire: string | Buffer, bytes: number): WireKey {
    if (!this.hashLongKeys) {
      invalid('ERR_KEY_TOO_LONG', `Key ${describe(key)} is ${bytes} bytes with its prefix; memcached allows ${MAX_KEY_BYTES}`);
    }
    const digest = createHash('sha1').update(wire).digest('hex');
    const hashed = this.prefix + digest;
    const hashedBytes = this.prefixBytes.length + digest.length;
    if (hashedBytes > MAX_KEY_BYTES) {
      invalid(
        'ERR_KEY_TOO_LONG',
        `Key ${describe(key)} is ${bytes} bytes with its prefix, and its digest with the prefix still ${hashedBytes}; memcached allows ${MAX_KEY_BYTES}`,
      );
    }
    return { key: hashed, bytes: hashedBytes };
  }

  /** The UTF-8 length of `wire`, once `key` is checked to hold no space, control character or lone surrogate. */
  private checkedBytes(key: string, wire: string): number {
    if (FORBIDDEN.test(key)) {
      invalid('ERR_INVALID_KEY', `Key ${describe(key)} contains a space or control character`);
    }
    if (!(key as string & { isWellFormed(): boolean }).isWellFormed()) {
      invalid('ERR_INVALID_KEY', `Key ${describe(key)} contains a lone UTF-16 surrogate`);
    }
    return Buffer.byteLength(wire, 'utf8');
  }

  encode(key: Key): WireKey {
    if (typeof key === 'string') {
      if (key.length === 0) invalid('ERR_INVALID_KEY', 'Keys may not be empty');
      const wire = this.prefix + key;
      // The usual key, printable ASCII: one test says it is valid and how many bytes it is.
      const bytes = PRINTABLE_ASCII.test(key) ? this.prefixBytes.length + key.length : this.checkedBytes(key, wire);
      if (bytes > MAX_KEY_BYTES) return this.tooLong(key, wire, bytes);
      return { key: wire, bytes };
    }
    if (!Buffer.isBuffer(key)) {
      invalid('ERR_INVALID_KEY', `Expected a key to be a string or a Buffer, got ${shown(key)}`);
    }
    if (key.length === 0) invalid('ERR_INVALID_KEY', 'Keys may not be empty');
    for (let i = 0; i < key.length; i++) {
      const byte = key[i]!;
      if (byte <= 0x20 || byte === 0x7f) {
        invalid('ERR_INVALID_KEY', `Key ${describe(key)} contains byte 0x${byte.toString(16).padStart(2, '0')} at ${i}`);
      }
    }
    const bytes = this.prefixBytes.length + key.length;
    if (bytes > MAX_KEY_BYTES) return this.tooLong(key, Buffer.concat([this.prefixBytes, key]), bytes);
    return { key: this.prefixBytes.length === 0 ? key : Buffer.concat([this.prefixBytes, key]), bytes };
  }
}
