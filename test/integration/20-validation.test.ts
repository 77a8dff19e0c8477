import { createHash } from 'node:crypto';

import { beforeAll, describe, expect, it } from 'vitest';

import {
  Client,
  ClientClosedError,
  type ClientOptions,
  type Codec,
  type ErrorCode,
  InvalidArgumentError,
  type Key,
  MemcachedError,
  rawCodec,
} from '../../src/index.js';
import { sharedServers, testClient, track } from '../support/clients.js';
import { freePort } from '../support/memcached.js';
import { rejectionOf, thrownBy } from '../support/util.js';

/** A port nothing listens on: a call that reached I/O would fail with a connection error. */
let offline: string;

beforeAll(async () => {
  offline = `127.0.0.1:${await freePort()}`;
});

/** What these tests store: the text codec's values. */
type Value = string | Buffer;

function offlineClient<V = Value>(options: ClientOptions<V> = {}): Client<V> {
  return testClient<V>(options, offline);
}

/** Each call must return a promise that rejects with an InvalidArgumentError carrying `code`, with nothing queued. */
async function expectInvalid(client: { readonly pending: number }, calls: Record<string, () => unknown>, code: ErrorCode): Promise<void> {
  for (const [name, call] of Object.entries(calls)) {
    const returned = call();
    expect(returned, `${name} returns a promise`).toBeInstanceOf(Promise);
    const error = await rejectionOf(returned as Promise<unknown>, 2000);
    expect(error, `${name}: ${String(error)}`).toBeInstanceOf(InvalidArgumentError);
    expect(error.code, `${name}: ${error.message}`).toBe(code);
    expect(error.server, name).toBeUndefined();
    expect(client.pending, `${name} queued nothing`).toBe(0);
  }
}

/** Every method that takes a key, called with `key`. */
function keyCalls(client: Client, key: unknown): Record<string, () => unknown> {
  const k = key as Key;
  return {
    get: () => client.get(k),
    gets: () => client.gets(k),
    getMany: () => client.getMany(['ok', k]),
    getsMany: () => client.getsMany([k, 'ok']),
    set: () => client.set(k, 'v'),
    add: () => client.add(k, 'v'),
    replace: () => client.replace(k, 'v'),
    append: () => client.append(k, 'v'),
    prepend: () => client.prepend(k, 'v'),
    cas: () => client.cas(k, 'v', 1n),
    setMany: () =>
      client.setMany([
        ['ok', 'v'],
        [k, 'v'],
      ]),
    delete: () => client.delete(k),
    deleteMany: () => client.deleteMany(['ok', k]),
    touch: () => client.touch(k, 10),
    incr: () => client.incr(k, 1),
    decr: () => client.decr(k, 1),
  };
}

/** Every method that stores a value, called with `value`. */
function valueCalls(client: Client<Value>, value: unknown): Record<string, () => unknown> {
  const v = value as Value;
  return {
    set: () => client.set('k', v),
    add: () => client.add('k', v),
    replace: () => client.replace('k', v),
    append: () => client.append('k', v),
    prepend: () => client.prepend('k', v),
    cas: () => client.cas('k', v, 1n),
    setMany: () =>
      client.setMany([
        ['ok', 'fine'],
        ['k', v],
      ]),
    setManyObject: () => client.setMany({ ok: 'fine', k: v }),
  };
}

