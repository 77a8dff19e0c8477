import { describe, expect, it } from 'vitest';

import { BatchError, Client, InvalidArgumentError, MemcachedError, ServerError } from '../../src/index.js';
import { sharedServers, testClient, track, uniquePrefix } from '../support/clients.js';
import { freePort, startMemcached } from '../support/memcached.js';
import { rejectionOf, sleep, within } from '../support/util.js';

const MiB = 1024 * 1024;

describe('storage and retrieval', () => {
  it('stores and reads strings and Buffers', async () => {
    const client = testClient();
    expect(await client.set('text', 'hello')).toBe(true);
    expect(await client.set('bytes', Buffer.from([0, 1, 254, 255]))).toBe(true);
    expect(await client.get('text')).toBe('hello');
    expect(await client.get('bytes')).toEqual(Buffer.from([0, 1, 254, 255]));
    expect(await client.get('absent')).toBeUndefined();
  });

  it('set overwrites; add only stores absent keys; replace only existing ones', async () => {
    const client = testClient();
    expect(await client.set('k', 'one')).toBe(true);
    expect(await client.set('k', 'two')).toBe(true);
    expect(await client.get('k')).toBe('two');

    expect(await client.add('k', 'three')).toBe(false);
    expect(await client.get('k')).toBe('two');
    expect(await client.add('fresh', 'added')).toBe(true);
    expect(await client.get('fresh')).toBe('added');

    expect(await client.replace('missing', 'x')).toBe(false);
    expect(await client.get('missing')).toBeUndefined();
    expect(await client.replace('k', 'replaced')).toBe(true);
    expect(await client.get('k')).toBe('replaced');
  });

  it('append and prepend add bytes to existing items and keep their flags', async () => {
    const client = testClient();
    expect(await client.append('missing', 'x')).toBe(false);
    expect(await client.prepend('missing', 'x')).toBe(false);
    expect(await client.get('missing')).toBeUndefined();

    await client.set('text', 'middle');
    expect(await client.append('text', '>end')).toBe(true);
    expect(await client.prepend('text', 'start<')).toBe(true);
    // Appending a Buffer to a string item keeps the item's flag 16: it still reads as a string.
    expect(await client.append('text', Buffer.from('!'))).toBe(true);
    const item = await client.gets('text');
    expect(item?.value).toBe('start<middle>end!');
    expect(item?.flags).toBe(16);

    await client.set('bytes', Buffer.from([1, 2]));
    expect(await client.append('bytes', Buffer.from([3]))).toBe(true);
    expect(await client.prepend('bytes', Buffer.from([0]))).toBe(true);
    expect(await client.get('bytes')).toEqual(Buffer.from([0, 1, 2, 3]));
  });

  it('delete resolves true for an existing key and false for a missing one', async () => {
    const client = testClient();
    await client.set('k', 'v');
    expect(await client.delete('k')).toBe(true);
    expect(await client.get('k')).toBeUndefined();
    expect(await client.delete('k')).toBe(false);
  });

  it('getMany returns the hits keyed as given, misses absent; getsMany adds cas and flags', async () => {
    const client = testClient();
    await client.set('a', 'A');
    await client.set('b', Buffer.from('B'));
    const many = await client.getMany(['a', 'missing', 'b']);
    expect([...many.entries()]).toEqual([
      ['a', 'A'],
      ['b', Buffer.from('B')],
    ]);
    expect(await client.getMany([])).toEqual(new Map());
    // Any iterable of keys.
    expect(await client.getMany(new Set(['a']))).toEqual(new Map([['a', 'A']]));

    const withCas = await client.getsMany(['a', 'b', 'missing']);
    expect([...withCas.keys()]).toEqual(['a', 'b']);
    const single = await client.gets('a');
    expect(withCas.get('a')).toEqual(single);
    expect(withCas.get('a')!.flags).toBe(16);
    expect(withCas.get('b')!.flags).toBe(0);
    expect(typeof withCas.get('b')!.cas).toBe('bigint');
    expect(withCas.get('b')!.cas).toBeGreaterThan(0n);
    expect(withCas.get('a')!.cas).not.toBe(withCas.get('b')!.cas);
  });

  it('setMany takes entries or a plain object and reports each key; deleteMany reports each key', async () => {
    const client = testClient();
    const stored = await client.setMany([
      ['x', 'X'],
      ['y', Buffer.from([9])],
    ]);
    expect(stored).toEqual(
      new Map<string, boolean>([
        ['x', true],
        ['y', true],
      ]),
    );
    expect(await client.setMany({ p: 'P', q: 'Q' })).toEqual(
      new Map([
        ['p', true],
        ['q', true],
      ]),
    );
    expect(await client.getMany(['x', 'y', 'p', 'q'])).toEqual(
      new Map<string, string | Buffer>([
        ['x', 'X'],
        ['y', Buffer.from([9])],
        ['p', 'P'],
        ['q', 'Q'],
      ]),
    );
    const deleted = await client.deleteMany(['x', 'missing', 'q']);
    expect(deleted).toEqual(
      new Map([
        ['x', true],
        ['missing', false],
        ['q', true],
      ]),
    );
    expect(await client.getMany(['x', 'y', 'p', 'q'])).toEqual(
      new Map<string, string | Buffer>([
        ['y', Buffer.from([9])],
        ['p', 'P'],
      ]),
    );
    // setMany with a ttl applies it to every entry.
    await client.setMany({ t1: 'a', t2: 'b' }, { ttl: 1000, flags: 7 });
    const items = await client.getsMany(['t1', 't2']);
    expect(items.get('t1')!.flags).toBe(7);
    expect(items.get('t2')!.flags).toBe(7);
  });

  it('touch resolves true for an existing key (keeping its value) and false for a missing one', async () => {
    const client = testClient();
    await client.set('k', 'v', { ttl: 1000 });
    expect(await client.touch('k', 2000)).toBe(true);
    expect(await client.get('k')).toBe('v');
    expect(await client.touch('missing', 10)).toBe(false);
    expect(await client.get('missing')).toBeUndefined();
  });
});

