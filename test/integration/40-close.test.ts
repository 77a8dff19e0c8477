import { pbkdf2 } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { Client, ClientClosedError, MemcachedError, nativeResources } from '../../src/index.js';
import { protocolOption, sharedServers, testClient, uniquePrefix } from '../support/clients.js';
import { latencyProxy } from '../support/latency-proxy.js';
import { testCertificates } from '../support/tls.js';
import { startMemcached } from '../support/memcached.js';
import { type FakeServer, ensureDist, freeze, rejectionOf, ROOT, runNode, silentServer, sleep, within } from '../support/util.js';

describe('close()', () => {
  it.each([
    ['closed in the same tick, one batch', {}, 'sync'],
    ['closed in the same tick, many queued batches', { maxBatchSize: 64, maxConcurrentBatches: 1 }, 'sync'],
    ['closed while the batch runs', {}, 'later'],
  ] as const)('lets 2000 operations in flight settle with correct values (%s)', async (_name, options, when) => {
    const prefix = uniquePrefix();
    const client = testClient({ keyPrefix: prefix, ...options });
    await client.setMany(Array.from({ length: 1000 }, (_, i) => [`r${i}`, `read-${i}`] as const));

    const promises: Array<Promise<unknown>> = [];
    const expected: unknown[] = [];
    for (let i = 0; i < 1000; i++) {
      promises.push(client.get(`r${i}`));
      expected.push(`read-${i}`);
      promises.push(client.set(`w${i}`, `written-${i}`));
      expected.push(true);
    }
    if (when === 'later') await new Promise((resolve) => setImmediate(resolve));
    let settledWhenClosed = -1;
    let settled = 0;
    for (const promise of promises)
      promise.then(
        () => settled++,
        () => settled++,
      );
    const closing = client.close().then(() => {
      settledWhenClosed = settled;
    });
    expect(client.closed).toBe(true);
    const late = client.get('r0');
    late.catch(() => {}); // checked below

    const outcomes = await within(Promise.allSettled(promises), 10_000, 'the operations issued before close()');
    const results = outcomes.map((outcome) => (outcome.status === 'fulfilled' ? outcome.value : `rejected: ${String(outcome.reason)}`));
    expect(results).toEqual(expected);
    await within(closing, 5000, 'close()');
    // close() resolved only after every operation issued before it had settled.
    expect(settledWhenClosed).toBe(2000);
    expect(client.pending).toBe(0);

    const lateError = await rejectionOf(late);
    expect(lateError).toBeInstanceOf(ClientClosedError);
    expect(lateError.code).toBe('ERR_CLIENT_CLOSED');

    // The writes reached the server.
    const reader = testClient({ keyPrefix: prefix });
    const written = await reader.getMany(Array.from({ length: 1000 }, (_, i) => `w${i}`));
    expect(written.size).toBe(1000);
    expect(written.get('w999')).toBe('written-999');
  });

  it('is idempotent and flips `closed` at once', async () => {
    const client = testClient();
    await client.set('k', 'v');
    expect(client.closed).toBe(false);
    const first = client.close();
    expect(client.closed).toBe(true);
    const second = client.close();
    expect(second).toBe(first);
    await expect(within(first, 5000)).resolves.toBeUndefined();
    await expect(within(client.close(), 5000)).resolves.toBeUndefined();
    expect(client.closed).toBe(true);
    expect((await rejectionOf(client.get('k'))).code).toBe('ERR_CLIENT_CLOSED');
    expect((await rejectionOf(client.stats())).code).toBe('ERR_CLIENT_CLOSED');
  });

  it('rejects calls made after close() even before it resolves, and lets admin calls in flight finish', async () => {
    const client = testClient({}, sharedServers());
    await client.set('k', 'v');
    const stats = client.stats();
    const version = client.version();
    const read = client.get('k');
    const closing = client.close();
    const afterwards = [client.get('k'), client.set('k', 'w'), client.getMany(['k']), client.incr('n'), client.version(), client.flush()];
    for (const promise of afterwards) {
      const error = await rejectionOf(promise);
      expect(error).toBeInstanceOf(ClientClosedError);
      expect(error.code).toBe('ERR_CLIENT_CLOSED');
    }
    expect(Object.keys(await within(stats, 5000))).toHaveLength(3);
    expect(Object.values(await within(version, 5000))).toHaveLength(3);
    expect(await within(read, 5000)).toBe('v');
    await within(closing, 5000, 'close()');
    // The write after close() was never sent.
    const reader = new Client(sharedServers(), { keyPrefix: client.options.keyPrefix, ...protocolOption() });
    try {
      expect(await reader.get('k')).toBe('v');
    } finally {
      await reader.close();
    }
  });

  describe('with a server that never answers', () => {
    let silent: FakeServer;

    beforeAll(async () => {
      silent = await silentServer();
    });

    afterAll(() => silent.close());

    it('settles every operation (with a timeout) before close() resolves', async () => {
      const client = testClient({ timeout: 200, connectTimeout: 200, maxBatchSize: 50, maxConcurrentBatches: 1 }, silent.address);
      // Each write waits out its own timeout: keep them few.
      const promises = Array.from({ length: 120 }, (_, i) => (i % 30 === 0 ? client.set(`k${i}`, 'v') : client.get(`k${i}`)));
      const closing = client.close();
      const outcomes = await within(Promise.allSettled(promises), 10_000, 'operations on a silent server');
      await within(closing, 5000, 'close()');
      for (const outcome of outcomes) {
        expect(outcome.status).toBe('rejected');
        const error = (outcome as PromiseRejectedResult).reason as MemcachedError;
        expect(error).toBeInstanceOf(MemcachedError);
        expect(['ERR_TIMEOUT', 'ERR_SERVER_DOWN', 'ERR_CONNECTION']).toContain(error.code);
        expect(error.server).toBe(silent.address);
      }
      expect(client.pending).toBe(0);
    });
  });
});

