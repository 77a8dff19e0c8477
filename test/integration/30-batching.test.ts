import { randomBytes } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type Client } from '../../src/index.js';
import { binding } from '../../src/engine/native.js';
import { testClient } from '../support/clients.js';
import { startMemcached } from '../support/memcached.js';
import { seededRandom } from '../support/random.mjs';
import { type FakeServer, silentServer, within } from '../support/util.js';

/** What these tests store: the text codec's values. */
type Value = string | Buffer;

function shuffle<T>(items: T[], next: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

function sameValue(actual: unknown, expected: Value): boolean {
  if (typeof expected === 'string') return actual === expected;
  return Buffer.isBuffer(actual) && actual.equals(expected);
}

describe('one tick, many operations', () => {
  it('matches each of 10,000 mixed operations in flight to its own key', async () => {
    const client = testClient();
    const next = seededRandom(0x5eed);
    const readValue = (i: number) => `read-${i}-${'r'.repeat(i % 50)}`;
    const setup: Array<[string, string]> = [];
    for (let i = 0; i < 2000; i++) setup.push([`r${i}`, readValue(i)]);
    for (let i = 0; i < 2000; i++) setup.push([`c${i}`, String(1000 * i)]);
    for (let i = 0; i < 1000; i++) setup.push([`d${i}`, `doomed-${i}`]);
    const stored = await client.setMany(setup);
    expect([...stored.values()].filter((ok) => ok)).toHaveLength(5000);

    // Every operation below works on a key no other operation in the tick writes,
    // so each outcome depends only on its own key.
    type Plan = { run: () => Promise<unknown>; check: (result: unknown) => boolean; label: string };
    const plans: Plan[] = [];
    for (let i = 0; i < 3000; i++) {
      const n = i % 2000;
      plans.push({ label: `get r${n}`, run: () => client.get(`r${n}`), check: (r) => r === readValue(n) });
    }
    for (let i = 0; i < 3000; i++) {
      plans.push({ label: `set w${i}`, run: () => client.set(`w${i}`, `written-${i}`), check: (r) => r === true });
    }
    for (let i = 0; i < 2000; i++) {
      plans.push({ label: `incr c${i}`, run: () => client.incr(`c${i}`, i + 1), check: (r) => r === 1000 * i + i + 1 });
    }
    for (let i = 0; i < 1000; i++) {
      plans.push({ label: `delete d${i}`, run: () => client.delete(`d${i}`), check: (r) => r === true });
    }
    for (let i = 0; i < 1000; i++) {
      plans.push({ label: `get m${i}`, run: () => client.get(`m${i}`), check: (r) => r === undefined });
    }
    shuffle(plans, next);
    expect(plans).toHaveLength(10_000);

    const promises = plans.map((plan) => plan.run());
    expect(client.pending).toBe(10_000);
    const outcomes = await within(Promise.allSettled(promises), 20_000, '10,000 operations');
    const wrong = outcomes
      .map((outcome, i) => ({ outcome, plan: plans[i]! }))
      .filter(({ outcome, plan }) => outcome.status !== 'fulfilled' || !plan.check(outcome.value))
      .map(({ outcome, plan }) => `${plan.label}: ${outcome.status === 'fulfilled' ? String(outcome.value) : String(outcome.reason)}`);
    expect(wrong.slice(0, 10)).toEqual([]);
    expect(client.pending).toBe(0);

    // The writes landed.
    const written = await client.getMany(Array.from({ length: 3000 }, (_, i) => `w${i}`));
    expect(written.size).toBe(3000);
    for (let i = 0; i < 3000; i++) expect(written.get(`w${i}`)).toBe(`written-${i}`);
    expect(await client.getMany(Array.from({ length: 1000 }, (_, i) => `d${i}`))).toEqual(new Map());
    // The counters were stored as strings (flag 16); incr keeps the flags.
    expect(await client.get('c1999')).toBe(String(1000 * 1999 + 2000));
  });

  // Each phase below depends on the one before for the same keys: the README
  // promises that operations issued in the same tick run in order per key.
  it.each([
    ['default settings', {}],
    ['one batch at a time', { maxConcurrentBatches: 1 }],
  ])('keeps per-key order across 10,000 operations issued in one tick (%s)', async (_name, options) => {
    const client = testClient(options);
    const value = (i: number) => `v${i}-${'x'.repeat(i % 37)}`;
    await client.setMany(Array.from({ length: 2000 }, (_, i) => [`k${i}`, 'old'] as const));
    const expected: unknown[] = [];
    const promises: Array<Promise<unknown>> = [];
    const issue = (promise: Promise<unknown>, outcome: unknown) => {
      promises.push(promise);
      expected.push(outcome);
    };
    for (let i = 0; i < 2000; i++) issue(client.set(`k${i}`, value(i)), true);
    for (let i = 0; i < 2000; i++) issue(client.get(`k${i}`), value(i));
    for (let i = 0; i < 1000; i++) issue(client.set(`n${i}`, String(i)), true);
    for (let i = 0; i < 1000; i++) issue(client.incr(`n${i}`, 5), i + 5);
    for (let i = 0; i < 1000; i++) issue(client.delete(`k${i}`), true);
    for (let i = 0; i < 2000; i++) issue(client.get(`k${i}`), i < 1000 ? undefined : value(i));
    for (let i = 0; i < 1000; i++) issue(client.get(`n${i}`), String(i + 5));
    expect(promises).toHaveLength(10_000);

    const outcomes = await within(Promise.allSettled(promises), 20_000, '10,000 operations');
    const actual = outcomes.map((outcome) => (outcome.status === 'fulfilled' ? outcome.value : `rejected: ${String(outcome.reason)}`));
    const mismatches = actual.flatMap((result, i) => (result === expected[i] ? [] : [`#${i}: expected ${String(expected[i])}, got ${String(result)}`]));
    expect(mismatches.length, mismatches.slice(0, 5).join('\n')).toBe(0);
  });

  it('runs operations on one key in the order issued within a tick', async () => {
    const client = testClient();
    await client.set('old', 'before');
    const results = await Promise.all([
      client.set('a', 'first'),
      client.get('a'),
      client.set('b', 'one'),
      client.set('b', 'two'),
      client.get('b'),
      client.get('old'),
      client.set('old', 'after'),
      client.get('old'),
      client.delete('old'),
      client.get('old'),
      client.add('a', 'not added'),
      client.append('a', '+more'),
      client.getMany(['a', 'b', 'old']),
      client.incr('counter', 1, { initial: 7 }),
      client.incr('counter', 1),
      client.get('counter'),
      client.set('nr', 'quiet', { noreply: true }),
      client.get('nr'),
      client.replace('nr', 'loud'),
      client.gets('nr'),
    ]);
    expect(results.slice(0, 19)).toEqual([
      true,
      'first',
      true,
      true,
      'two',
      'before',
      true,
      'after',
      true,
      undefined,
      false,
      true,
      new Map([
        ['a', 'first+more'],
        ['b', 'two'],
      ]),
      7,
      8,
      Buffer.from('8'),
      true,
      'quiet',
      true,
    ]);
    expect(results[19]).toMatchObject({ value: 'loud', flags: 16 });
  });

  it('answers every copy of a key repeated in one getMany, getsMany or tick', async () => {
    const client = testClient();
    await client.setMany([
      ['a', 'A'],
      ['b', Buffer.from('B')],
    ]);
    const many = await client.getMany(['a', 'a', 'missing', 'b', 'a', 'missing', 'b']);
    expect(many).toEqual(
      new Map<string, Value>([
        ['a', 'A'],
        ['b', Buffer.from('B')],
      ]),
    );
    const withCas = await client.getsMany(['b', 'b', 'a']);
    expect(withCas.size).toBe(2);
    expect(withCas.get('b')).toMatchObject({ value: Buffer.from('B'), flags: 0 });

    // Two reads of one Buffer value in the same tick get independent Buffers.
    const [first, second, third] = (await Promise.all([client.get('b'), client.get('b'), client.gets('b')])) as [Buffer, Buffer, { value: Buffer }];
    expect(first).toEqual(Buffer.from('B'));
    expect(second).toEqual(Buffer.from('B'));
    first[0] = 0x5a;
    expect(second).toEqual(Buffer.from('B'));
    expect(third.value).toEqual(Buffer.from('B'));

    // The same through a libuv thread (one batch too large for the event loop).
    const oneBatch = testClient({ maxConnections: 1 });
    await oneBatch.set('b', Buffer.from('B'));
    const before = oneBatch.counters;
    const copies = (await Promise.all(Array.from({ length: binding.maxLoopBatch + 6 }, () => oneBatch.get('b')))) as Buffer[];
    const after = oneBatch.counters;
    expect([after.batches - before.batches, after.loopBatches - before.loopBatches]).toEqual([1, 0]);
    copies[0]![0] = 0x5a;
    expect(copies[0]).toEqual(Buffer.from('Z'));
    for (const copy of copies.slice(1)) expect(copy).toEqual(Buffer.from('B'));
  });

  it('asks the server once for a key read many times in one batch, and again after a write to it', async () => {
    const server = await startMemcached();
    try {
      const client = testClient({ maxConnections: 1 }, server.address);
      const large = randomBytes(200 * 1024); // a value in a block of its own
      await client.setMany([
        ['hot', 'h'],
        ['large', large],
      ]);
      const asked = async () => Number((await client.stats())[server.address]!.cmd_get);
      const before = await asked();
      const results = await Promise.all([
        ...Array.from({ length: 20 }, () => client.get('hot')),
        client.getMany(['hot', 'large', 'missing']),
        client.gets('large'),
        client.get('large'),
        client.get('missing'),
        client.set('hot', 'changed'),
        client.get('hot'),
        client.get('hot'),
      ]);
      // hot, large and missing once before the write, hot once after it.
      expect((await asked()) - before).toBe(4);
      expect(results.slice(0, 20)).toEqual(Array.from({ length: 20 }, () => 'h'));
      expect(results[20]).toEqual(
        new Map<string, Value>([
          ['hot', 'h'],
          ['large', large],
        ]),
      );
      const [withCas, plain] = [results[21] as { value: Buffer; cas: bigint }, results[22] as Buffer];
      expect(withCas.value.equals(large) && plain.equals(large)).toBe(true);
      expect(withCas.cas).toBe((await client.gets('large'))!.cas);
      expect(results.slice(23)).toEqual([undefined, true, 'changed', 'changed']);
      // Each copy of a value read once is a Buffer of its own.
      plain.fill(0);
      expect(withCas.value.equals(large)).toBe(true);
      expect((results[20] as Map<string, Value>).get('large')).toEqual(large);

      // A key asked in an earlier `gets` line (or NOOP-ended group) of the
      // same run: lines are cut near 2 KB, so 300 keys take several.
      const keys = Array.from({ length: 300 }, (_, i) => `run-of-reads-${i}`);
      await client.setMany(keys.map((key) => [key, key]));
      const beforeRun = await asked();
      const [all, first, middle] = await Promise.all([client.getMany(keys), client.get(keys[0]!), client.get(keys[150]!)]);
      expect((await asked()) - beforeRun).toBe(300);
      expect([all.size, all.get(keys[299]!), first, middle]).toEqual([300, keys[299], keys[0], keys[150]]);
    } finally {
      await server.stop();
    }
  });

  it('reads 1000 keys in one getMany', async () => {
    const client = testClient();
    const keys = Array.from({ length: 1000 }, (_, i) => `many-${i}`);
    await client.setMany(keys.filter((_, i) => i % 10 !== 0).map((key) => [key, `value:${key}`] as const));
    const hits = await client.getMany(keys);
    expect(hits.size).toBe(900);
    for (const [i, key] of keys.entries()) {
      if (i % 10 === 0) expect(hits.has(key)).toBe(false);
      else expect(hits.get(key)).toBe(`value:${key}`);
    }
  });

  it('decodes values of random sizes (0..20000 bytes), ASCII or not, for the right keys', async () => {
    const client = testClient();
    const next = seededRandom(42);
    const values = new Map<string, Value>();
    for (let i = 0; i < 300; i++) {
      const size = i % 25 === 0 ? 0 : Math.floor(next() * 20001);
      if (i % 2 === 0) {
        const bytes = Buffer.alloc(size);
        for (let j = 0; j < size; j++) bytes[j] = Math.floor(next() * 256);
        values.set(`bin-${i}`, bytes);
      } else {
        // ASCII, and text with one non-ASCII character near the start or the end.
        const text = String.fromCharCode(0x41 + (i % 26)).repeat(size) + `#${i}`;
        const at = i % 3 === 0 ? 0 : i % 3 === 1 ? Math.max(0, text.length - 3) : -1;
        values.set(`text-${i}`, at < 0 ? text : `${text.slice(0, at)}é✓${text.slice(at)}`);
      }
    }
    await client.setMany(values);
    const keys = shuffle([...values.keys()], next);
    const [many, ...singles] = await Promise.all([client.getMany(keys), ...keys.map((key) => client.get(key))]);
    expect((many as Map<string, Value>).size).toBe(300);
    const wrong = keys.filter((key, i) => !sameValue((many as Map<string, Value>).get(key), values.get(key)!) || !sameValue(singles[i], values.get(key)!));
    expect(wrong).toEqual([]);
  });

  it('gives correct results with maxBatchSize 7 and maxConcurrentBatches 1', async () => {
    const client = testClient({ maxBatchSize: 7, maxConcurrentBatches: 1 });
    const promises: Array<Promise<unknown>> = [];
    const expected: unknown[] = [];
    for (let i = 0; i < 150; i++) {
      promises.push(client.set(`s${i}`, `value-${i}`));
      expected.push(true);
    }
    for (let i = 0; i < 150; i++) {
      promises.push(client.get(`s${i}`));
      expected.push(`value-${i}`);
    }
    for (let i = 0; i < 100; i++) {
      promises.push(client.incr(`c${i % 10}`, 1, { initial: 0 }));
      expected.push(Math.floor(i / 10));
    }
    promises.push(client.getMany(Array.from({ length: 50 }, (_, i) => `s${i}`)));
    expected.push(new Map(Array.from({ length: 50 }, (_, i) => [`s${i}`, `value-${i}`])));
    for (let i = 0; i < 99; i++) {
      promises.push(client.delete(`s${i}`));
      expected.push(true);
    }
    expect(promises).toHaveLength(500);
    expect(client.pending).toBeGreaterThanOrEqual(500);
    expect(await within(Promise.all(promises), 20_000, '500 operations')).toEqual(expected);
    expect(client.pending).toBe(0);
    expect(await client.get('s98')).toBeUndefined();
    expect(await client.get('s99')).toBe('value-99');
  });
});

describe('the pending count', () => {
  let silent: FakeServer;

  beforeAll(async () => {
    silent = await silentServer();
  });

  afterAll(() => silent.close());

  it('counts the operations issued and goes back to 0 once they settle', async () => {
    const client = testClient();
    expect(client.pending).toBe(0);
    const promises = Array.from({ length: 300 }, (_, i) => (i % 2 ? client.set(`p${i}`, 'v') : client.get(`p${i}`)));
    expect(client.pending).toBe(300);
    await Promise.all(promises);
    expect(client.pending).toBe(0);
    const invalid = client.get('');
    expect(client.pending).toBe(0);
    await expect(invalid).rejects.toMatchObject({ code: 'ERR_INVALID_KEY' });
  });

  it('still counts every unsettled operation while its batch is in flight', async () => {
    const client: Client = testClient({ timeout: 400, connectTimeout: 400 }, silent.address);
    let settled = 0;
    // Outcomes are collected up front so none goes unhandled if an assertion below fails.
    const outcomes = Array.from({ length: 50 }, (_, i) =>
      client
        .get(`k${i}`)
        .then(
          (value) => ({ value }),
          (error: unknown) => ({ error }),
        )
        .finally(() => settled++),
    );
    expect(client.pending).toBe(50);
    // The batch is now on the thread pool, waiting for a server that never answers.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const pendingInFlight = client.pending;
    const settledInFlight = settled;
    const results = await Promise.all(outcomes);
    expect(client.pending).toBe(0);
    expect(results.every((result) => 'error' in result && (result.error as { code?: string }).code === 'ERR_TIMEOUT')).toBe(true);
    expect(settledInFlight).toBe(0);
    expect(pendingInFlight).toBe(50);
  });
});