describe('options: ttl, flags, noreply', () => {
  it('custom flags round-trip through gets().flags and decide how values decode', async () => {
    const client = testClient();
    const flags = (0xdeadbeef & ~16) >>> 0; // flag 16 clear: decodes as a Buffer
    expect(await client.set('custom', Buffer.from('abc'), { flags })).toBe(true);
    const custom = await client.gets('custom');
    expect(custom?.flags).toBe(flags);
    expect(custom?.value).toEqual(Buffer.from('abc'));

    expect(await client.set('max', 'x', { flags: 0xffffffff })).toBe(true);
    expect((await client.gets('max'))?.flags).toBe(0xffffffff);

    // A Buffer stored with flag 16 reads back as a string ...
    await client.set('buffer16', Buffer.from('héllo', 'utf8'), { flags: 16 });
    expect(await client.get('buffer16')).toBe('héllo');
    // ... and a string stored with flag 0 reads back as a Buffer.
    await client.set('string0', 'plain', { flags: 0 });
    expect(await client.get('string0')).toEqual(Buffer.from('plain'));
    expect(await client.add('added', 'a', { flags: 3 })).toBe(true);
    expect((await client.gets('added'))?.flags).toBe(3);
    expect(await client.replace('added', 'b', { flags: 4 })).toBe(true);
    expect((await client.gets('added'))?.flags).toBe(4);
  });

  it('noreply on set, add, replace, delete, touch, incr and decr takes effect', async () => {
    const client = testClient();
    expect(await client.set('s', 'one', { noreply: true })).toBe(true);
    expect(await client.add('a', 'two', { noreply: true })).toBe(true);
    expect(await client.get('s')).toBe('one');
    expect(await client.get('a')).toBe('two');

    expect(await client.replace('s', 'uno', { noreply: true })).toBe(true);
    expect(await client.get('s')).toBe('uno');

    expect(await client.set('n', '10')).toBe(true);
    expect(await client.incr('n', 5, { noreply: true })).toBeUndefined();
    expect(await client.get('n')).toBe('15');
    expect(await client.decr('n', 3, { noreply: true })).toBeUndefined();
    expect(await client.get('n')).toBe('12');

    expect(await client.delete('a', { noreply: true })).toBe(true);
    expect(await client.get('a')).toBeUndefined();
    // noreply resolves true even when the key did not exist (nobody answered).
    expect(await client.delete('never', { noreply: true })).toBe(true);

    // The connection is still in step after the noreply commands.
    expect(await client.set('after', 'ok')).toBe(true);
    expect(await client.gets('after')).toMatchObject({ value: 'ok', flags: 16 });
    expect(await client.add('after', 'no')).toBe(false);
    expect(await client.get('after')).toBe('ok');

    expect(await client.deleteMany(['s', 'n'], { noreply: true })).toEqual(
      new Map([
        ['s', true],
        ['n', true],
      ]),
    );
    expect(await client.getMany(['s', 'n'])).toEqual(new Map());
  });

  it('expires items after their ttl (set, touch, touch with noreply, incr with initial)', async () => {
    const client = testClient();
    // memcached's clock moves in whole seconds: an item with a ttl of 1 may be
    // gone at its next tick, however soon that comes. The one read before the
    // wait gets 2, so it is there then and gone after 3 s.
    await client.set('short', 'gone soon', { ttl: 2 });
    await client.set('long', 'stays', { ttl: 100 });
    await client.set('forever', 'stays');
    await client.set('touched', 'gone soon', { ttl: 1000 });
    expect(await client.touch('touched', 1)).toBe(true);
    await client.set('touchedNoreply', 'gone soon');
    expect(await client.touch('touchedNoreply', 1, { noreply: true })).toBe(true);
    await client.set('extended', 'stays', { ttl: 2 });
    expect(await client.touch('extended', 100)).toBe(true);
    expect(await client.incr('counter', 5, { initial: 42, ttl: 1 })).toBe(42);
    expect(await client.add('added', 'gone soon', { ttl: 1 })).toBe(true);

    // A Unix time goes in expiresAt.
    expect(await client.set('absolute', 'stays', { expiresAt: Math.floor(Date.now() / 1000) + 100 })).toBe(true);

    expect(await client.get('short')).toBe('gone soon');
    await sleep(3100);
    const left = await client.getMany(['short', 'long', 'forever', 'touched', 'touchedNoreply', 'extended', 'counter', 'added', 'absolute']);
    expect(Object.fromEntries(left)).toEqual({ long: 'stays', forever: 'stays', extended: 'stays', absolute: 'stays' });
  });

  it('reads a ttl over 30 days as seconds from now, not as a Unix time (set, add, touch, incr)', async () => {
    const client = testClient();
    const fortyDays = 40 * 24 * 3600;
    expect(await client.set('forty', 'stays', { ttl: fortyDays })).toBe(true);
    expect(await client.add('fortyAdded', 'stays', { ttl: 30 * 24 * 3600 + 1 })).toBe(true);
    await client.set('fortyTouched', 'stays', { ttl: 100 });
    expect(await client.touch('fortyTouched', fortyDays)).toBe(true);
    expect(await client.incr('fortyCounter', 1, { initial: 7, ttl: fortyDays })).toBe(7);
    const found = await client.getMany(['forty', 'fortyAdded', 'fortyTouched', 'fortyCounter']);
    expect([...found.keys()]).toEqual(['forty', 'fortyAdded', 'fortyTouched', 'fortyCounter']);
  });

  it('stores an item with an expiresAt already past as expired at once, whether a Date or Unix seconds; touch takes a Date', async () => {
    const client = testClient();
    expect(await client.set('pastDate', 'gone', { expiresAt: new Date(Date.now() - 60_000) })).toBe(true);
    // Unix seconds in 1970, which memcached would read as seconds from now.
    expect(await client.set('pastSeconds', 'gone', { expiresAt: 5 })).toBe(true);
    expect(await client.set('pastZero', 'gone', { expiresAt: 0 })).toBe(true);
    expect(await client.incr('pastCounter', 1, { initial: 1, expiresAt: 100 })).toBe(1);
    expect(await client.set('futureDate', 'stays', { expiresAt: new Date(Date.now() + 3_600_000) })).toBe(true);
    await client.set('touchedPast', 'gone');
    expect(await client.touch('touchedPast', new Date(Date.now() - 60_000))).toBe(true);
    await client.set('touchedFuture', 'stays', { ttl: 2 });
    expect(await client.touch('touchedFuture', new Date(Date.now() + 3_600_000))).toBe(true);
    const found = await client.getMany(['pastDate', 'pastSeconds', 'pastZero', 'pastCounter', 'futureDate', 'touchedPast', 'touchedFuture']);
    expect(Object.fromEntries(found)).toEqual({ futureDate: 'stays', touchedFuture: 'stays' });
  });

  it('expires an item at its expiresAt', async () => {
    const client = testClient();
    // memcached's clock moves in whole seconds: 2 s ahead is at least 1 s away.
    const expiresAt = Math.floor(Date.now() / 1000) + 2;
    expect(await client.set('at', 'gone soon', { expiresAt })).toBe(true);
    expect(await client.get('at')).toBe('gone soon');
    const deadline = Date.now() + 6000;
    while ((await client.get('at')) !== undefined && Date.now() < deadline) await sleep(200);
    expect(await client.get('at')).toBeUndefined();
  });
});

