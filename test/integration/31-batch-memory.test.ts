import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { describe, expect, it } from 'vitest';

import { BatchMemoryCache } from '../../src/engine/batch-memory.js';
import { COLUMN_BYTES_PER_OP } from '../../src/engine/batch-layout.js';
import { rawCodec } from '../../src/index.js';
import { binding } from '../../src/engine/native.js';
import { poolConfig, resolveOptions } from '../../src/options.js';
import { protocolOption, sharedServers, testClient, uniquePrefix } from '../support/clients.js';
import { ensureDist, fakeServer, ROOT, runNode } from '../support/util.js';

const EMPTY = Buffer.alloc(0);

describe('memory kept from one batch to the next', () => {
  it('serves every batch up to a power of two from the same memory, once given back', () => {
    const cache = new BatchMemoryCache(30_000);
    const first = cache.take(5, 40, 0).memory;
    expect(first.columns.status.length).toBe(8);
    expect(first.columns.buffer.byteLength).toBe(8 * COLUMN_BYTES_PER_OP);
    // Not given back yet: a second batch in flight gets memory of its own.
    const second = cache.take(5, 40, 0).memory;
    expect(second).not.toBe(first);
    cache.give(first, EMPTY);
    expect(cache.take(8, 40, 0).memory).toBe(first);
    cache.give(first, EMPTY);
    const larger = cache.take(9, 40, 0).memory;
    expect(larger).not.toBe(first);
    expect(larger.columns.status.length).toBe(16);
  });

  it('grows the key and value room when a batch needs more, and keeps large value rooms apart', () => {
    const cache = new BatchMemoryCache(30_000);
    const { memory, values } = cache.take(1, 10, 100);
    expect(memory.keys.length).toBeGreaterThanOrEqual(10);
    expect(values.length).toBeGreaterThanOrEqual(100);
    cache.give(memory, values);
    const again = cache.take(1, 1000, 5000);
    expect(again.memory).toBe(memory);
    expect(again.memory.keys.length).toBeGreaterThanOrEqual(1000);
    expect(again.values.length).toBeGreaterThanOrEqual(5000);
    expect(again.values).toBe(memory.values);
    cache.give(memory, again.values);
    // A large write gets a room apart from the batch memory's own, which stays modest.
    const large = cache.take(1, 10, 1_000_000);
    expect(large.values.length).toBe(1 << 20);
    expect(large.values).not.toBe(memory.values);
    expect(memory.values.length).toBeLessThan(1 << 20);
    expect(cache.largeRoomBytes).toBe(0);
    cache.give(large.memory, large.values);
    expect(cache.largeRoomBytes).toBe(1 << 20);
    // The next large batch writes into the same pages, whatever its operation count.
    const next = cache.take(20, 10, 700_000);
    expect(next.values).toBe(large.values);
    expect(cache.largeRoomBytes).toBe(0);
    cache.give(next.memory, next.values);
  });

  it('keeps two large rooms of at most 32 MiB, the largest ones, and lets them go on close', () => {
    const cache = new BatchMemoryCache(30_000);
    const rooms = [1 << 17, 1 << 20, 1 << 19].map((bytes) => cache.take(1, 1, bytes));
    const tooLarge = cache.take(1, 1, 33 * 1024 * 1024);
    expect(tooLarge.values.length).toBe(33 * 1024 * 1024);
    for (const { memory, values } of [...rooms, tooLarge]) cache.give(memory, values);
    expect(cache.largeRoomBytes).toBe((1 << 20) + (1 << 19));
    // The smallest room that fits is taken, so the larger stays for a larger batch.
    expect(cache.take(1, 1, 300_000).values).toBe(rooms[2]!.values);
    expect(cache.take(1, 1, 300_000).values).toBe(rooms[1]!.values);
    cache.give(rooms[1]!.memory, rooms[1]!.values);
    cache.close();
    expect(cache.largeRoomBytes).toBe(0);
    cache.give(rooms[2]!.memory, rooms[2]!.values);
    expect(cache.largeRoomBytes).toBe(0);
  });

  it('lets large rooms go once no batch has used them for idleTimeout', async () => {
    const cache = new BatchMemoryCache(150);
    const first = cache.take(1, 1, 1 << 20);
    cache.give(first.memory, first.values);
    // Used again within the idle time: the room stays past the first deadline.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const second = cache.take(1, 1, 1 << 20);
    expect(second.values).toBe(first.values);
    cache.give(second.memory, second.values);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(cache.largeRoomBytes).toBe(1 << 20);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(cache.largeRoomBytes).toBe(0);
  });

  it('drops what is given back beyond two per size, and huge batches', () => {
    const cache = new BatchMemoryCache(30_000);
    const taken = [cache.take(3, 1, 0).memory, cache.take(3, 1, 0).memory, cache.take(3, 1, 0).memory];
    for (const memory of taken) cache.give(memory, EMPTY);
    const again = [cache.take(3, 1, 0).memory, cache.take(3, 1, 0).memory, cache.take(3, 1, 0).memory];
    expect(again.filter((memory) => taken.includes(memory))).toHaveLength(2);
    const huge = cache.take(5000, 1, 0).memory;
    expect(huge.columns.status.length).toBe(8192);
    cache.give(huge, EMPTY);
    expect(cache.take(5000, 1, 0).memory).not.toBe(huge);
  });
});

