import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { BatchError, Client, ConnectionError, MemcachedError, ServerDownError, TimeoutError } from '../../src/index.js';
import { protocolOption, testClient, track, uniquePrefix } from '../support/clients.js';
import { freePort, type MemcachedProcess, startMemcached } from '../support/memcached.js';
import { ensureDist, expectServerFault, type FakeServer, garbageServer, rejectionOf, silentServer, sleep, within } from '../support/util.js';

describe('connection refused', () => {
  it('rejects with ConnectionError or ServerDownError naming the server, with a clean message', async () => {
    const port = await freePort();
    const server = `127.0.0.1:${port}`;
    const client = testClient({}, server);
    const calls: Record<string, () => Promise<unknown>> = {
      get: () => client.get('k'),
      set: () => client.set('k', 'v'),
      gets: () => client.gets('k'),
      add: () => client.add('k', 'v'),
      delete: () => client.delete('k'),
      touch: () => client.touch('k', 1),
      incr: () => client.incr('k', 1, { initial: 0 }),
    };
    for (const [name, call] of Object.entries(calls)) {
      const error = expectServerFault(await rejectionOf(call()), server, ['ERR_CONNECTION', 'ERR_SERVER_DOWN']);
      expect(error.constructor === ConnectionError || error.constructor === ServerDownError, name).toBe(true);
    }

    const batch = await rejectionOf(client.getMany(['a', 'b', 'c']));
    expect(batch).toBeInstanceOf(BatchError);
    expect(batch.code).toBe('ERR_BATCH');
    const { results, errors } = batch as BatchError<string, unknown>;
    expect(results.size).toBe(0);
    expect([...errors.keys()].sort()).toEqual(['a', 'b', 'c']);
    for (const error of errors.values()) expectServerFault(error, server, ['ERR_CONNECTION', 'ERR_SERVER_DOWN']);

    const stats = await rejectionOf(client.stats());
    expect(stats).toBeInstanceOf(BatchError);
    const statsErrors = (stats as BatchError<string, unknown>).errors;
    expect([...statsErrors.keys()]).toEqual([server]);
    expectServerFault(statsErrors.get(server), server, ['ERR_CONNECTION', 'ERR_SERVER_DOWN']);
  });
});

describe('a server that accepts and never answers', () => {
  let silent: FakeServer;

  beforeAll(async () => {
    silent = await silentServer();
  });

  afterAll(() => silent.close());

  it('settles a whole batch for that server after one timeout, not one timeout per operation', async () => {
    const client = testClient({ timeout: 300, connectTimeout: 300 }, silent.address);
    const started = performance.now();
    const calls: Array<Promise<unknown>> = [];
    for (let i = 0; i < 40; i++) calls.push(client.set(`w${i}`, 'v'), client.delete(`d${i}`), client.get(`r${i}`));
    const outcomes = await within(Promise.allSettled(calls), 10_000, 'the batch');
    const elapsed = performance.now() - started;
    // 120 operations, one round trip each, would take 36 s at 300 ms apiece.
    expect(elapsed).toBeLessThan(1500);
    for (const outcome of outcomes) {
      expect(outcome.status).toBe('rejected');
      const error = (outcome as PromiseRejectedResult).reason as MemcachedError;
      expect(error).toBeInstanceOf(TimeoutError);
      expectServerFault(error, silent.address, ['ERR_TIMEOUT']);
    }
    // Reads and writes went out in one pipeline and timed out together, each
    // with the same error.
    const messages = outcomes.map((outcome) => ((outcome as PromiseRejectedResult).reason as MemcachedError).message);
    expect(messages.filter((message) => /^no answer within 300 ms/.test(message)).length).toBe(120);
    expect(outcomes.map((outcome) => ((outcome as PromiseRejectedResult).reason as MemcachedError).systemCode)).toEqual(outcomes.map(() => 'ETIMEDOUT'));
  });

  it('rejects get and set with TimeoutError once the timeout passes', async () => {
    const client = testClient({ timeout: 200, connectTimeout: 200, failureLimit: 10 }, silent.address);
    for (const [name, call] of [
      ['get', () => client.get('k')],
      ['set', () => client.set('k', 'v')],
      ['getMany', () => client.getMany(['a', 'b'])],
      ['get again', () => client.get('k')],
    ] as const) {
      const started = performance.now();
      const error = await rejectionOf(call(), 5000);
      const elapsed = performance.now() - started;
      expect(elapsed, name).toBeGreaterThanOrEqual(150);
      expect(elapsed, name).toBeLessThan(1500);
      if (name === 'getMany') {
        expect(error).toBeInstanceOf(BatchError);
        for (const fault of (error as BatchError<string, unknown>).errors.values()) {
          expect(fault).toBeInstanceOf(TimeoutError);
          expectServerFault(fault, silent.address, ['ERR_TIMEOUT']);
        }
      } else {
        expect(error, name).toBeInstanceOf(TimeoutError);
        expectServerFault(error, silent.address, ['ERR_TIMEOUT']);
      }
    }
    // The requests did reach the server (in either protocol, the key is on the wire).
    expect(silent.received.includes(`${client.options.keyPrefix}k`)).toBe(true);
  });
});