describe('values', () => {
  it('stores binary values holding every byte 0..255, in any order', async () => {
    const client = testClient();
    const ascending = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const descending = Buffer.from(ascending).reverse();
    // Protocol look-alikes inside a value must not confuse the reply parser.
    const tricky = Buffer.from('VALUE x 0 3\r\nEND\r\n\r\nSTORED\r\n\0', 'binary');
    await client.setMany([
      ['asc', ascending],
      ['desc', descending],
      ['tricky', tricky],
    ]);
    expect(await client.get('asc')).toEqual(ascending);
    const many = await client.getMany(['asc', 'desc', 'tricky']);
    expect(many.get('asc')).toEqual(ascending);
    expect(many.get('desc')).toEqual(descending);
    expect(many.get('tricky')).toEqual(tricky);
    // A Uint8Array is stored as bytes too.
    await client.set('u8', new Uint8Array([7, 0, 7]) as Buffer);
    expect(await client.get('u8')).toEqual(Buffer.from([7, 0, 7]));
  });

  it('reads back an empty string and an empty Buffer on their own', async () => {
    const client = testClient();
    expect(await client.set('emptyString', '')).toBe(true);
    expect(await client.set('emptyBuffer', Buffer.alloc(0))).toBe(true);
    // Batches whose only hits are empty values.
    expect(await within(client.get('emptyString'), 2000, 'get of an empty string')).toBe('');
    expect(await within(client.get('emptyBuffer'), 2000, 'get of an empty Buffer')).toEqual(Buffer.alloc(0));
    const items = await within(client.getsMany(['emptyString', 'emptyBuffer']), 2000, 'getsMany of empty values');
    expect(items.get('emptyString')).toMatchObject({ value: '', flags: 16 });
    expect(items.get('emptyBuffer')).toMatchObject({ value: Buffer.alloc(0), flags: 0 });
    expect(await within(client.getMany(['emptyString', 'emptyBuffer']), 2000, 'getMany of empty values')).toEqual(
      new Map<string, string | Buffer>([
        ['emptyString', ''],
        ['emptyBuffer', Buffer.alloc(0)],
      ]),
    );
  });

  it('reads back empty values batched with non-empty ones', async () => {
    const client = testClient();
    await client.setMany([
      ['e', ''],
      ['b', Buffer.alloc(0)],
      ['full', 'x'],
    ]);
    const [e, b, full] = await within(Promise.all([client.get('e'), client.get('b'), client.get('full')]), 2000);
    expect(e).toBe('');
    expect(b).toEqual(Buffer.alloc(0));
    expect(full).toBe('x');
  });

  it('stores a value of exactly 1 MiB on a server started with -I 2m', async () => {
    const client = testClient({}, sharedServers()[0]);
    const value = Buffer.alloc(MiB);
    for (let i = 0; i < value.length; i += 4096) value.writeUInt32BE(i, i);
    expect(await client.set('oneMiB', value)).toBe(true);
    const read = await client.get('oneMiB');
    expect(Buffer.isBuffer(read)).toBe(true);
    expect((read as Buffer).length).toBe(MiB);
    // Buffer#equals: a deep toEqual over a MiB is needlessly slow.
    expect((read as Buffer).equals(value)).toBe(true);
    const text = 'é'.repeat(MiB / 2); // 1 MiB of UTF-8
    expect(await client.set('oneMiBText', text)).toBe(true);
    expect(await client.get('oneMiBText')).toBe(text);
  });

  it('rejects 1 MiB + 1 byte with ERR_VALUE_TOO_LARGE before any I/O', async () => {
    // Nothing listens on this port: any I/O would fail with a connection error instead.
    const offline = testClient({}, `127.0.0.1:${await freePort()}`);
    for (const value of [Buffer.alloc(MiB + 1), 'x'.repeat(MiB + 1), 'é'.repeat(MiB / 2) + 'x']) {
      const error = await rejectionOf(offline.set('big', value));
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect(error.code).toBe('ERR_VALUE_TOO_LARGE');
    }
    expect(offline.pending).toBe(0);

    const client = testClient({}, sharedServers()[0]);
    const error = await rejectionOf(client.set('big', Buffer.alloc(MiB + 1)));
    expect(error.code).toBe('ERR_VALUE_TOO_LARGE');
    expect(await client.get('big')).toBeUndefined();
  });

  it('turns a value the server refuses into a ServerError naming it, and the connection keeps working', async () => {
    const server = sharedServers()[1]!; // memcached's default 1 MiB item limit, which counts the item header
    const client = testClient({}, server);
    await client.set('before', 'ok');
    const error = await rejectionOf(client.set('huge', Buffer.alloc(MiB, 1)));
    expect(error).toBeInstanceOf(ServerError);
    expect(error.code).toBe('ERR_SERVER_ERROR');
    expect(error.server).toBe(server);
    expect(error.message).toContain(server);
    expect(await client.get('huge')).toBeUndefined();
    expect(await client.get('before')).toBe('ok');
    expect(await client.set('after', 'fine')).toBe(true);
    expect(await client.get('after')).toBe('fine');

    // In one batch: the refused write fails alone.
    const outcomes = await Promise.allSettled([
      client.set('huge', Buffer.alloc(MiB, 2)),
      client.set('next', 'stored'),
      client.get('next'),
      client.get('missing'),
    ]);
    expect(outcomes[0]).toMatchObject({ status: 'rejected', reason: { code: 'ERR_SERVER_ERROR', server } });
    expect(outcomes.slice(1)).toEqual([
      { status: 'fulfilled', value: true },
      { status: 'fulfilled', value: 'stored' },
      { status: 'fulfilled', value: undefined },
    ]);

    // In setMany: a BatchError with the other entries' outcomes.
    const batch = await rejectionOf(
      client.setMany([
        ['small1', 'a'],
        ['huge', Buffer.alloc(MiB, 3)],
        ['small2', 'b'],
      ]),
    );
    expect(batch).toBeInstanceOf(BatchError);
    expect(batch.code).toBe('ERR_BATCH');
    const { results, errors } = batch as BatchError<string, boolean>;
    expect(results).toEqual(
      new Map([
        ['small1', true],
        ['small2', true],
      ]),
    );
    expect([...errors.keys()]).toEqual(['huge']);
    expect(errors.get('huge')).toBeInstanceOf(ServerError);
    expect(errors.get('huge')).toMatchObject({ code: 'ERR_SERVER_ERROR', server });
    expect(await client.getMany(['small1', 'huge', 'small2'])).toEqual(
      new Map([
        ['small1', 'a'],
        ['small2', 'b'],
      ]),
    );
  });

  it('stores unicode keys and values', async () => {
    const client = testClient();
    const entries: Array<[string, string]> = [
      ['ключ-🔑', '値'],
      ['値', 'значение ✓ 🎉'],
      ['emoji-👩‍👩‍👧', '\u{1F600}\u0000nul'],
    ];
    for (const [key, value] of entries) expect(await client.set(key, value)).toBe(true);
    for (const [key, value] of entries) expect(await client.get(key)).toBe(value);
    expect(await client.getMany(entries.map(([key]) => key))).toEqual(new Map(entries));
    // The key goes on the wire as UTF-8: the same bytes as a Buffer key find the item.
    expect(await client.get(Buffer.from('ключ-🔑', 'utf8'))).toBe('値');
  });

  it('accepts Buffer keys, including bytes that are not UTF-8', async () => {
    const client = testClient();
    const key = Buffer.from([0xff, 0xfe, 0x41, 0x80]);
    expect(await client.set(key, 'binary key')).toBe(true);
    expect(await client.get(Buffer.from([0xff, 0xfe, 0x41, 0x80]))).toBe('binary key');
    const other = Buffer.from('plain');
    await client.set('plain', 'same as string');
    const many = await client.getMany([key, other]);
    expect(many.get(key)).toBe('binary key');
    expect(many.get(other)).toBe('same as string');
    expect(await client.delete(key)).toBe(true);
    expect(await client.get(key)).toBeUndefined();
  });
});