describe('keys are checked before any I/O', () => {
  it('rejects empty keys, as strings and as Buffers', async () => {
    const client = offlineClient();
    await expectInvalid(client, keyCalls(client, ''), 'ERR_INVALID_KEY');
    await expectInvalid(client, keyCalls(client, Buffer.alloc(0)), 'ERR_INVALID_KEY');
  });

  it('accepts 250 bytes and rejects 251, counted after the prefix and in UTF-8 bytes', async () => {
    const noPrefix = offlineClient({ keyPrefix: '' });
    await expectInvalid(noPrefix, keyCalls(noPrefix, 'k'.repeat(251)), 'ERR_KEY_TOO_LONG');
    await expectInvalid(noPrefix, keyCalls(noPrefix, Buffer.alloc(251, 0x6b)), 'ERR_KEY_TOO_LONG');
    // 126 two-byte characters: 126 UTF-16 units, 252 bytes.
    await expectInvalid(noPrefix, keyCalls(noPrefix, 'é'.repeat(126)), 'ERR_KEY_TOO_LONG');
    // 63 four-byte characters: 126 UTF-16 units, 252 bytes.
    await expectInvalid(noPrefix, keyCalls(noPrefix, '🔑'.repeat(63)), 'ERR_KEY_TOO_LONG');

    // The prefix counts: with a 1-character prefix, 250 bytes of key are too many.
    const prefixed = offlineClient({ keyPrefix: 'p' });
    await expectInvalid(prefixed, keyCalls(prefixed, 'k'.repeat(250)), 'ERR_KEY_TOO_LONG');
    await expectInvalid(prefixed, keyCalls(prefixed, 'é'.repeat(125)), 'ERR_KEY_TOO_LONG');
    await expectInvalid(prefixed, keyCalls(prefixed, Buffer.alloc(250, 0x6b)), 'ERR_KEY_TOO_LONG');
    const multibytePrefix = offlineClient({ keyPrefix: 'é' });
    await expectInvalid(multibytePrefix, keyCalls(multibytePrefix, 'k'.repeat(249)), 'ERR_KEY_TOO_LONG');

    // Exactly 250 bytes work against a real server.
    const unique = Date.now().toString(36) + Math.random().toString(36).slice(2, 8);
    const real = testClient({ keyPrefix: '' }, sharedServers()[0]);
    const ascii = (unique + 'k'.repeat(250)).slice(0, 250);
    const twoByte = unique + 'é'.repeat((250 - unique.length) / 2) + (unique.length % 2 === 0 ? '' : 'x');
    expect(Buffer.byteLength(twoByte)).toBe(250);
    const buffer = Buffer.alloc(250, 0x62);
    buffer.write(unique);
    for (const key of [ascii, twoByte, buffer]) {
      expect(await real.set(key, 'at the limit')).toBe(true);
      expect(await real.get(key)).toBe('at the limit');
      expect(await real.delete(key)).toBe(true);
    }
    const prefixedReal = testClient({ keyPrefix: 'p' }, sharedServers()[0]);
    const k249 = (unique + 'k'.repeat(249)).slice(0, 249);
    expect(await prefixedReal.set(k249, 'prefix + 249')).toBe(true);
    expect(await real.get(`p${k249}`)).toBe('prefix + 249');
    await real.delete(`p${k249}`);
    // 125 two-byte characters are exactly 250 bytes.
    expect(Buffer.byteLength('é'.repeat(125))).toBe(250);
    expect(await real.set('é'.repeat(125), 'two-byte limit')).toBe(true);
    expect(await real.get('é'.repeat(125))).toBe('two-byte limit');
    await real.delete('é'.repeat(125));
  });

  it('rejects every byte up to 0x20 and 0x7f in string and Buffer keys, anywhere in the key', async () => {
    const client = offlineClient();
    const forbidden = [...Array.from({ length: 0x21 }, (_, i) => i), 0x7f];
    for (const byte of forbidden) {
      const char = String.fromCharCode(byte);
      for (const key of [`${char}key`, `ke${char}y`, `key${char}`, char]) {
        await expectInvalid(
          client,
          { get: () => client.get(key), set: () => client.set(key, 'v'), getMany: () => client.getMany(['a', key]) },
          'ERR_INVALID_KEY',
        );
      }
      for (const key of [Buffer.from([byte, 0x61]), Buffer.from([0x61, byte, 0x62]), Buffer.from([0x61, byte])]) {
        await expectInvalid(client, { get: () => client.get(key), set: () => client.set(key, 'v'), delete: () => client.delete(key) }, 'ERR_INVALID_KEY');
      }
    }
  });

  it('accepts every other byte in a Buffer key against a real server', async () => {
    const client = testClient();
    const allowed = [...Array.from({ length: 0x7f - 0x21 }, (_, i) => 0x21 + i), ...Array.from({ length: 0x80 }, (_, i) => 0x80 + i)];
    const key = Buffer.from(allowed);
    expect(await client.set(key, 'every allowed byte')).toBe(true);
    expect(await client.get(Buffer.from(allowed))).toBe('every allowed byte');
  });

  it('rejects lone UTF-16 surrogates', async () => {
    const client = offlineClient();
    for (const key of ['\uD800', 'a\uDC00b', 'key\uD83D', '\uDE00key']) {
      await expectInvalid(client, keyCalls(client, key), 'ERR_INVALID_KEY');
    }
  });

  it('rejects keys that are not strings or Buffers', async () => {
    const client = offlineClient();
    for (const key of [123, 0, null, undefined, {}, ['a'], true, 5n]) {
      await expectInvalid(client, keyCalls(client, key), 'ERR_INVALID_KEY');
    }
  });
});