describe('a server that answers garbage', () => {
  let garbage: FakeServer;

  beforeAll(async () => {
    ensureDist();
    garbage = await garbageServer('HELLO WORLD\r\n');
  }, 180_000);

  afterAll(() => garbage.close());

  it('rejects every command with a typed error naming the server, and the process goes on', async () => {
    const client = testClient({ timeout: 300, connectTimeout: 300 }, garbage.address);
    const calls: Record<string, () => Promise<unknown>> = {
      get: () => client.get('k'),
      gets: () => client.gets('k'),
      set: () => client.set('k', 'v'),
      delete: () => client.delete('k'),
      incr: () => client.incr('k'),
      touch: () => client.touch('k', 5),
    };
    for (const [name, call] of Object.entries(calls)) {
      const error = await rejectionOf(call(), 5000);
      expect(error, name).toBeInstanceOf(MemcachedError);
      expectServerFault(error, garbage.address);
    }
    const batch = await rejectionOf(client.getMany(['a', 'b']), 5000);
    expect(batch).toBeInstanceOf(BatchError);
    for (const fault of (batch as BatchError<string, unknown>).errors.values()) expectServerFault(fault, garbage.address);
    expect(garbage.connections).toBeGreaterThan(0);

    // Still alive: a client of a real server works.
    const real = testClient();
    expect(await real.set('alive', 'yes')).toBe(true);
    expect(await real.get('alive')).toBe('yes');
  });
});

describe('faultsAsMisses', () => {
  it('turns read faults into misses and emits them as fault events; writes still reject', async () => {
    const server = `127.0.0.1:${await freePort()}`;
    const client = testClient({ faultsAsMisses: true }, server);
    const faults: MemcachedError[] = [];
    client.on('fault', (error) => faults.push(error));

    expect(await client.get('a')).toBeUndefined();
    expect(await client.gets('a')).toBeUndefined();
    expect(await client.getMany(['a', 'b', 'c'])).toEqual(new Map());
    expect(await client.getsMany(['a', 'b'])).toEqual(new Map());
    expect(faults).toHaveLength(1 + 1 + 3 + 2);
    for (const fault of faults) {
      expect(fault instanceof ConnectionError || fault instanceof ServerDownError).toBe(true);
      expectServerFault(fault, server, ['ERR_CONNECTION', 'ERR_SERVER_DOWN']);
    }

    const before = faults.length;
    for (const call of [() => client.set('a', 'v'), () => client.delete('a'), () => client.incr('a'), () => client.touch('a', 1)]) {
      expectServerFault(await rejectionOf(call()), server, ['ERR_CONNECTION', 'ERR_SERVER_DOWN']);
    }
    const batch = await rejectionOf(client.setMany({ a: '1', b: '2' }));
    expect(batch).toBeInstanceOf(BatchError);
    expect(faults).toHaveLength(before);
  });

  it('turns timeouts into misses too', async () => {
    const silent = await silentServer();
    try {
      const client = testClient({ faultsAsMisses: true, timeout: 200, connectTimeout: 200 }, silent.address);
      const faults: MemcachedError[] = [];
      client.on('fault', (error) => faults.push(error));
      expect(await within(client.get('k'), 2000)).toBeUndefined();
      expect(faults).toHaveLength(1);
      expect(faults[0]).toBeInstanceOf(TimeoutError);
      expectServerFault(faults[0], silent.address, ['ERR_TIMEOUT']);
    } finally {
      await silent.close();
    }
  });
});