describe('cas', () => {
  it('stores with a fresh token and refuses stale tokens and deleted keys', async () => {
    const client = testClient();
    await client.set('k', 'v1');
    const first = await client.gets('k');
    expect(first).toMatchObject({ value: 'v1', flags: 16 });
    expect(typeof first!.cas).toBe('bigint');

    expect(await client.cas('k', 'v2', first!.cas)).toBe(true);
    expect(await client.get('k')).toBe('v2');
    // The token is spent: the item changed since.
    expect(await client.cas('k', 'v3', first!.cas)).toBe(false);
    expect(await client.get('k')).toBe('v2');

    // Someone else writes between gets and cas.
    const second = await client.gets('k');
    expect(second!.cas).not.toBe(first!.cas);
    await client.set('k', 'theirs');
    expect(await client.cas('k', 'mine', second!.cas)).toBe(false);
    expect(await client.get('k')).toBe('theirs');

    // Deleted key.
    const third = await client.gets('k');
    await client.delete('k');
    expect(await client.cas('k', 'back', third!.cas)).toBe(false);
    expect(await client.get('k')).toBeUndefined();

    // A number token works as well as a bigint, and options apply.
    await client.set('n', 'a');
    const token = (await client.gets('n'))!.cas;
    expect(await client.cas('n', Buffer.from('b'), Number(token), { flags: 5 })).toBe(true);
    expect(await client.gets('n')).toMatchObject({ value: Buffer.from('b'), flags: 5 });
  });
});