describe('close({ force: true }) and destroy() with batches on libuv worker threads', () => {
  /** The size of the libuv thread pool of this process, Node's default unless set. */
  const threads = Number(process.env.UV_THREADPOOL_SIZE) || 4;
  let silent: FakeServer;
  let ca: string;

  beforeAll(async () => {
    silent = await silentServer();
    // Made once, here: the first run makes them with openssl, which takes a while.
    ca = testCertificates().ca;
  });

  afterAll(() => silent.close());

  /** Resolves once `condition` holds; fails the test if it does not within `ms`. */
  async function until(condition: () => boolean, ms: number, what: string): Promise<void> {
    const deadline = performance.now() + ms;
    while (!condition()) {
      if (performance.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
      await sleep(10);
    }
  }

  /**
   * `count` clients, each with a call on a libuv thread waiting for a server
   * that never answers, with 20 s to wait: a read, a read of 100 keys, a
   * stats, and from the fourth on a TLS handshake that never finishes.
   * Resolves once every one of them holds its thread.
   */
  async function pinThreads(count: number): Promise<{ clients: Client<string | Buffer>[]; calls: Promise<unknown>[] }> {
    // One batch at a time per client: one thread each.
    const patient = { timeout: 20_000, connectTimeout: 20_000, retryTimeout: 0, maxConcurrentBatches: 1 };
    const tls = { ca };
    const clients = Array.from({ length: count }, (_, i) => testClient({ ...patient, ...(i >= 3 ? { tls } : {}) }, silent.address));
    const accepted = silent.connections;
    const calls = clients.map((client, i) => {
      if (i === 1) return client.getMany(Array.from({ length: 100 }, (_, key) => `k${key}`));
      if (i === 2) return client.stats();
      return client.get('k');
    });
    for (const call of calls) call.catch(() => {}); // checked by the tests
    // A batch connects on its worker thread: one connection per client means every thread is taken.
    await until(() => silent.connections - accepted >= count, 5000, 'a connection from every client');
    return { clients, calls };
  }

  it.each(['close({ force: true })', 'destroy()'] as const)(
    '%s settles calls waiting on a worker thread with ClientClosedError and gives the thread back at once',
    async (how) => {
      const poolsBefore = nativeResources().pools;
      const { clients, calls } = await pinThreads(threads);
      // stats is no batch, but runs on a thread too.
      for (const client of clients) if (client !== clients[2]) expect(client.counters.batches - client.counters.loopBatches, 'batches on a thread').toBe(1);
      // Every thread is taken: work for the libuv pool waits.
      let readDone = false;
      const read = fs.readFile(__filename, 'utf8').then((text) => {
        readDone = true;
        return text;
      });
      await sleep(100);
      expect(readDone, 'a file read while every thread waits on the silent server').toBe(false);

      await Promise.all(clients.map((client) => (how === 'destroy()' ? client.destroy() : client.close({ force: true }))));
      const outcomes = await within(Promise.allSettled(calls), 5000, 'the calls of the clients closed by force');
      for (const outcome of outcomes) {
        expect(outcome.status).toBe('rejected');
        const error = (outcome as PromiseRejectedResult).reason as MemcachedError;
        expect(error).toBeInstanceOf(ClientClosedError);
        expect(error.code).toBe('ERR_CLIENT_CLOSED');
      }
      // The threads are free long before the 20 s the calls were given.
      expect(await within(read, 5000, 'a file read after the close')).toContain('pinThreads');
      expect(await within(promisify(pbkdf2)('secret', 'salt', 1000, 32, 'sha256'), 5000, 'pbkdf2 after the close')).toHaveLength(32);
      // Every pool was freed: each of their batches ended.
      await until(() => nativeResources().pools <= poolsBefore, 5000, 'the pools of the clients closed by force freed');
    },
  );

  it.each(['close({ force: true })', 'destroy()'] as const)(
    '%s ends a batch waiting on the event loop at once: its pool is freed, the process is not kept alive',
    async (how) => {
      // memcached answers the first read (a miss), then is frozen: the connection is open and idle.
      const frozen = await startMemcached();
      try {
        const poolsBefore = nativeResources().pools;
        const client = testClient({ timeout: 20_000, retryTimeout: 0 }, frozen.address);
        expect(await client.get('first')).toBeUndefined();
        await freeze(frozen.process);
        const waiting = client.get('second');
        waiting.catch(() => {}); // checked below
        await sleep(50);
        const onLoop = process.env.MEMCACHE_NATIVE_DRIVER !== 'thread';
        expect(client.counters.loopBatches, 'the second read runs on the event loop').toBe(onLoop ? 1 : 0);
        await (how === 'destroy()' ? client.destroy() : client.close({ force: true }));
        expect(await rejectionOf(waiting, 1000)).toBeInstanceOf(ClientClosedError);
        // The batch had 20 s: its pool is freed once it ended.
        await until(() => nativeResources().pools <= poolsBefore, 2000, 'the pool of the client closed by force freed');
      } finally {
        await frozen.stop('SIGKILL');
      }
    },
  );

  it('leaves thread batches of other clients alone: their values are right, and they go on working', async () => {
    const prefix = uniquePrefix();
    const entries = Array.from({ length: 200 }, (_, i) => [`k${i}`, `value-${i}-${'x'.repeat(i)}`] as const);
    await testClient({ keyPrefix: prefix }).setMany(entries);
    // The answers of memcached come late: the read below is still on its thread when the others are destroyed.
    const proxy = await latencyProxy(sharedServers()[0]!, 1500);
    try {
      const working = testClient({ keyPrefix: prefix, timeout: 10_000, maxConcurrentBatches: 1 }, proxy.address);
      let duringSettled = false;
      const during = working.getMany(entries.map(([key]) => key)).finally(() => (duringSettled = true));
      await until(() => proxy.accepted >= 1, 5000, 'the connection of the client left open');
      const { clients, calls } = await pinThreads(threads - 1);
      await Promise.all(clients.map((client) => client.destroy()));
      for (const outcome of await within(Promise.allSettled(calls), 5000, 'the calls of the destroyed clients')) {
        expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(ClientClosedError);
      }
      expect(duringSettled, 'the read of the client left open, when the others were destroyed').toBe(false);
      const read = await within(during, 10_000, 'the read of the client left open');
      expect(read.size).toBe(200);
      for (const [key, value] of entries) expect(read.get(key)).toBe(value);

      // And afterwards, on a thread again: a write and a read of more than an event-loop batch.
      const next = entries.map(([key, value]) => [key, `${value}!`] as const);
      await working.setMany(next);
      const again = await working.getMany(next.map(([key]) => key));
      for (const [key, value] of next) expect(again.get(key)).toBe(value);
      expect(working.counters.batches - working.counters.loopBatches, 'batches on a thread').toBeGreaterThanOrEqual(3);
    } finally {
      await proxy.close();
    }
  });
});

describe('garbage collection', () => {
  beforeAll(() => {
    ensureDist();
  }, 180_000);

  it('frees unclosed clients without crashing the process', () => {
    const script = `
      const { Client } = require(process.env.ROOT + '/dist/cjs/index.js');
      const server = process.env.SERVER;
      const prefix = process.env.PREFIX;
      const tick = () => new Promise((resolve) => setTimeout(resolve, 10));
      (async () => {
        let checked = 0;
        for (let i = 0; i < 50; i++) {
          // Each client is used, then dropped without close().
          await (async () => {
            const client = new Client(server, { keyPrefix: prefix + i + ':', maxConcurrentBatches: 1 + (i % 2), protocol: process.env.PROTOCOL });
            await client.set('k', 'value-' + i);
            const [value, many] = await Promise.all([client.get('k'), client.getMany(['k', 'missing'])]);
            if (value !== 'value-' + i || many.get('k') !== 'value-' + i) throw new Error('wrong value for client ' + i);
            await client.stats();
            checked++;
          })();
        }
        for (let round = 0; round < 5; round++) { global.gc(); await tick(); }
        // Their pools are freed: nothing (no timer, no probe) keeps a dropped client alive.
        const { nativeResources } = require(process.env.ROOT + '/dist/cjs/index.js');
        const left = nativeResources();
        if (left.pools > 5) throw new Error('pools of dropped clients still alive: ' + JSON.stringify(left));
        // Clients dropped with a call still in flight.
        const inFlight = [];
        for (let i = 0; i < 10; i++) inFlight.push(new Client(server, { keyPrefix: prefix }).get('k'));
        global.gc();
        await Promise.all(inFlight);
        for (let round = 0; round < 5; round++) { global.gc(); await tick(); }
        // The process still works.
        const last = new Client(server, { keyPrefix: prefix });
        await last.set('after-gc', 'ok');
        const after = await last.get('after-gc');
        await last.close();
        if (after !== 'ok') throw new Error('client after gc read ' + after);
        console.log('GC-MARKER ' + checked);
      })().catch((error) => { console.error(error); process.exit(3); });
    `;
    const run = runNode(
      ['--expose-gc', '-e', script],
      { ROOT, SERVER: sharedServers()[0]!, PREFIX: uniquePrefix(), PROTOCOL: protocolOption().protocol },
      60_000,
    );
    expect(run.stderr).toBe('');
    expect(run.signal).toBeNull();
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe('GC-MARKER 50');
  });
});

describe('worker threads', () => {
  it('a worker that exits with a batch in flight ends cleanly and the process goes on', async () => {
    ensureDist();
    const script = `
      const net = require('node:net');
      const { Worker } = require('node:worker_threads');
      const server = net.createServer((socket) => socket.resume()).listen(0, '127.0.0.1', async () => {
        const { port } = server.address();
        for (let i = 0; i < 4; i++) {
          const worker = new Worker(\`
            const { Client } = require(\${JSON.stringify(process.env.ROOT + '/dist/cjs/index.js')});
            const client = new Client('127.0.0.1:\${port}', { timeout: 500 });
            for (let i = 0; i < 100; i++) client.set('k' + i, 'v'.repeat(1000)).catch(() => {});
            setTimeout(() => process.exit(0), 50);
          \`, { eval: true });
          await new Promise((resolve) => worker.once('exit', resolve));
        }
        console.log('process alive');
        server.close();
      });
    `;
    const result = runNode(['-e', script], { ROOT }, 30_000);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('process alive');
  });
});
