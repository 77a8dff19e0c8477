/**
 * libmemcached's HASHKIT_MURMUR (pylibmc `{"hash": "murmur"}`): MurmurHash2, 32-bit,
 * seeded with 0xdeadbeef * length. Kept apart from murmur3.ts because the two are
 * unrelated algorithms that share a name; kat.json's "murmur" entries are this one.
 */
const M = 0x5bd1e995;

export function libmemcachedMurmur(data: Uint8Array): number {
  let remaining = data.length;
  // libmemcached derives the seed from the length and then XORs the length in again.
  let h = Math.imul(0xdeadbeef, remaining) ^ remaining;
  let i = 0;

  while (remaining >= 4) {
    let k = data[i]! | (data[i + 1]! << 8) | (data[i + 2]! << 16) | (data[i + 3]! << 24);
    k = Math.imul(k, M);
    k ^= k >>> 24;
    k = Math.imul(k, M);
    h = Math.imul(h, M) ^ k;
    i += 4;
    remaining -= 4;
  }

  switch (remaining) {
    case 3:
      h ^= data[i + 2]! << 16;
    // falls through
    case 2:
      h ^= data[i + 1]! << 8;
    // falls through
    case 1:
      h ^= data[i]!;
      h = Math.imul(h, M);
  }

  h ^= h >>> 13;
  h = Math.imul(h, M);
  h ^= h >>> 15;
  return h >>> 0;
}