describe('counters', () => {
  it('incr and decr change a decimal value; missing counters resolve undefined', async () => {
    const client = testClient();
    await client.set('n', '10');
    expect(await client.incr('n')).toBe(11);
    expect(await client.incr('n', 9)).toBe(20);
    expect(await client.decr('n')).toBe(19);
    expect(await client.decr('n', 4)).toBe(15);
    expect(await client.get('n')).toBe('15');
    expect(await client.incr('missing', 1)).toBeUndefined();
    expect(await client.decr('missing', 1)).toBeUndefined();
    expect(await client.get('missing')).toBeUndefined();
  });

  it('creates a missing counter from initial (without applying the delta), with its ttl', async () => {
    const client = testClient();
    expect(await client.incr('i', 5, { initial: 100 })).toBe(100);
    expect(await client.incr('i', 5, { initial: 100 })).toBe(105);
    expect(await client.decr('d', 5, { initial: 7n })).toBe(7);
    expect(await client.decr('d', 5, { initial: 7n })).toBe(2);
    expect(await client.incr('t', 1, { initial: 0, ttl: 1000 })).toBe(0);
    expect(await client.incr('t', 1, { initial: 0, ttl: 1000 })).toBe(1);
    expect(await client.get('i')).toEqual(Buffer.from('105'));
  });

  it('decr stops at 0', async () => {
    const client = testClient();
    await client.set('n', '5');
    expect(await client.decr('n', 10)).toBe(0);
    expect(await client.decr('n', 1)).toBe(0);
    expect(await client.incr('n', 1)).toBe(1);
  });

  it('counts the whole unsigned 64-bit range: bigints above 2^53 - 1, numbers up to it', async () => {
    const client = testClient();
    await client.set('big', '18446744073709551614');
    const top = await client.incr('big', 1);
    expect(typeof top).toBe('bigint');
    expect(top).toBe(18446744073709551615n);

    await client.set('edge', String(Number.MAX_SAFE_INTEGER - 1));
    const safe = await client.incr('edge', 1);
    expect(typeof safe).toBe('number');
    expect(safe).toBe(Number.MAX_SAFE_INTEGER);
    const unsafe = await client.incr('edge', 1);
    expect(typeof unsafe).toBe('bigint');
    expect(unsafe).toBe(2n ** 53n);
    expect(await client.decr('edge', 1)).toBe(Number.MAX_SAFE_INTEGER);

    await client.set('bigDelta', '1');
    expect(await client.incr('bigDelta', 2n ** 60n)).toBe(2n ** 60n + 1n);
    expect(await client.decr('bigDelta', 2n ** 60n)).toBe(1);
    expect(await client.incr('bigInitial', 1n, { initial: 2n ** 63n })).toBe(2n ** 63n);
    expect(await client.incr('bigInitial', 1n)).toBe(2n ** 63n + 1n);
  });

  it('rejects incr of a non-numeric value with ServerError ERR_NOT_NUMERIC', async () => {
    const client = testClient();
    await client.set('text', 'not a number');
    for (const call of [() => client.incr('text', 1), () => client.decr('text', 1), () => client.incr('text', 1, { initial: 3 })]) {
      const error = await rejectionOf(call());
      expect(error).toBeInstanceOf(ServerError);
      expect(error.code).toBe('ERR_NOT_NUMERIC');
      expect(error.server).toBe(sharedServers()[0]);
    }
    expect(await client.get('text')).toBe('not a number');
    expect(await client.set('ok', '1')).toBe(true);
    expect(await client.incr('ok')).toBe(2);
  });
});

