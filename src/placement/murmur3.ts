/**
 * MurmurHash3 x86 32-bit (Austin Appleby's reference algorithm), little-endian block
 * loads, unsigned result. pymemcache's rendezvous hashing scores nodes with it.
 */
const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

function rotl32(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r));
}

/** Scrambles one 4-byte block (or the zero-padded tail) before it is mixed into h. */
function scramble(k: number): number {
  return Math.imul(rotl32(Math.imul(k, C1), 15), C2);
}

export function murmur3_32(data: Uint8Array, seed = 0): number {
  const length = data.length;
  const blockEnd = length & ~3;
  let h = seed | 0;

  for (let i = 0; i < blockEnd; i += 4) {
    const k = data[i]! | (data[i + 1]! << 8) | (data[i + 2]! << 16) | (data[i + 3]! << 24);
    h ^= scramble(k);
    h = rotl32(h, 13);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }

  // The 1-3 trailing bytes form a little-endian partial block that skips the h rotation.
  let tail = 0;
  switch (length & 3) {
    case 3:
      tail ^= data[blockEnd + 2]! << 16;
    // falls through
    case 2:
      tail ^= data[blockEnd + 1]! << 8;
    // falls through
    case 1:
      tail ^= data[blockEnd]!;
      h ^= scramble(tail);
  }

  // Finalisation (fmix32): the length is folded in, then bits are avalanched.
  h ^= length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
