/**
 * The `timeout` and `signal` call options, close({ force: true }) and ping(),
 * against a memcached of the test's own that is frozen with SIGSTOP.
 */
import { getEventListeners } from 'node:events';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { AbortError, BatchError, ClientClosedError, InvalidArgumentError, nativeResources, TimeoutError } from '../../src/index.js';
import { testClient } from '../support/clients.js';
import { type MemcachedProcess, startMemcached } from '../support/memcached.js';
import { freeze, rejectionOf, sleep, within } from '../support/util.js';

let server: MemcachedProcess;

beforeEach(async () => {
  server = await startMemcached();
});

afterEach(async () => {
  server.process.kill('SIGCONT');
  await server.stop('SIGKILL');
});

const KEYS = Array.from({ length: 20 }, (_, i) => `k${i}`);

/** Reads every key back: a connection out of step would hand one key another's value. */
async function expectInStep(client: ReturnType<typeof testClient>): Promise<void> {
  const values = await Promise.all(KEYS.map((key) => client.get(key)));
  expect(values).toEqual(KEYS.map((key) => `value of ${key}`));
  const many = await client.getMany(KEYS);
  expect(KEYS.map((key) => many.get(key))).toEqual(KEYS.map((key) => `value of ${key}`));
}

async function stored(options: Parameters<typeof testClient>[0] = {}) {
  const client = testClient(options, server.address);
  await Promise.all(KEYS.map((key) => client.set(key, `value of ${key}`)));
  return client;
}

describe('the signal call option', () => {
  it('rejects at once with an AbortError whose cause is the reason, and the connection stays in step', async () => {
    const client = await stored({ timeout: 5000 });
    await freeze(server.process);
    const controller = new AbortController();
    const single = client.get('k1', { signal: controller.signal });
    const many = client.getMany(KEYS, { signal: controller.signal });
    const write = client.set('k2', 'never mind', { signal: controller.signal });
    const others = Array.from({ length: 30 }, (_, i) => client.get(`k${i % KEYS.length}`, { signal: controller.signal, timeout: 4000 }));
    const counter = client.incr('n', 1, { initial: 5, signal: controller.signal });
    await sleep(50);
    const reason = new Error('the user went away');
    const started = performance.now();
    controller.abort(reason);
    for (const call of [single, many, write, counter]) {
      const error = await rejectionOf(call, 1000);
      expect(error).toBeInstanceOf(AbortError);
      expect(error.name).toBe('AbortError');
      expect(error.code).toBe('ERR_ABORTED');
      expect(error.cause).toBe(reason);
    }
    for (const outcome of await Promise.allSettled(others)) {
      expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(AbortError);
    }
    expect(performance.now() - started).toBeLessThan(100);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    // The server answers what was sent and the answers are read and dropped;
    // what still waited for a key of the running batch was never sent.
    server.process.kill('SIGCONT');
    expect(['never mind', 'value of k2']).toContain(await within(client.get('k2'), 5000));
    await client.set('k2', 'value of k2');
    await expectInStep(client);
    expect(client.pending).toBe(0);
  });

  it('rejects before any I/O when the signal has aborted already', async () => {
    const client = await stored();
    const before = client.counters.operations;
    const signal = AbortSignal.abort('no longer wanted');
    for (const call of [client.get('k1', { signal }), client.set('k1', 'x', { signal }), client.deleteMany(KEYS, { signal }), client.ping({ signal })]) {
      const error = await rejectionOf(call);
      expect(error).toBeInstanceOf(AbortError);
      expect(error.cause).toBe('no longer wanted');
    }
    await sleep(10);
    expect(client.counters.operations).toBe(before);
    expect(await client.get('k1')).toBe('value of k1');
  });

  it('removes its listener when the call settles: many calls on one long-lived signal leave none', async () => {
    const client = await stored();
    const controller = new AbortController();
    const { signal } = controller;
    for (let round = 0; round < 20; round++) {
      await Promise.all([
        ...KEYS.map((key) => client.get(key, { signal })),
        client.getMany(KEYS, { signal }),
        client.set('k0', 'value of k0', { signal, timeout: 1000 }),
        client.incr('n', 1, { initial: 0, signal }),
        client.stats(undefined, { signal }),
      ]);
    }
    await sleep(0);
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
    // Calls in flight together share one listener.
    const together = KEYS.map((key) => client.get(key, { signal }));
    expect(getEventListeners(signal, 'abort')).toHaveLength(1);
    await Promise.all(together);
    await sleep(0);
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
    // And after calls that fail.
    await rejectionOf(client.incr('k1', 1, { signal }));
    await sleep(0);
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
  });

  it('is checked: anything but an AbortSignal is rejected before any I/O', async () => {
    const client = await stored();
    for (const signal of [{}, 'abort', null, new EventTarget()]) {
      const error = await rejectionOf(client.get('k1', { signal: signal as never }));
      expect(error).toBeInstanceOf(InvalidArgumentError);
    }
  });
});