describe('server commands', () => {
  it('flush(0) invalidates every item on its own server', async () => {
    const server = await startMemcached();
    try {
      const client = track(new Client(server.address, { keyPrefix: uniquePrefix() }));
      await client.setMany({ a: '1', b: '2', c: '3' });
      expect((await client.getMany(['a', 'b', 'c'])).size).toBe(3);
      expect(await client.flush(0)).toBeUndefined();
      expect(await client.getMany(['a', 'b', 'c'])).toEqual(new Map());
      expect((await client.stats())[server.address]!.cmd_flush).toBe('1');
      expect(await client.set('d', '4')).toBe(true);
      expect(await client.flush()).toBeUndefined();
      expect(await client.get('d')).toBeUndefined();
      await client.close();
    } finally {
      await server.stop('SIGKILL');
    }
  });

  it('stats() reports every server by host:port; stats("slabs") works', async () => {
    const servers = sharedServers();
    const client = testClient({}, servers);
    const stats = await client.stats();
    expect(Object.keys(stats).sort()).toEqual([...servers].sort());
    for (const server of servers) {
      expect(stats[server]!.pid).toMatch(/^\d+$/);
      expect(stats[server]!.curr_items).toMatch(/^\d+$/);
      expect(stats[server]!.version).toMatch(/^1\.6\.\d+$/);
    }
    expect(new Set(servers.map((server) => stats[server]!.pid)).size).toBe(3);
    const settings = await client.stats('settings');
    expect(settings[servers[0]!]!.item_size_max).toBe(String(2 * MiB));
    expect(settings[servers[1]!]!.item_size_max).toBe(String(MiB));

    const slabs = await client.stats('slabs');
    expect(Object.keys(slabs).sort()).toEqual([...servers].sort());
    for (const server of servers) {
      expect(slabs[server]!.active_slabs).toMatch(/^\d+$/);
      expect(slabs[server]!.total_malloced).toMatch(/^\d+$/);
    }
    const items = await client.stats('items');
    expect(Object.keys(items).sort()).toEqual([...servers].sort());
  });

  it('version() reports 1.6.x for every server', async () => {
    const servers = sharedServers();
    const versions = await testClient({}, servers).version();
    expect(Object.keys(versions).sort()).toEqual([...servers].sort());
    for (const server of servers) expect(versions[server]).toMatch(/^1\.6\.\d+$/);
  });
});