describe('values, ttls, tokens, deltas, flags and options are checked before any I/O', () => {
  it('rejects values the codec cannot store with ERR_INVALID_VALUE', async () => {
    const client = offlineClient();
    for (const value of [123, 0, {}, { length: 3 }, null, undefined, true, [1, 2], 5n]) {
      await expectInvalid(client, valueCalls(client, value), 'ERR_INVALID_VALUE');
    }
    const raw = offlineClient<Buffer>({ codec: rawCodec });
    await expectInvalid(raw, { set: () => raw.set('k', 'a string' as unknown as Buffer) }, 'ERR_INVALID_VALUE');
  });

  it('rejects values over maxValueSize with ERR_VALUE_TOO_LARGE, counted in encoded bytes', async () => {
    const client = offlineClient({ maxValueSize: 10 });
    for (const value of ['x'.repeat(11), Buffer.alloc(11), 'é'.repeat(5) + 'x', '🔑🔑🔑']) {
      await expectInvalid(client, valueCalls(client, value), 'ERR_VALUE_TOO_LARGE');
    }
    // A codec that grows the value is measured after encoding.
    const doubling: Codec<string> = {
      encode: (value) => ({ data: value + value, flags: 0 }),
      decode: (data) => data.toString(),
    };
    const grown = offlineClient<string>({ maxValueSize: 10, codec: doubling });
    await expectInvalid(grown, { set: () => grown.set('k', 'x'.repeat(6)) }, 'ERR_VALUE_TOO_LARGE');

    // At the limit, against a real server.
    const real = testClient({ maxValueSize: 10 }, sharedServers()[0]);
    expect(await real.set('ten', 'é'.repeat(5))).toBe(true);
    expect(await real.set('tenBytes', Buffer.alloc(10, 1))).toBe(true);
    expect(await real.get('ten')).toBe('é'.repeat(5));
    const error = await rejectionOf(real.append('ten', 'x'.repeat(11)));
    expect(error.code).toBe('ERR_VALUE_TOO_LARGE');
    expect(await real.get('ten')).toBe('é'.repeat(5));
  });

  it('rejects negative, fractional, NaN, infinite, too large and non-number ttls with ERR_INVALID_TTL', async () => {
    const client = offlineClient();
    for (const ttl of [-1, 1.5, NaN, Infinity, 2 ** 32, '10', 10n]) {
      const t = ttl as number;
      await expectInvalid(
        client,
        {
          set: () => client.set('k', 'v', { ttl: t }),
          add: () => client.add('k', 'v', { ttl: t }),
          replace: () => client.replace('k', 'v', { ttl: t }),
          cas: () => client.cas('k', 'v', 1n, { ttl: t }),
          setMany: () => client.setMany({ a: 'v', b: 'v' }, { ttl: t }),
          touch: () => client.touch('k', t),
          incr: () => client.incr('k', 1, { ttl: t, initial: 0 }),
          decr: () => client.decr('k', 1, { ttl: t }),
        },
        'ERR_INVALID_TTL',
      );
    }
  });

  it('rejects CAS tokens that are 0, negative, fractional or not numbers with ERR_INVALID_CAS', async () => {
    const client = offlineClient();
    for (const token of [0, 0n, -1, -1n, 1.5, NaN, '5', 2n ** 64n, Number.MAX_SAFE_INTEGER + 2, null, undefined]) {
      await expectInvalid(client, { cas: () => client.cas('k', 'v', token as bigint) }, 'ERR_INVALID_CAS');
    }
  });

  it('rejects negative, fractional and out-of-range deltas and initials with ERR_INVALID_ARGUMENT', async () => {
    const client = offlineClient();
    for (const delta of [-1, -1n, 1.5, NaN, 2n ** 64n, '1', Number.MAX_SAFE_INTEGER + 1, null]) {
      const d = delta as number;
      await expectInvalid(client, { incr: () => client.incr('k', d), decr: () => client.decr('k', d) }, 'ERR_INVALID_ARGUMENT');
    }
    for (const initial of [-1, -1n, 0.5, 2n ** 64n, '0']) {
      const i = initial as number;
      await expectInvalid(client, { incr: () => client.incr('k', 1, { initial: i }) }, 'ERR_INVALID_ARGUMENT');
    }
  });

  it('rejects flags outside 0..2^32-1 with ERR_INVALID_ARGUMENT', async () => {
    const client = offlineClient();
    for (const flags of [-1, 2 ** 32, 1.5, NaN, '1', 1n]) {
      const f = flags as number;
      await expectInvalid(
        client,
        {
          set: () => client.set('k', 'v', { flags: f }),
          add: () => client.add('k', 'v', { flags: f }),
          replace: () => client.replace('k', 'v', { flags: f }),
          cas: () => client.cas('k', 'v', 1n, { flags: f }),
          setMany: () => client.setMany({ a: 'v' }, { flags: f }),
        },
        'ERR_INVALID_ARGUMENT',
      );
    }
  });

  it('rejects a noreply that is not a boolean with ERR_INVALID_ARGUMENT', async () => {
    const client = offlineClient();
    for (const noreply of ['yes', 1, 0, null, {}]) {
      const n = noreply as boolean;
      await expectInvalid(
        client,
        {
          set: () => client.set('k', 'v', { noreply: n }),
          add: () => client.add('k', 'v', { noreply: n }),
          replace: () => client.replace('k', 'v', { noreply: n }),
          append: () => client.append('k', 'v', { noreply: n }),
          prepend: () => client.prepend('k', 'v', { noreply: n }),
          cas: () => client.cas('k', 'v', 1n, { noreply: n }),
          setMany: () => client.setMany({ a: 'v' }, { noreply: n }),
          delete: () => client.delete('k', { noreply: n }),
          deleteMany: () => client.deleteMany(['k'], { noreply: n }),
          touch: () => client.touch('k', 1, { noreply: n }),
          incr: () => client.incr('k', 1, { noreply: n }),
          decr: () => client.decr('k', 1, { noreply: n }),
        },
        'ERR_INVALID_ARGUMENT',
      );
    }
  });

  it('rejects initial combined with noreply (it needs an answer)', async () => {
    const client = offlineClient();
    await expectInvalid(
      client,
      {
        incr: () => client.incr('k', 1, { initial: 0, noreply: true }),
        decr: () => client.decr('k', 1, { initial: 5n, noreply: true }),
      },
      'ERR_INVALID_ARGUMENT',
    );
  });

  it('rejects option arguments that are not objects, bad flush delays and bad stats groups', async () => {
    const client = offlineClient();
    for (const options of [5, 'ttl', null, true]) {
      const o = options as unknown as object;
      await expectInvalid(
        client,
        {
          set: () => client.set('k', 'v', o),
          delete: () => client.delete('k', o),
          incr: () => client.incr('k', 1, o),
          touch: () => client.touch('k', 1, o),
          setMany: () => client.setMany({ a: 'v' }, o),
        },
        'ERR_INVALID_ARGUMENT',
      );
    }
    for (const delay of [-1, 1.5, NaN, 2 ** 32, '0']) {
      await expectInvalid(client, { flush: () => client.flush(delay as number) }, 'ERR_INVALID_ARGUMENT');
    }
    for (const group of ['', 'slabs\r\nflush_all', 'items ', 5, 'sl abs\n']) {
      await expectInvalid(client, { stats: () => client.stats(group as string) }, 'ERR_INVALID_ARGUMENT');
    }
  });
});

