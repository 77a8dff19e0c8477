/**
 * Server selection of pymemcache's HashClient (3.5 and 4.0), which uses rendezvous
 * (highest random weight) hashing from `pymemcache.client.rendezvous.RendezvousHash`.
 */
import { murmur3_32 } from './murmur3.js';
import { pythonBytesRepr } from './python-repr.js';

/**
 * pymemcache's pure-Python murmur3 reads `ord(char) & 0xff` for each character of a
 * str, so it hashes one byte per code point, not UTF-8. (The unmasked 4th byte of a
 * block only sets bits above 32, which the final `& 0xffffffff` discards.)
 */
export function codePointLowBytes(text: string): Uint8Array {
  const bytes: number[] = [];
  for (const char of text) bytes.push(char.codePointAt(0)! & 0xff); // for..of yields code points
  return Uint8Array.from(bytes);
}

/** Python compares str by code point; JS `<` compares UTF-16 units, which differs above U+FFFF. */
function compareCodePoints(a: string, b: string): number {
  const left = Array.from(a, (c) => c.codePointAt(0)!);
  const right = Array.from(b, (c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    if (left[i] !== right[i]) return left[i]! - right[i]!;
  }
  return left.length - right.length;
}

/** The text Python builds with "%s-%s" % (node, key): a bytes key appears as its repr. */
function scoredText(node: string, key: string | Uint8Array): string {
  return `${node}-${typeof key === 'string' ? key : pythonBytesRepr(key)}`;
}

/** Scores one node for one key; pymemcache's RendezvousHash takes the same `hash_function` hook. */
export type RendezvousHashFunction = (data: Uint8Array) => number;

export class RendezvousPlacement {
  /**
   * @param nodeNames node names exactly as HashClient builds them, `host:port` (e.g.
   *   '127.0.0.1:11211'), in the order the servers were given.
   * @param hashFunction murmur3 with seed 0, which is what HashClient always uses.
   */
  constructor(
    private readonly nodeNames: readonly string[],
    private readonly hashFunction: RendezvousHashFunction = murmur3_32,
  ) {}

  /** Index of the node the key goes to (the key as passed, before any key_prefix); -1 if none. */
  serverFor(key: string | Uint8Array): number {
    return this.serverForLive(key, () => false);
  }

  /**
   * Like serverFor, but nodes for which isDead returns true are skipped, as HashClient
   * removes a dead server from its hasher. Returns -1 when every node is dead.
   */
  serverForLive(key: string | Uint8Array, isDead: (index: number) => boolean): number {
    let best = -1;
    let bestScore = -1;
    this.nodeNames.forEach((node, index) => {
      if (isDead(index)) return;
      const score = this.hashFunction(codePointLowBytes(scoredText(node, key)));
      // A tie keeps whichever name is larger (Python's max() over str).
      if (score > bestScore || (score === bestScore && compareCodePoints(node, this.nodeNames[best]!) > 0)) {
        best = index;
        bestScore = score;
      }
    });
    return best;
  }
}
