/**
 * lz4 for the Python codec, through lz4-napi (prebuilt binaries, loaded on first
 * use). Blocks carry their decompressed size in the first four bytes (little
 * endian), which is checked against the limit before anything is decompressed.
 */
import { DecodeError } from './errors.js';

/** Flag bit of lz4-compressed values; no Python client uses it, none reads it. */
export const FLAG_LZ4 = 0x40;

interface Lz4 {
  compressSync(data: Buffer): Buffer;
  uncompressSync(data: Buffer): Buffer;
}

let lz4: Lz4 | undefined;
function library(): Lz4 {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  lz4 ??= require('lz4-napi') as Lz4;
  return lz4;
}

export function lz4Compress(data: Buffer): Buffer {
  return library().compressSync(data);
}

export function lz4Decompress(data: Buffer, maxOutputLength: number): Buffer {
  if (data.length < 4) throw new DecodeError('An lz4 item is too short to hold its size');
  const size = data.readUInt32LE(0);
  if (size > maxOutputLength) throw new DecodeError(`An lz4 item decompresses to ${size} bytes, more than ${maxOutputLength}`);
  try {
    return library().uncompressSync(data);
  } catch (error) {
    throw new DecodeError(`An lz4 item does not decompress: ${(error as Error).message}`);
  }
}