describe('a closed client', () => {
  it('rejects every call with ClientClosedError (ERR_CLIENT_CLOSED)', async () => {
    const client = offlineClient();
    expect(client.closed).toBe(false);
    await client.close();
    expect(client.closed).toBe(true);
    const calls: Record<string, () => Promise<unknown>> = {
      get: () => client.get('k'),
      gets: () => client.gets('k'),
      getMany: () => client.getMany(['k']),
      getsMany: () => client.getsMany(['k']),
      set: () => client.set('k', 'v'),
      add: () => client.add('k', 'v'),
      replace: () => client.replace('k', 'v'),
      append: () => client.append('k', 'v'),
      prepend: () => client.prepend('k', 'v'),
      cas: () => client.cas('k', 'v', 1n),
      setMany: () => client.setMany({ k: 'v' }),
      delete: () => client.delete('k'),
      deleteMany: () => client.deleteMany(['k']),
      touch: () => client.touch('k', 1),
      incr: () => client.incr('k'),
      decr: () => client.decr('k'),
      flush: () => client.flush(),
      stats: () => client.stats(),
      version: () => client.version(),
    };
    for (const [name, call] of Object.entries(calls)) {
      const error = await rejectionOf(call(), 2000);
      expect(error, name).toBeInstanceOf(ClientClosedError);
      expect(error.code, name).toBe('ERR_CLIENT_CLOSED');
    }
    expect(client.pending).toBe(0);
  });
});

describe('the constructor', () => {
  it('throws ERR_INVALID_OPTION synchronously for bad server lists', () => {
    for (const servers of [
      'host:99999',
      'host:1/0',
      '',
      [],
      ' , ',
      'host:0',
      'host:abc',
      'a b:1',
      'host:1/x',
      'host:-1',
      '[::1',
      null,
      123,
      ['127.0.0.1:11211', 5],
      [''],
      {},
    ]) {
      const error = thrownBy(() => track(new Client(servers as string)));
      expect(error, JSON.stringify(servers)).toBeInstanceOf(InvalidArgumentError);
      expect(error.code, JSON.stringify(servers)).toBe('ERR_INVALID_OPTION');
    }
  });

  it('throws ERR_INVALID_OPTION synchronously for bad options', () => {
    const bad: unknown[] = [
      { unknownOption: 1 },
      { timout: 100 },
      null,
      'fast',
      { timeout: 0 },
      { timeout: 1.5 },
      { timeout: '100' },
      { connectTimeout: -1 },
      { retryTimeout: -1 },
      { keyPrefix: 5 },
      { keyPrefix: 'a b' },
      { keyPrefix: 'a\r\nflush_all' },
      { keyPrefix: 'tab\t' },
      { maxValueSize: 0 },
      { maxValueSize: 2 ** 31 },
      { maxBatchSize: 0 },
      { maxConcurrentBatches: 0 },
      { maxConcurrentBatches: 65 },
      { faultsAsMisses: 'yes' },
      { tcpNoDelay: 1 },
      { tcpKeepAlive: null },
      { codec: {} },
      { codec: { encode: () => ({ data: '', flags: 0 }) } },
    ];
    for (const options of bad) {
      const error = thrownBy(() => track(new Client('127.0.0.1:11211', options as object)));
      expect(error, JSON.stringify(options)).toBeInstanceOf(InvalidArgumentError);
      expect(error.code, JSON.stringify(options)).toBe('ERR_INVALID_OPTION');
    }
  });

  it('accepts the documented server forms', () => {
    const cases: Array<[string | string[], string[]]> = [
      ['127.0.0.1:11311', ['127.0.0.1:11311']],
      ['localhost', ['localhost:11211']],
      ['10.0.0.1:11211/3, 10.0.0.2', ['10.0.0.1:11211', '10.0.0.2:11211']],
      [
        ['[::1]:11311/2', 'cache.example:1'],
        ['[::1]:11311', 'cache.example:1'],
      ],
    ];
    for (const [servers, names] of cases) {
      const client = track(new Client(servers));
      expect(client.servers).toEqual(names);
    }
  });
});

