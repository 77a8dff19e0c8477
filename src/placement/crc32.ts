/**
 * CRC-32 (IEEE 802.3, the zlib / Python `binascii.crc32` variant), unsigned.
 *
 * Node 20.15+ ships `zlib.crc32` in C; the package supports any Node 20, so older
 * runtimes fall back to a table-driven version computed here.
 */
import * as zlib from 'node:zlib';

type Crc32Fn = (data: Uint8Array) => number;

// The typings declare crc32 unconditionally, but it is absent before Node 20.15.
const native = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;

let table: Uint32Array | undefined;

/** Reflected CRC-32 with polynomial 0xEDB88320, init and final XOR 0xFFFFFFFF. */
export function crc32Fallback(data: Uint8Array): number {
  if (table === undefined) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let bit = 0; bit < 8; bit++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const byte of data) crc = table[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** CRC-32 of `data` as an unsigned 32-bit integer. */
export const crc32: Crc32Fn = native ? (data) => native(data) >>> 0 : crc32Fallback;

/** True when the built-in zlib implementation is in use (exposed for tests). */
export const crc32IsNative: boolean = native !== undefined;
