/**
 * Seeded fuzzing of unpickle(): random bytes and mutated valid pickles must come
 * back as a value or an UnpicklingError, quickly, and never as more data than the
 * input could describe (declared lengths are checked before anything is allocated).
 */
import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { MemcachedError } from '../../src/index.js';
import { PyDateTime, PyDecimal, PyTimedelta, PyTimezone, pickle, UnpicklingError, unpickle } from '../../src/python/index.js';
import { seededRandom } from '../support/random.mjs';

const ITERATIONS = 20_000;
const SEED = 0x5eed_2024;

const FIXTURES = (JSON.parse(readFileSync(new URL('../fixtures/python/pickles.json', import.meta.url), 'utf8')) as { hex: string }[]).map((f) =>
  Buffer.from(f.hex, 'hex'),
);

const OURS = [
  { a: [1, 2, [3, 4]], b: new Set([1, 'x']), c: new Map<unknown, unknown>([[[1, 2], 2n ** 80n]]) },
  [Buffer.from([0, 1, 2, 255]), 'ünïcode 😀', -1.5, null, true, -(2 ** 40)],
  new PyDateTime(2020, 1, 2, 3, 4, 5, 6, new PyTimezone(new PyTimedelta(0, 3600), 'X')),
  [new PyDecimal('1.10'), new Date(0), new Set([new Set([1])])],
].flatMap((value) => ([2, 3, 4, 5] as const).map((protocol) => pickle(value, protocol)));

/** Protocol 0 and 1 opcodes Python 2 writers used. */
const HAND_WRITTEN = [
  "(dp0\nS'k'\np1\n(lp2\nI1\naL2L\naF1.5\nas.",
  'U\x03abcT\x01\x00\x00\x00x\x86.',
  'ccopy_reg\n_reconstructor\n(c__builtin__\nobject\ng1\nNtR.',
].map((text) => Buffer.from(text, 'latin1'));

const CORPUS = [...FIXTURES, ...OURS, ...HAND_WRITTEN];

/** Every byte that is an opcode, to make random input look like pickles more often. */
const OPCODES = Buffer.from(
  '()0123FIJKLMNPQRSTUVXabcdeghijlopqrstu}]GBC\x80\x81\x82\x83\x84\x85\x86\x87\x88\x89\x8a\x8b\x8c\x8d\x8e\x8f\x90\x91\x92\x93\x94\x95\x96\x97\x98.',
  'latin1',
);

/** Length fields a corrupt pickle might carry: all ones, the sign bit, 2**32 and beyond. */
const HUGE = ['ffffffff', 'ffffff7f', '00000080', 'ffffffffffffffff', '0000000001000000', 'ffffffffffffff7f'].map((hex) => Buffer.from(hex, 'hex'));

function mutate(random: () => number): Buffer {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const int = (below: number) => Math.floor(random() * below);
  const base = Buffer.from(pick(CORPUS));
  const at = int(base.length + 1);
  switch (int(8)) {
    case 0: // random bytes, half of them opcodes
      return Buffer.from(Array.from({ length: int(64) }, () => (random() < 0.5 ? pick([...OPCODES]) : int(256))));
    case 1: {
      for (let flips = 1 + int(4); flips > 0; flips--) {
        const i = int(base.length);
        base[i] = base[i]! ^ (1 << int(8));
      }
      return base;
    }
    case 2:
      return base.subarray(0, at);
    case 3:
      return Buffer.concat([base.subarray(0, at), Buffer.from([pick([...OPCODES])]), base.subarray(at)]);
    case 4: {
      const huge = pick(HUGE);
      return Buffer.concat([base.subarray(0, at), huge, base.subarray(Math.min(base.length, at + huge.length))]);
    }
    case 5:
      return Buffer.concat([base.subarray(0, at), pick(CORPUS).subarray(int(40))]);
    case 6:
      return Buffer.concat([base.subarray(0, at), base.subarray(Math.min(base.length, at + 1 + int(8)))]);
    default: {
      const run = base.subarray(at, at + 1 + int(6));
      return Buffer.concat([base.subarray(0, at), run, run, run, base.subarray(at)]);
    }
  }
}

/** Characters, bytes and items in a decoded value, each shared part counted once. */
function sizeOf(root: unknown): number {
  const seen = new Set<unknown>();
  const pending = [root];
  let size = 0;
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value === 'object' && value !== null) {
      if (seen.has(value)) continue;
      seen.add(value);
    }
    if (typeof value === 'string') size += value.length;
    else if (typeof value === 'bigint') size += value.toString(16).length / 2;
    else if (Buffer.isBuffer(value)) size += value.length;
    else if (Array.isArray(value)) pending.push(...(value as unknown[]));
    else if (value instanceof Map) pending.push(...value.keys(), ...value.values());
    else if (value instanceof Set) pending.push(...value);
    else if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
      pending.push(...Object.keys(value), ...Object.values(value as Record<string, unknown>));
    }
    size += 1;
  }
  return size;
}

describe('unpickle() fuzzing', () => {
  it(`survives ${ITERATIONS} seeded mutated and random inputs`, () => {
    const random = seededRandom(SEED);
    const unexpected: { hex: string; error: string }[] = [];
    const oversized: { hex: string; size: number }[] = [];
    let values = 0;
    let slowest = 0;
    const memoryBefore = process.memoryUsage();
    const started = performance.now();
    for (let i = 0; i < ITERATIONS; i++) {
      const input = mutate(random);
      const start = performance.now();
      try {
        const value = unpickle(input);
        values++;
        const size = sizeOf(value);
        if (size > 4 * input.length + 64) oversized.push({ hex: input.toString('hex'), size });
      } catch (error) {
        const typed = error instanceof UnpicklingError && error instanceof MemcachedError && /^ERR_UNPICKLE/.test(error.code);
        if (!typed) unexpected.push({ hex: input.toString('hex'), error: String(error) });
      }
      slowest = Math.max(slowest, performance.now() - start);
    }
    const elapsed = performance.now() - started;
    const memoryAfter = process.memoryUsage();

    expect(unexpected.slice(0, 5)).toEqual([]);
    expect(oversized.slice(0, 5)).toEqual([]);
    // Enough inputs got through for the value paths to be exercised too.
    expect(values).toBeGreaterThan(ITERATIONS / 20);
    expect(elapsed).toBeLessThan(10_000);
    expect(slowest).toBeLessThan(250);
    expect(memoryAfter.arrayBuffers - memoryBefore.arrayBuffers).toBeLessThan(64 * 1024 * 1024);
    expect(memoryAfter.heapUsed - memoryBefore.heapUsed).toBeLessThan(256 * 1024 * 1024);
  });

  it('produces the same results from the same seed', () => {
    const run = () => {
      const random = seededRandom(SEED);
      return Array.from({ length: 200 }, () => mutate(random).toString('hex'));
    };
    expect(run()).toEqual(run());
  });
});