describe('command injection through keys', () => {
  const INJECTION = 'x 0 0 1\r\nv\r\nflush_all';

  it('never lets a key carry a second command to the server', async () => {
    const server = sharedServers()[0]!;
    const client = testClient({}, server);
    const raw = testClient({ keyPrefix: '' }, server);
    expect(await client.set('sentinel', 'still here')).toBe(true);
    const flushesBefore = (await raw.stats())[server]!.cmd_flush;
    const setsBefore = Number((await raw.stats())[server]!.cmd_set);

    for (const key of [INJECTION, Buffer.from(INJECTION), `ok\r\nflush_all`, 'a\nflush_all', 'a\rflush_all', 'a flush_all']) {
      for (const c of [client, raw]) {
        await expectInvalid(
          c,
          {
            set: () => c.set(key, 'v'),
            add: () => c.add(key, 'v'),
            get: () => c.get(key),
            gets: () => c.gets(key),
            delete: () => c.delete(key),
            touch: () => c.touch(key, 0),
            incr: () => c.incr(key, 1),
            getMany: () => c.getMany(['sentinel', key]),
            setMany: () =>
              c.setMany([
                ['sentinel', 'overwritten'],
                [key, 'v'],
              ]),
            deleteMany: () => c.deleteMany(['sentinel', key]),
          },
          'ERR_INVALID_KEY',
        );
      }
    }
    await expectInvalid(raw, { stats: () => raw.stats('items\r\nflush_all') }, 'ERR_INVALID_ARGUMENT');

    expect(await client.get('sentinel')).toBe('still here');
    const after = (await raw.stats())[server]!;
    expect(after.cmd_flush).toBe(flushesBefore);
    // Two stats calls ran in between, no storage command.
    expect(Number(after.cmd_set)).toBe(setsBefore);
    expect(await raw.get('x')).toBeUndefined();
  });
});

describe('multi-key calls check every key and value before sending any', () => {
  it('a bad key or value in setMany writes none of the entries', async () => {
    const client = testClient();
    const badKey = await rejectionOf(
      client.setMany([
        ['first', '1'],
        ['bad key', '2'],
        ['third', '3'],
      ]),
    );
    expect(badKey).toBeInstanceOf(InvalidArgumentError);
    expect(badKey.code).toBe('ERR_INVALID_KEY');
    const badValue = await rejectionOf(client.setMany({ first: '1', second: 2 as unknown as string, third: '3' }));
    expect(badValue.code).toBe('ERR_INVALID_VALUE');
    const tooLong = await rejectionOf(client.setMany({ first: '1', ['k'.repeat(300)]: '2' }));
    expect(tooLong.code).toBe('ERR_KEY_TOO_LONG');
    expect(await client.getMany(['first', 'second', 'third'])).toEqual(new Map());
  });

  it('a bad key in deleteMany deletes none, and in getMany/getsMany reads none', async () => {
    const client = testClient();
    await client.setMany({ a: '1', b: '2' });
    const deletion = await rejectionOf(client.deleteMany(['a', '', 'b']));
    expect(deletion.code).toBe('ERR_INVALID_KEY');
    expect(await client.getMany(['a', 'b'])).toEqual(
      new Map([
        ['a', '1'],
        ['b', '2'],
      ]),
    );
    expect((await rejectionOf(client.getMany(['a', 'b c']))).code).toBe('ERR_INVALID_KEY');
    expect((await rejectionOf(client.getsMany(['a', null as unknown as string]))).code).toBe('ERR_INVALID_KEY');
    expect(client.pending).toBe(0);
  });

  it('a bad call does not disturb the valid calls issued in the same tick', async () => {
    const client = testClient();
    await client.set('existing', 'old');
    const calls = [
      client.set('one', '1'),
      client.get(''),
      client.set('two', 2 as unknown as string),
      client.get('one'),
      client.incr('n', -1),
      client.set('two', '2'),
      client.setMany([
        ['three', '3'],
        ['bad key', 'x'],
      ]),
      client.get('existing'),
      client.cas('existing', 'new', 0n),
      client.getMany(['one', 'two', 'existing']),
      client.touch('one', -5),
      client.incr('n', 5, { initial: 10 }),
      client.delete('existing', { noreply: 'no' as unknown as boolean }),
      client.get('two'),
    ];
    const outcomes = await Promise.allSettled(calls);
    const summary = outcomes.map((outcome) =>
      outcome.status === 'fulfilled' ? { ok: outcome.value } : { error: (outcome.reason as InvalidArgumentError).code },
    );
    expect(summary).toEqual([
      { ok: true },
      { error: 'ERR_INVALID_KEY' },
      { error: 'ERR_INVALID_VALUE' },
      { ok: '1' },
      { error: 'ERR_INVALID_ARGUMENT' },
      { ok: true },
      { error: 'ERR_INVALID_KEY' },
      { ok: 'old' },
      { error: 'ERR_INVALID_CAS' },
      {
        ok: new Map([
          ['one', '1'],
          ['two', '2'],
          ['existing', 'old'],
        ]),
      },
      { error: 'ERR_INVALID_TTL' },
      { ok: 10 },
      { error: 'ERR_INVALID_ARGUMENT' },
      { ok: '2' },
    ]);
    expect(await client.get('three')).toBeUndefined();
    expect(await client.get('existing')).toBe('old');
  });
});