describe('several servers', () => {
  it('spreads keys over all servers and reads 300 keys back in one getMany', async () => {
    const servers = sharedServers();
    const prefix = uniquePrefix();
    const client = testClient({ keyPrefix: prefix }, servers);
    const keys = Array.from({ length: 300 }, (_, i) => `key-${i}`);
    const stored = await client.setMany(keys.map((key) => [key, `value of ${key}`] as const));
    expect([...stored.values()].every((ok) => ok)).toBe(true);

    const all = await client.getMany(keys);
    expect(all.size).toBe(300);
    for (const key of keys) expect(all.get(key)).toBe(`value of ${key}`);

    // Each server holds a share of the keys, and no key is on two servers.
    const seen = new Map<string, string>();
    for (const server of servers) {
      const single = testClient({ keyPrefix: prefix }, server);
      const share = await single.getMany(keys);
      expect(share.size, `keys on ${server}`).toBeGreaterThan(30);
      for (const [key, value] of share) {
        expect(value).toBe(`value of ${String(key)}`);
        expect(seen.has(key as string), `${String(key)} on two servers`).toBe(false);
        seen.set(key as string, server);
      }
    }
    expect(seen.size).toBe(300);

    // Single-key calls find the same server as the multi-get did.
    for (const key of keys.slice(0, 20)) expect(await client.get(key)).toBe(`value of ${key}`);
  });

  it("shows in each server's item counts that it received some of the keys", async () => {
    const servers = sharedServers();
    const client = testClient({}, servers);
    const before = await client.stats();
    await client.setMany(Array.from({ length: 90 }, (_, i) => [`item-${i}`, 'x'] as const));
    const after = await client.stats();
    let total = 0;
    for (const server of servers) {
      // total_items only grows (curr_items can shrink when expired items are reclaimed meanwhile).
      const delta = Number(after[server]!.total_items) - Number(before[server]!.total_items);
      expect(delta, `new items on ${server}`).toBeGreaterThan(0);
      expect(Number(after[server]!.curr_items), `curr_items on ${server}`).toBeGreaterThanOrEqual(delta);
      total += delta;
    }
    expect(total).toBe(90);
  });
});