describe('batches on reused memory', () => {
  it('carry nothing over from earlier, larger batches (CAS tokens, initial values, flags, expiry)', async () => {
    const client = testClient();
    await client.set('seed', 'x');
    for (const [round, size] of [1, 12, 3, 16, 9, 2, 64, 200, 5, 1].entries()) {
      const tag = `r${round}`;
      // Each round: counters created from `initial`, CAS with a fresh token,
      // sets with flags and expiry, and plain reads, all in one batch.
      await client.setMany(Array.from({ length: size }, (_, i) => [`${tag}-v${i}`, `value-${size}-${i}`] as const));
      const tokens = await client.getsMany(Array.from({ length: size }, (_, i) => `${tag}-v${i}`));
      const calls: Array<Promise<unknown>> = [];
      for (let i = 0; i < size; i++) {
        if (i % 4 === 0) calls.push(client.incr(`${tag}-n${i}`, 5, { initial: 100 + i }));
        else if (i % 4 === 1) calls.push(client.incr(`${tag}-missing${i}`, 5));
        else if (i % 4 === 2) calls.push(client.cas(`${tag}-v${i}`, `swapped-${i}`, tokens.get(`${tag}-v${i}`)!.cas));
        else calls.push(client.get(`${tag}-v${i}`));
      }
      const results = await Promise.all(calls);
      for (let i = 0; i < size; i++) {
        if (i % 4 === 0) expect(results[i], `${tag} incr with initial`).toBe(100 + i);
        // A counter that does not exist stays a miss: no initial value from an earlier batch.
        else if (i % 4 === 1) expect(results[i], `${tag} incr of a missing key`).toBeUndefined();
        else if (i % 4 === 2) expect(results[i], `${tag} cas`).toBe(true);
        else expect(results[i], `${tag} get`).toBe(`value-${size}-${i}`);
      }
      for (let i = 1; i < size; i += 4) expect(await client.get(`${tag}-missing${i}`)).toBeUndefined();
      for (let i = 2; i < size; i += 4) expect(await client.get(`${tag}-v${i}`)).toBe(`swapped-${i}`);
    }
  });

  it('stores flag 0 for a set without flags in memory that held flagged sets', async () => {
    const client = testClient({ codec: rawCodec });
    // Both batches need room for 16: the second reuses the first one's memory.
    await Promise.all(Array.from({ length: 10 }, (_, i) => client.set(`flagged${i}`, Buffer.from('a'), { flags: 0xabcd })));
    await Promise.all(Array.from({ length: 10 }, (_, i) => client.set(`plain${i}`, Buffer.from('b'))));
    const read = await client.getsMany(Array.from({ length: 10 }, (_, i) => `plain${i}`));
    expect([...read.values()].map((entry) => entry.flags)).toEqual(Array(10).fill(0));
    expect((await client.gets('flagged9'))?.flags).toBe(0xabcd);
  });
});