describe('per-call options', () => {
  it('rejects an option the call does not take, so a misspelt one is never ignored', async () => {
    const client = offlineClient();
    const unknown = { expires: 1 } as object;
    await expectInvalid(
      client,
      {
        set: () => client.set('k', 'v', unknown),
        add: () => client.add('k', 'v', unknown),
        replace: () => client.replace('k', 'v', unknown),
        cas: () => client.cas('k', 'v', 1n, unknown),
        setMany: () => client.setMany({ a: 'v' }, unknown),
        append: () => client.append('k', 'v', { ttl: 5 } as object),
        prepend: () => client.prepend('k', 'v', { flags: 5 } as object),
        delete: () => client.delete('k', { ttl: 5 } as object),
        deleteMany: () => client.deleteMany(['k'], { initial: 5 } as object),
        touch: () => client.touch('k', 5, { expiresAt: 5 } as object),
        incr: () => client.incr('k', 1, { flags: 5 } as object),
        decr: () => client.decr('k', 1, unknown),
        get: () => client.get('k', { noreply: true } as object),
        gets: () => client.gets('k', unknown),
        getMany: () => client.getMany(['k'], unknown),
        getsMany: () => client.getsMany(['k'], { ttl: 1 } as object),
      },
      'ERR_INVALID_ARGUMENT',
    );
    const error = await rejectionOf(client.set('k', 'v', unknown));
    expect(error.message).toBe('Unknown option "expires" for set(); its options are ttl, expiresAt, flags, noreply, timeout, signal');
    expect(error.command).toBe('set');
    expect(error.key).toBe('k');
  });

  it('takes timeout and signal in every call', async () => {
    const client = testClient();
    const call = { timeout: 1000, signal: new AbortController().signal };
    expect(await client.set('k', 'v', { ...call, ttl: 100 })).toBe(true);
    expect(await client.get('k', call)).toBe('v');
    expect((await client.gets('k', call))?.value).toBe('v');
    expect(await client.getMany(['k'], call)).toEqual(new Map([['k', 'v']]));
    expect((await client.getsMany(['k'], call)).get('k')?.value).toBe('v');
    expect(await client.append('k', '!', call)).toBe(true);
    expect(await client.touch('k', 100, call)).toBe(true);
    expect(await client.incr('n', 1, { ...call, initial: 1 })).toBe(1);
    expect(await client.delete('k', call)).toBe(true);
  });

  it('rejects expiresAt that is not a Date or whole Unix seconds, after 2106, or given with ttl, with ERR_INVALID_TTL', async () => {
    const client = offlineClient();
    for (const expiresAt of [-1, 1.5, NaN, '2030-01-01', new Date(NaN), 2 ** 32, new Date(2 ** 32 * 1000)]) {
      const at = expiresAt as number;
      await expectInvalid(
        client,
        {
          set: () => client.set('k', 'v', { expiresAt: at }),
          setMany: () => client.setMany({ a: 'v' }, { expiresAt: at }),
          incr: () => client.incr('k', 1, { initial: 0, expiresAt: at }),
        },
        'ERR_INVALID_TTL',
      );
    }
    await expectInvalid(client, { both: () => client.set('k', 'v', { ttl: 10, expiresAt: new Date() }) }, 'ERR_INVALID_TTL');
    await expectInvalid(
      client,
      { invalidDate: () => client.touch('k', new Date(NaN)), after2106: () => client.touch('k', new Date(2 ** 32 * 1000)) },
      'ERR_INVALID_TTL',
    );
    // Seconds from now that end after 2106.
    await expectInvalid(client, { set: () => client.set('k', 'v', { ttl: 2 ** 32 - 1 }), touch: () => client.touch('k', 2 ** 32 - 1) }, 'ERR_INVALID_TTL');
  });

  it('reads each option once, and rejects with the cause what the caller’s getter or proxy threw', async () => {
    const client = offlineClient();
    const thrown = new RangeError('from a getter');
    const getter = await rejectionOf(
      client.set('k', 'v', {
        get ttl(): number {
          throw thrown;
        },
      }),
    );
    expect(getter).toBeInstanceOf(InvalidArgumentError);
    expect(getter.message).toBe('Reading the option "ttl" of set() threw RangeError: from a getter');
    expect(getter.cause).toBe(thrown);
    const trap = new Error('from a proxy');
    const proxy = new Proxy(
      {},
      {
        ownKeys() {
          throw trap;
        },
      },
    );
    const proxied = await rejectionOf(client.get('k', proxy));
    expect(proxied.cause).toBe(trap);
    let reads = 0;
    const counted = {
      get ttl(): number {
        reads++;
        return 10;
      },
    };
    await rejectionOf(client.set('k', 'v', counted));
    expect(reads).toBe(1);
    await rejectionOf(client.setMany({ a: 'v', b: 'v', c: 'v' }, counted));
    expect(reads).toBe(2);
    // The call options too, which are checked apart from the command's own.
    const timeoutReads = { count: 0 };
    const timed = {
      get timeout(): number {
        timeoutReads.count++;
        return 5_000;
      },
    };
    await rejectionOf(client.get('k', timed));
    await rejectionOf(client.getMany(['a', 'b'], timed));
    await rejectionOf(client.stats(undefined, timed));
    expect(timeoutReads.count).toBe(3);
  });

  it('shows what was given, as util.inspect does, shortened', async () => {
    const client = offlineClient();
    expect((await rejectionOf(client.set('k', 'v', { ttl: '500' as unknown as number }))).message).toBe(
      "Expected ttl to be a whole number of seconds from 0 to 4294967295, got '500' (string)",
    );
    expect((await rejectionOf(client.set('k', 'v', { flags: -1 }))).message).toMatch(/got -1 \(number\)$/);
    expect((await rejectionOf(client.get(5 as unknown as string))).message).toBe('Expected a key to be a string or a Buffer, got 5 (number)');
    expect((await rejectionOf(client.flush('0' as unknown as number))).message).toMatch(/got '0' \(string\)$/);
    expect((await rejectionOf(client.stats(5 as unknown as string))).message).toMatch(/got 5 \(number\)$/);
    const long = (await rejectionOf(client.touch('k', 'x'.repeat(500) as unknown as number))).message;
    expect(long).toMatch(/got 'x+\.\.\. \(string\)$/);
    expect(long.length).toBeLessThan(160);
    // Nothing of the caller's runs to show it.
    const shy = {
      get secret(): string {
        throw new Error('ran a getter');
      },
      [Symbol.for('nodejs.util.inspect.custom')]() {
        throw new Error('ran a custom inspector');
      },
    };
    expect((await rejectionOf(client.set('k', 'v', { ttl: shy as unknown as number }))).message).toMatch(/got \{ secret: \[Getter\]/);
  });
});

describe('multi-key arguments', () => {
  it('rejects keys that are a string, a Buffer, not iterable, null or undefined, never reading them one character at a time', async () => {
    const client = offlineClient();
    for (const keys of ['abc', Buffer.from('abc'), 5, null, undefined, {}, true]) {
      const k = keys as string[];
      await expectInvalid(
        client,
        { getMany: () => client.getMany(k), getsMany: () => client.getsMany(k), deleteMany: () => client.deleteMany(k) },
        'ERR_INVALID_ARGUMENT',
      );
    }
    expect((await rejectionOf(client.getMany('abc'))).message).toBe(
      "Expected the keys of getMany() to be an iterable of keys (an array, a Set, ...), got 'abc' (string)",
    );
  });

  it('rejects setMany entries that are a string, a Buffer, null, undefined or hold something other than pairs', async () => {
    const client = offlineClient();
    for (const entries of ['abc', Buffer.from('k'), 5, null, undefined, [5], ['ab']]) {
      const e = entries as unknown as Array<[string, string]>;
      await expectInvalid(client, { setMany: () => client.setMany(e) }, 'ERR_INVALID_ARGUMENT');
    }
  });

  it('rejects with the cause what the caller’s iterator, proxy or getter threw', async () => {
    const client = offlineClient();
    const thrown = new TypeError('from an iterator');
    const throwing: Iterable<string> = {
      *[Symbol.iterator]() {
        yield 'a';
        throw thrown;
      },
    };
    for (const call of [() => client.getMany(throwing), () => client.getsMany(throwing), () => client.deleteMany(throwing)]) {
      const error = await rejectionOf(call());
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect(error.cause).toBe(thrown);
    }
    const entries: Iterable<[string, string]> = {
      *[Symbol.iterator]() {
        yield ['a', 'v'];
        throw thrown;
      },
    };
    expect((await rejectionOf(client.setMany(entries))).cause).toBe(thrown);
    const pair = {
      get 0(): string {
        throw thrown;
      },
    };
    expect((await rejectionOf(client.setMany([pair as unknown as [string, string]]))).cause).toBe(thrown);
    const trap = new Error('from a proxy');
    const record = new Proxy(
      { a: 'v' },
      {
        ownKeys: () => {
          throw trap;
        },
      },
    );
    expect((await rejectionOf(client.setMany(record))).cause).toBe(trap);
    const iteratorGetter = new Proxy([], {
      get: () => {
        throw trap;
      },
    });
    expect((await rejectionOf(client.getMany(iteratorGetter))).cause).toBe(trap);
    expect(client.pending).toBe(0);
  });

  it('takes keys from any iterable, and entries from a Map, pairs or a plain object', async () => {
    const client = testClient();
    expect(await client.setMany(new Map([['m', '1']]))).toEqual(new Map([['m', true]]));
    expect(await client.setMany([['p', '2']])).toEqual(new Map([['p', true]]));
    expect(await client.setMany({ o: '3' })).toEqual(new Map([['o', true]]));
    function* keys() {
      yield 'm';
      yield 'p';
    }
    expect(await client.getMany(keys())).toEqual(
      new Map([
        ['m', '1'],
        ['p', '2'],
      ]),
    );
    expect(await client.getsMany(new Set(['o']))).toEqual(new Map([['o', expect.objectContaining({ value: '3' })]]));
  });
});

describe('no call throws synchronously', () => {
  it('every method of Client and CacheMap returns a rejected promise for any bad input', () => {
    const client = offlineClient();
    const map = client.asMap();
    const bad: unknown[] = [
      undefined,
      null,
      5,
      'a b',
      Buffer.alloc(0),
      {},
      Symbol('s'),
      () => 1,
      new Proxy(
        {},
        {
          get: () => {
            throw new Error('trap');
          },
          ownKeys: () => {
            throw new Error('trap');
          },
        },
      ),
    ];
    // Every public method that does I/O (serverFor, addServer, removeServer and forgetCas answer at once and may throw).
    const names = [
      'get',
      'gets',
      'getMany',
      'getsMany',
      'set',
      'add',
      'replace',
      'append',
      'prepend',
      'cas',
      'setMany',
      'delete',
      'deleteMany',
      'touch',
      'incr',
      'decr',
      'flush',
      'stats',
      'version',
    ];
    const settled: Array<Promise<unknown>> = [];
    for (const name of names) {
      for (const a of bad) {
        for (const b of bad) {
          const method = (client as unknown as Record<string, (...args: unknown[]) => unknown>)[name]!;
          const returned = method.call(client, a, b, b, b);
          expect(returned, `${name}(${String(typeof a)}, ${String(typeof b)})`).toBeInstanceOf(Promise);
          settled.push((returned as Promise<unknown>).catch(() => undefined));
        }
      }
    }
    for (const name of ['get', 'has', 'set', 'delete'] as const) {
      for (const a of bad) {
        const returned = (map[name] as (...args: unknown[]) => unknown).call(map, a, a, a);
        expect(returned, `CacheMap.${name}`).toBeInstanceOf(Promise);
        settled.push((returned as Promise<unknown>).catch(() => undefined));
      }
    }
    return Promise.all(settled);
  });
});

describe('hashLongKeys', () => {
  it('stores a key over 250 bytes under the prefix and the SHA-1 hex digest of the whole key, string or Buffer', async () => {
    const client = testClient({ hashLongKeys: true });
    const prefix = client.options.keyPrefix;
    const long = `long:${'é'.repeat(200)}`;
    expect(await client.set(long, 'hashed')).toBe(true);
    expect(await client.get(long)).toBe('hashed');
    expect(await client.getMany([long, 'short'])).toEqual(new Map([[long, 'hashed']]));
    const digest = createHash('sha1')
      .update(prefix + long, 'utf8')
      .digest('hex');
    const plain = testClient({ keyPrefix: '' });
    expect(await plain.get(prefix + digest)).toBe('hashed');
    // The same bytes as a Buffer are the same key.
    expect(await client.get(Buffer.from(long, 'utf8'))).toBe('hashed');
    expect(await client.delete(long)).toBe(true);
    expect(await plain.get(prefix + digest)).toBeUndefined();
  });

  it('leaves keys up to 250 bytes as they are, and still rejects bad characters and a prefix too long for the digest', async () => {
    const client = testClient({ hashLongKeys: true });
    const prefix = client.options.keyPrefix;
    const fits = 'k'.repeat(250 - Buffer.byteLength(prefix));
    await client.set(fits, 'as is');
    expect(await testClient({ keyPrefix: '' }).get(prefix + fits)).toBe('as is');
    expect((await rejectionOf(client.get(`${'k'.repeat(300)} x`))).code).toBe('ERR_INVALID_KEY');
    const longPrefix = offlineClient({ hashLongKeys: true, keyPrefix: 'p'.repeat(220) });
    expect((await rejectionOf(longPrefix.get('k'.repeat(40)))).code).toBe('ERR_KEY_TOO_LONG');
    expect((await rejectionOf(offlineClient().get('k'.repeat(300)))).code).toBe('ERR_KEY_TOO_LONG');
  });
});

describe('errors name the call', () => {
  it('a fault carries command, key, server, systemCode and a cause with the system code', async () => {
    const client = offlineClient({ connectTimeout: 500 });
    const error = await rejectionOf(client.get('k'));
    expect(error.code).toBe('ERR_CONNECTION');
    expect(error).toMatchObject({ command: 'get', key: 'k', server: offline, systemCode: 'ECONNREFUSED' });
    expect((error.cause as NodeJS.ErrnoException).code).toBe('ECONNREFUSED');
    const key = Buffer.from('b');
    expect(await rejectionOf(client.set(key, 'v'))).toMatchObject({ command: 'set', key });
    const batch = await rejectionOf(offlineClient({ connectTimeout: 500 }).getMany(['a', 'b']));
    expect(batch.code).toBe('ERR_BATCH');
    expect(batch.command).toBe('getMany');
    const errors = (batch as unknown as { errors: Map<string, MemcachedError> }).errors;
    expect(errors.get('a')).toMatchObject({ command: 'getMany', key: 'a', server: offline, code: 'ERR_CONNECTION' });
    expect(errors.get('b')).toMatchObject({ command: 'getMany', key: 'b' });
  });

  it('a rejected argument names the call too', async () => {
    const client = offlineClient();
    expect(await rejectionOf(client.incr('k', -1))).toMatchObject({ code: 'ERR_INVALID_ARGUMENT', command: 'incr', key: 'k' });
    expect(await rejectionOf(client.deleteMany(['ok', '']))).toMatchObject({ code: 'ERR_INVALID_KEY', command: 'deleteMany' });
  });

  it('with callStacks, the stack of an error settled later ends with the caller’s frames', async () => {
    async function callerOfGet(client: Client): Promise<MemcachedError> {
      return rejectionOf(client.get('k'));
    }
    const withStacks = await callerOfGet(offlineClient({ callStacks: true, connectTimeout: 500 }));
    expect(withStacks.stack).toContain('--- the call ---');
    expect(withStacks.stack!.slice(withStacks.stack!.indexOf('--- the call ---'))).toMatch(/callerOfGet .*20-validation\.test\.ts/);
    const batch = await rejectionOf(offlineClient({ callStacks: true, connectTimeout: 500 }).getMany(['a']));
    expect(batch.stack).toMatch(/--- the call ---\n\s+at Client\.getMany/);
    const without = await callerOfGet(offlineClient({ connectTimeout: 500 }));
    expect(without.stack).toContain(without.message);
    expect(without.stack).not.toContain('--- the call ---');
  });
});