describe('the timeout call option', () => {
  it('fails a call before the client timeout with a TimeoutError, and the connection stays in step', async () => {
    const client = await stored({ timeout: 3000 });
    await freeze(server.process);
    const started = performance.now();
    const errors = await Promise.all([
      rejectionOf(client.get('k1', { timeout: 100 })),
      rejectionOf(client.getsMany(KEYS, { timeout: 100 })),
      rejectionOf(client.delete('k3', { timeout: 150 })),
    ]);
    const took = performance.now() - started;
    for (const error of errors) {
      expect(error).toBeInstanceOf(TimeoutError);
      expect(error.code).toBe('ERR_TIMEOUT');
    }
    expect(took).toBeGreaterThanOrEqual(140);
    expect(took).toBeLessThan(1000);
    server.process.kill('SIGCONT');
    // The delete may have been sent (and done) or not; the rest reads as stored.
    expect([undefined, 'value of k3']).toContain(await within(client.get('k3'), 5000));
    await client.set('k3', 'value of k3');
    await expectInStep(client);
  });

  it('waits longer than the client timeout when asked to, while its batch companions keep the client timeout', async () => {
    const client = await stored({ timeout: 200 });
    await freeze(server.process);
    const started = performance.now();
    const patient = client.get('k1', { timeout: 3000 });
    const hasty = client.get('k2');
    const hastyMany = client.getMany(['k3', 'k4', 'k5']);
    const resume = setTimeout(() => server.process.kill('SIGCONT'), 700);
    try {
      const hastyError = await rejectionOf(hasty);
      expect(hastyError).toBeInstanceOf(TimeoutError);
      const manyError = (await rejectionOf(hastyMany)) as BatchError<string, unknown>;
      expect(manyError).toBeInstanceOf(BatchError);
      expect([...manyError.errors.values()].map((error) => error.constructor)).toEqual([TimeoutError, TimeoutError, TimeoutError]);
      expect(performance.now() - started).toBeLessThan(650);
      await expect(within(patient, 5000)).resolves.toBe('value of k1');
      expect(performance.now() - started).toBeGreaterThanOrEqual(650);
    } finally {
      clearTimeout(resume);
    }
    expect(client.pending).toBe(0);
    await expectInStep(client);
    // Alone, a call without the option still times out after the client's timeout.
    await freeze(server.process);
    const alone = performance.now();
    expect(await rejectionOf(client.get('k1'))).toBeInstanceOf(TimeoutError);
    expect(performance.now() - alone).toBeLessThan(1000);
  });

  it('is checked: a whole number of milliseconds from 1 to an hour', async () => {
    const client = await stored();
    for (const timeout of [0, -1, 1.5, Number.NaN, '100', 3_600_001]) {
      const error = await rejectionOf(client.get('k1', { timeout: timeout as number }));
      expect(error).toBeInstanceOf(InvalidArgumentError);
    }
    expect(await client.get('k1', { timeout: 3_600_000 })).toBe('value of k1');
  });
});