describe('the addon reads columns longer than the batch', () => {
  it('refuses a column buffer too short for the count, or not a whole number of operations, before any I/O', () => {
    const [host, port] = sharedServers()[0]!.split(':');
    const native = new binding.NativeClient(poolConfig([{ host: host!, port: Number(port), weight: 1 }], resolveOptions({})));
    const keys = Buffer.from('k');
    const noop = () => {};
    try {
      expect(() => native.execute(2, new ArrayBuffer(COLUMN_BYTES_PER_OP), keys, Buffer.alloc(0), [], true, noop)).toThrow(TypeError);
      expect(() => native.execute(1, new ArrayBuffer(COLUMN_BYTES_PER_OP + 1), keys, Buffer.alloc(0), [], true, noop)).toThrow(TypeError);
      expect(() => native.execute(0, new ArrayBuffer(COLUMN_BYTES_PER_OP), keys, Buffer.alloc(0), [], true, noop)).toThrow(TypeError);
      expect(() => native.execute(1, Buffer.alloc(COLUMN_BYTES_PER_OP) as never, keys, Buffer.alloc(0), [], true, noop)).toThrow(TypeError);
      // threadAllowed must be a boolean.
      expect(() => native.execute(1, new ArrayBuffer(COLUMN_BYTES_PER_OP), keys, Buffer.alloc(0), [], 1 as never, noop)).toThrow(TypeError);
    } finally {
      native.close();
    }
  });
});

/**
 * Runs `script` in a Node of its own with --expose-gc against the shared
 * server (SERVER, PREFIX, PROTOCOL and ROOT in its environment); returns the
 * JSON it printed, after checking that it ran cleanly.
 */
function runWithGc<T>(script: string): T {
  ensureDist();
  const run = runNode(['--expose-gc', '-e', script], {
    ROOT,
    SERVER: sharedServers()[0]!,
    PREFIX: uniquePrefix(),
    PROTOCOL: protocolOption().protocol,
  });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout) as T;
}