describe('a server that dies and comes back', () => {
  let server: MemcachedProcess | undefined;

  afterAll(async () => {
    await server?.stop('SIGKILL');
  });

  it('rejects while it is down and works again once it is back and retryTimeout has passed', async () => {
    server = await startMemcached();
    const address = server.address;
    const client = testClient({ retryTimeout: 1000, timeout: 300, connectTimeout: 300 }, address);
    expect(await client.set('k', 'before')).toBe(true);
    expect(await client.get('k')).toBe('before');

    await server.stop('SIGKILL');
    const down = await rejectionOf(client.get('k'));
    expectServerFault(down, address, ['ERR_CONNECTION', 'ERR_SERVER_DOWN']);
    expectServerFault(await rejectionOf(client.set('k', 'during')), address, ['ERR_CONNECTION', 'ERR_SERVER_DOWN']);
    expectServerFault(await rejectionOf(client.get('k')), address, ['ERR_CONNECTION', 'ERR_SERVER_DOWN']);

    server = await startMemcached([], { port: server.port });
    // The server is retried once retryTimeout (1 s) after it was marked down
    // has passed.
    await sleep(1500);
    const deadline = performance.now() + 1500;
    let stored: unknown;
    for (;;) {
      stored = await client.set('k', 'after').catch((error: unknown) => error);
      if (stored === true || performance.now() > deadline) break;
      expectServerFault(stored, address, ['ERR_CONNECTION', 'ERR_SERVER_DOWN']);
      await sleep(100);
    }
    expect(stored).toBe(true);
    expect(await client.get('k')).toBe('after');
    expect(await client.incr('n', 1, { initial: 1 })).toBe(1);
  });
});

describe('two servers, one of them dead', () => {
  let live: MemcachedProcess;
  let dead: string;

  beforeAll(async () => {
    live = await startMemcached();
    dead = `127.0.0.1:${await freePort()}`;
  });

  afterAll(() => live.stop('SIGKILL'));

  async function spread(prefix: string): Promise<{ liveKeys: string[]; deadKeys: string[] }> {
    const writer = track(new Client([live.address, dead], { keyPrefix: prefix, ...protocolOption() }));
    const keys = Array.from({ length: 40 }, (_, i) => `key-${i}`);
    const outcomes = await Promise.allSettled(keys.map((key) => writer.set(key, `value of ${key}`)));
    const liveKeys: string[] = [];
    const deadKeys: string[] = [];
    outcomes.forEach((outcome, i) => {
      if (outcome.status === 'fulfilled') {
        expect(outcome.value).toBe(true);
        liveKeys.push(keys[i]!);
      } else {
        expectServerFault(outcome.reason, dead, ['ERR_CONNECTION', 'ERR_SERVER_DOWN']);
        deadKeys.push(keys[i]!);
      }
    });
    // The keys really are on the live server.
    const direct = testClient({ keyPrefix: prefix }, live.address);
    expect((await direct.getMany(keys)).size).toBe(liveKeys.length);
    expect(liveKeys.length).toBeGreaterThan(5);
    expect(deadKeys.length).toBeGreaterThan(5);
    return { liveKeys, deadKeys };
  }

  it('still serves the live keys in the same getMany: BatchError with results and errors', async () => {
    const prefix = uniquePrefix();
    const { liveKeys, deadKeys } = await spread(prefix);
    const client = testClient({ keyPrefix: prefix }, [live.address, dead]);
    const error = await rejectionOf(client.getMany([...liveKeys, ...deadKeys, 'missing-on-live-or-dead']));
    expect(error).toBeInstanceOf(BatchError);
    const { results, errors } = error as BatchError<string, unknown>;
    expect(new Map(results)).toEqual(new Map(liveKeys.map((key) => [key, `value of ${key}`])));
    for (const key of deadKeys) {
      expect(errors.has(key), key).toBe(true);
      expectServerFault(errors.get(key), dead, ['ERR_CONNECTION', 'ERR_SERVER_DOWN']);
    }
    for (const key of liveKeys) expect(errors.has(key), key).toBe(false);
    // Single reads of live keys succeed too.
    for (const key of liveKeys.slice(0, 5)) expect(await client.get(key)).toBe(`value of ${key}`);
  });

  it('with faultsAsMisses returns the live hits and emits the dead keys as faults', async () => {
    const prefix = uniquePrefix();
    const { liveKeys, deadKeys } = await spread(prefix);
    const client = testClient({ keyPrefix: prefix, faultsAsMisses: true }, [live.address, dead]);
    const faults: MemcachedError[] = [];
    client.on('fault', (error) => faults.push(error));
    const hits = await client.getMany([...deadKeys, ...liveKeys]);
    expect(hits).toEqual(new Map(liveKeys.map((key) => [key, `value of ${key}`])));
    expect(faults).toHaveLength(deadKeys.length);
    for (const fault of faults) expectServerFault(fault, dead, ['ERR_CONNECTION', 'ERR_SERVER_DOWN']);
  });
});