describe('close({ force: true })', () => {
  it('rejects every pending call at once with ClientClosedError while a server is frozen, and frees the native resources', async () => {
    const before = nativeResources();
    const client = await stored({ timeout: 300 });
    await freeze(server.process);
    const calls = [
      ...KEYS.map((key) => client.get(key)),
      client.getMany(KEYS),
      client.set('k1', 'x'),
      client.incr('n', 1, { initial: 1 }),
      client.stats(),
      client.ping(),
    ];
    // Some wait in the queue behind the running batch.
    for (const key of KEYS) calls.push(client.delete(key));
    await sleep(20);
    const started = performance.now();
    await within(client.close({ force: true }), 100, 'close({ force: true })');
    const outcomes = await within(Promise.allSettled(calls), 100, 'the pending calls');
    expect(performance.now() - started).toBeLessThan(100);
    for (const outcome of outcomes) {
      expect(outcome.status).toBe('rejected');
      expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(ClientClosedError);
    }
    expect((await rejectionOf(client.get('k1'))).code).toBe('ERR_CLIENT_CLOSED');
    // The batch in flight ends at its timeout; then its connections close.
    const left = () => {
      const { pools, handles, sockets } = nativeResources();
      return { pools, handles, sockets };
    };
    const freed = { pools: before.pools, handles: before.handles, sockets: before.sockets };
    for (let tries = 0; tries < 150 && JSON.stringify(left()) !== JSON.stringify(freed); tries++) await sleep(20);
    expect(left()).toEqual(freed);
    server.process.kill('SIGCONT');
  });

  it('is what destroy() does, and takes over a close() that waits', async () => {
    const client = await stored({ timeout: 2000 });
    await freeze(server.process);
    const pending = client.get('k1');
    const graceful = client.close();
    await sleep(20);
    await within(client.destroy(), 100, 'destroy()');
    expect(await rejectionOf(pending, 100)).toBeInstanceOf(ClientClosedError);
    server.process.kill('SIGCONT');
    await within(graceful, 5000, 'the waiting close()');
  });

  it('on an idle client frees everything at once', async () => {
    const before = nativeResources();
    const client = await stored();
    await client.close({ force: true });
    expect(nativeResources()).toMatchObject({ pools: before.pools, sockets: before.sockets });
    expect(await rejectionOf(client.close({ force: 'yes' as never }))).toBeInstanceOf(InvalidArgumentError);
  });
});

describe('ping()', () => {
  it('resolves each server with its round trip', async () => {
    const other = await startMemcached();
    try {
      const client = testClient({}, [server.address, other.address]);
      const result = await client.ping();
      expect(Object.keys(result).sort()).toEqual([server.address, other.address].sort());
      for (const { latencyMs } of Object.values(result)) {
        expect(latencyMs).toBeGreaterThan(0);
        expect(latencyMs).toBeLessThan(1000);
      }
    } finally {
      await other.stop('SIGKILL');
    }
  });

  it('rejects with a BatchError naming each server that did not answer', async () => {
    const other = await startMemcached();
    try {
      const client = testClient({ timeout: 200 }, [server.address, other.address]);
      await client.ping();
      await freeze(server.process);
      const error = await rejectionOf(client.ping());
      expect(error).toBeInstanceOf(BatchError);
      const batch = error as BatchError<string, unknown>;
      expect([...batch.errors.keys()]).toEqual([server.address]);
      expect(batch.errors.get(server.address)).toBeInstanceOf(TimeoutError);
      expect([...batch.results.keys()]).toEqual([other.address]);
      // A ping's own timeout.
      expect(await rejectionOf(client.ping({ timeout: 50 }))).toBeInstanceOf(TimeoutError);
    } finally {
      await other.stop('SIGKILL');
    }
  });
});