describe('large values read', () => {
  it('come as Buffers of their own, small ones as views of one shared block, every byte right', async () => {
    const client = testClient({ codec: rawCodec });
    try {
      const large = [64 * 1024, 100_000, 500_000].map((size, i) => randomBytes(size + i));
      const small = [randomBytes(10), randomBytes(64 * 1024 - 1)];
      const keys = ['l0', 'l1', 'l2', 's0', 's1'];
      await Promise.all([...large, ...small].map((value, i) => client.set(keys[i]!, value)));
      // One batch: every value the same read, and a large key read twice.
      const read = await client.getMany([...keys, 'l1']);
      for (const [i, value] of large.entries()) {
        const got = read.get(keys[i]!) as Buffer;
        expect(got.equals(value)).toBe(true);
        // Nothing but this value's bytes: a value kept holds no other's memory.
        expect([got.byteOffset, got.buffer.byteLength]).toEqual([0, value.length]);
      }
      for (const [i, value] of small.entries()) {
        const got = read.get(keys[3 + i]!) as Buffer;
        expect(got.equals(value)).toBe(true);
        expect(got.buffer.byteLength).toBeGreaterThan(got.length);
      }
      const [one, two] = await Promise.all([client.get('l1'), client.get('l1')]);
      expect((one as Buffer).equals(large[1]!) && (two as Buffer).equals(large[1]!)).toBe(true);
      // Each read has memory of its own, even of the same key in one batch.
      expect((one as Buffer).buffer).not.toBe((two as Buffer).buffer);
    } finally {
      await client.close();
    }
  });

  it('arrive whole however the stream is cut: a header, a key or a value split across reads', async () => {
    // A proxy that passes the server's answers on in pieces of 1 to 5,000
    // bytes, each in a write of its own a moment after the last, so the
    // client reads them piece by piece: a value large enough to be read
    // straight into its room starts in one read and ends many later.
    const [host, port] = sharedServers()[0]!.split(':');
    const cuts = [1, 7, 23, 3, 4999, 24, 2, 1500, 31, 5000];
    const proxy = await fakeServer((client) => {
      const upstream = net.connect(Number(port), host);
      upstream.on('error', () => client.destroy());
      client.on('close', () => upstream.destroy());
      client.on('data', (chunk) => upstream.write(chunk));
      let pending = Buffer.alloc(0);
      let cut = 0;
      let passing = false;
      const pass = () => {
        if (pending.length === 0 || client.destroyed) {
          passing = false;
          return;
        }
        const size = cuts[cut++ % cuts.length]!;
        client.write(pending.subarray(0, size));
        pending = pending.subarray(size);
        setTimeout(pass, 0);
      };
      upstream.on('data', (chunk) => {
        pending = Buffer.concat([pending, chunk]);
        if (!passing) {
          passing = true;
          pass();
        }
      });
    });
    const keyPrefix = uniquePrefix();
    const writer = testClient({ codec: rawCodec, keyPrefix });
    const client = testClient({ codec: rawCodec, keyPrefix, timeout: 10_000 }, proxy.address);
    try {
      const sizes = [0, 1, 100, 16 * 1024 + 3, 20_000, 70_000, 100_000, 300_000];
      const values = sizes.map((size) => randomBytes(size));
      const keys = sizes.map((size) => `cut${size}`);
      await Promise.all(keys.map((key, i) => writer.set(key, values[i]!)));
      const read = await client.getMany([...keys, 'cut-missing', keys[6]!]);
      keys.forEach((key, i) => expect((read.get(key) as Buffer).equals(values[i]!), key).toBe(true));
      expect(read.has('cut-missing')).toBe(false);
      // One call each, in one tick, the largest key twice.
      const each = await Promise.all([...keys, keys[7]!].map((key) => client.get(key)));
      const expected = [...values, values[7]!];
      each.forEach((got, i) => expect((got as Buffer).equals(expected[i]!), `call ${i}`).toBe(true));
    } finally {
      await client.close();
      await proxy.close();
    }
  });

  it('give their memory back for the next reads once collected, and the kept memory goes after idleTimeout', () => {
    const script = `
      const { Client, rawCodec, nativeResources } = require(process.env.ROOT + '/dist/cjs/index.js');
      const { randomBytes } = require('node:crypto');
      (async () => {
        const client = new Client(process.env.SERVER, { keyPrefix: process.env.PREFIX, codec: rawCodec, idleTimeout: 1500, protocol: process.env.PROTOCOL });
        const value = randomBytes(300_000);
        await client.set('big', value);
        // Held until all 20 are read: a collection during the reads would
        // hand blocks back to later reads and so keep fewer.
        let held = [];
        for (let i = 0; i < 20; i++) held.push(await client.get('big'));
        if (!held.every((got) => got.equals(value))) throw new Error('wrong bytes');
        held = undefined;
        // Node may run the finalizers of collected Buffers a few ticks after
        // the collection: collect until the blocks are back (or give up after
        // a second and let the assertions below say how many came back).
        const block = 320 * 1024;
        for (let tries = 0; tries < 50 && nativeResources().spareValueBytes < 19 * block; tries++) {
          global.gc();
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        const kept = nativeResources().spareValueBytes;
        // Taken again by the next reads, not allocated anew.
        for (let i = 0; i < 5; i++) {
          if (!(await client.get('big')).equals(value)) throw new Error('wrong bytes');
        }
        const reused = kept - nativeResources().spareValueBytes;
        await new Promise((resolve) => setTimeout(resolve, 3500));
        const left = nativeResources().spareValueBytes;
        await client.close();
        console.log(JSON.stringify({ kept, reused, left }));
      })().catch((error) => { console.error(error); process.exit(3); });
    `;
    const { kept, reused, left } = runWithGc<{ kept: number; reused: number; left: number }>(script);
    // 20 values of 300,000 bytes in blocks of 320 KiB (the last may still be
    // referenced from the stack when the collection runs).
    expect(kept % (320 * 1024)).toBe(0);
    expect(kept).toBeGreaterThanOrEqual(19 * 320 * 1024);
    expect(reused).toBe(5 * 320 * 1024);
    expect(left).toBe(0);
  });

  it('become strings over their own memory when they are ASCII text: held while the string lives, then given back', () => {
    const script = `
      const { Client, textCodec, nativeResources } = require(process.env.ROOT + '/dist/cjs/index.js');
      (async () => {
        const client = new Client(process.env.SERVER, { keyPrefix: process.env.PREFIX, codec: textCodec, protocol: process.env.PROTOCOL });
        const printable = (i) => String.fromCharCode(32 + ((i * 7919) % 95));
        const ascii = Array.from({ length: 300_000 }, (_, i) => printable(i)).join('');
        // Not ASCII: decoded as UTF-8 into a string of V8's own.
        const accented = 'é'.repeat(150_000);
        await client.setMany([['ascii', ascii], ['accented', accented]]);
        const collect = async () => {
          for (let i = 0; i < 10; i++) {
            global.gc();
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
        };
        let text = await client.get('ascii');
        const decoded = await client.get('accented');
        await collect();
        // The accented value's block came back; the ASCII one is the string.
        const whileHeld = nativeResources().spareValueBytes;
        // Reads that take every kept block and give it back, again and again,
        // must never write into the memory of the string still held.
        for (let round = 0; round < 5; round++) {
          const again = await Promise.all([client.get('ascii'), client.get('ascii'), client.get('accented')]);
          if (again[0] !== ascii || again[1] !== ascii || again[2] !== accented) throw new Error('wrong text read');
          await collect();
        }
        const intact = text === ascii && decoded === accented;
        const before = nativeResources().spareValueBytes;
        text = undefined;
        await collect();
        const released = nativeResources().spareValueBytes - before;
        await client.close();
        console.log(JSON.stringify({ whileHeld, intact, released }));
      })().catch((error) => { console.error(error); process.exit(3); });
    `;
    const { whileHeld, intact, released } = runWithGc<{ whileHeld: number; intact: boolean; released: number }>(script);
    // Blocks of 320 KiB: the accented value's only.
    expect(whileHeld).toBe(320 * 1024);
    expect(intact).toBe(true);
    expect(released).toBe(320 * 1024);
  });

  it('write large text values of a batch into a kept room: no fresh pages once warm', () => {
    const script = `
      const { Client } = require(process.env.ROOT + '/dist/cjs/index.js');
      (async () => {
        const client = new Client(process.env.SERVER, { keyPrefix: process.env.PREFIX, protocol: process.env.PROTOCOL });
        const value = 'v'.repeat(100_000);
        const keys = Array.from({ length: 32 }, (_, i) => 'k' + i);
        // One batch of 32 sets: 3.2 MB of text written into one room.
        const rounds = async () => {
          for (let i = 0; i < 20; i++) await Promise.all(keys.map((key) => client.set(key, value)));
        };
        const faultsOf = async (work) => {
          const before = process.resourceUsage().minorPageFault;
          await work();
          return process.resourceUsage().minorPageFault - before;
        };
        const cold = await faultsOf(async () => {
          await rounds();
          global.gc();
        });
        const warm = await faultsOf(rounds);
        if ((await client.get('k31')) !== value) throw new Error('wrong value');
        await client.close();
        console.log(JSON.stringify({ cold, warm }));
      })().catch((error) => { console.error(error); process.exit(3); });
    `;
    const { cold, warm } = runWithGc<{ cold: number; warm: number }>(script);
    // One batch's room is some 800 pages. 20 batches in fresh rooms touched
    // 3,500-4,700 fresh pages warm against 12,000 cold (21,000 against
    // 24,000 under ASan); in the kept room 50-90 against 1,100 (600 against
    // 4,100 under ASan, whose allocator holds freed memory back).
    expect(warm * 4).toBeLessThan(cold);
  });

  it('share one kept block per batch of small reads, as large as the last one: no fresh pages once warm', () => {
    const script = `
      const { Client, rawCodec } = require(process.env.ROOT + '/dist/cjs/index.js');
      const { randomBytes } = require('node:crypto');
      (async () => {
        const client = new Client(process.env.SERVER, { keyPrefix: process.env.PREFIX, codec: rawCodec, protocol: process.env.PROTOCOL });
        const value = randomBytes(10_000);
        const keys = Array.from({ length: 32 }, (_, i) => 'k' + i);
        await client.setMany(keys.map((key) => [key, value]));
        // One batch of 32 reads: their values share a block of some 320 KB.
        const batch = () => Promise.all(keys.map((key) => client.get(key)));
        const rounds = async () => {
          const held = [];
          for (let i = 0; i < 20; i++) held.push(await batch());
          if (!held.every((values) => values.every((got) => got.equals(value)))) throw new Error('wrong bytes');
        };
        const collect = async () => {
          for (let i = 0; i < 10; i++) {
            global.gc();
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
        };
        const faultsOf = async (work) => {
          const before = process.resourceUsage().minorPageFault;
          await work();
          return process.resourceUsage().minorPageFault - before;
        };
        // Cold: nothing kept yet, every block is fresh memory. Then warm: the
        // same 20 batches on the blocks the first ones gave back.
        const cold = await faultsOf(rounds);
        await collect();
        const warm = await faultsOf(rounds);
        await client.close();
        console.log(JSON.stringify({ cold, warm }));
      })().catch((error) => { console.error(error); process.exit(3); });
    `;
    const { cold, warm } = runWithGc<{ cold: number; warm: number }>(script);
    // 640 reads of 10,000 bytes written to fresh memory: some 1,600 pages.
    expect(cold).toBeGreaterThan(1500);
    // Reused: only what the JS heap grows by (a few dozen pages; a few
    // hundred under ASan, whose allocator holds freed memory back).
    expect(warm * 2).toBeLessThan(cold);
  });
});