describe('key prefixes', () => {
  it('isolates clients with different prefixes; a client without one sees the prefixed key', async () => {
    const server = sharedServers()[0]!;
    const prefixA = uniquePrefix();
    const prefixB = uniquePrefix();
    const a = testClient({ keyPrefix: prefixA }, server);
    const b = testClient({ keyPrefix: prefixB }, server);
    const raw = testClient({ keyPrefix: '' }, server);

    await a.set('shared', 'from a');
    expect(await b.get('shared')).toBeUndefined();
    await b.set('shared', 'from b');
    expect(await a.get('shared')).toBe('from a');
    expect(await b.get('shared')).toBe('from b');
    expect(await raw.get('shared')).toBeUndefined();
    expect(await raw.get(`${prefixA}shared`)).toBe('from a');
    expect(await raw.get(Buffer.from(`${prefixB}shared`))).toBe('from b');

    await raw.set(`${prefixA}written-raw`, 'raw');
    expect(await a.get('written-raw')).toBe('raw');
    expect(await a.getMany(['shared', 'written-raw'])).toEqual(
      new Map([
        ['shared', 'from a'],
        ['written-raw', 'raw'],
      ]),
    );
    // Buffer keys get the prefix too.
    await a.set(Buffer.from('buf'), 'buffer key');
    expect(await raw.get(`${prefixA}buf`)).toBe('buffer key');
    expect(await b.delete('shared')).toBe(true);
    expect(await a.get('shared')).toBe('from a');
  });

  it('reports the options in force with defaults applied', () => {
    const client = testClient({ keyPrefix: 'opts:', timeout: 250 });
    expect(client.servers).toEqual([sharedServers()[0]]);
    expect(client.options.keyPrefix).toBe('opts:');
    expect(client.options.timeout).toBe(250);
    expect(client.options.maxValueSize).toBe(MiB);
    expect(client.options.retryTimeout).toBe(2000);
    expect(client.closed).toBe(false);
    expect(client.pending).toBe(0);
    expect(Object.isFrozen(client.options)).toBe(true);
  });
});

describe('errors carry the library types', () => {
  it('every rejection of a bad call is a MemcachedError', async () => {
    const client = testClient();
    const error = await rejectionOf(client.get(''));
    expect(error).toBeInstanceOf(MemcachedError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('InvalidArgumentError');
  });
});
