/**
 * The pipeline: every operation issued in one tick, reads and writes alike,
 * goes out as one pipeline per server on the client's own connections. These
 * tests check that each operation still gets its own status, that per-key order holds across
 * reads and writes, that failures in the middle of a pipeline settle every
 * operation with the right outcome, and that values up to the server's item
 * size survive.
 */
import { randomBytes } from 'node:crypto';

import { afterAll, describe, expect, it } from 'vitest';

import { ProtocolError, ServerError } from '../../src/index.js';
import { sharedServers, testClient, uniquePrefix } from '../support/clients.js';
import { type MemcachedProcess, startMemcached } from '../support/memcached.js';
import { plainReply, scriptedServer } from '../support/scripted-server.js';
import { expectServerFault, rejectionOf, sleep, within } from '../support/util.js';

const MiB = 1024 * 1024;

function settled<T>(promise: Promise<T>): Promise<PromiseSettledResult<T>> {
  return promise.then(
    (value) => ({ status: 'fulfilled', value }),
    (reason: unknown) => ({ status: 'rejected', reason }),
  );
}

describe('one pipeline of writes', () => {
  it('gives every write its own status', async () => {
    const client = testClient();
    await client.set('existing', 'v');
    await client.set('counter', '10');
    await client.set('text', 'abc');
    const token = (await client.gets('existing'))!.cas;
    await client.set('existing', 'changed'); // makes `token` stale

    // All issued in one tick: one batch, one pipeline.
    const results = await Promise.allSettled([
      client.add('existing', 'x'),
      client.add('fresh', 'x'),
      client.replace('missing', 'x'),
      client.replace('fresh', 'y'),
      client.cas('existing', 'x', token),
      client.cas('missing', 'x', token),
      client.append('missing', 'x'),
      client.prepend('fresh', '<'),
      client.delete('missing'),
      client.touch('missing', 60),
      client.touch('fresh', 60),
      client.incr('missing'),
      client.incr('counter', 5),
      client.decr('counter', 100),
      client.incr('text'),
      client.delete('text'),
    ]);
    const values = results.map((result) => (result.status === 'fulfilled' ? result.value : (result.reason as unknown)));
    expect(values.slice(0, 14)).toEqual([false, true, false, true, false, false, false, true, false, false, true, undefined, 15, 0]);
    expect(values[14]).toBeInstanceOf(ServerError);
    expect((values[14] as ServerError).code).toBe('ERR_NOT_NUMERIC');
    expect(values[15]).toBe(true);
    expect(await client.get('fresh')).toBe('<y');
  });

  it('keeps per-key order across reads and writes in one batch', async () => {
    const client = testClient();
    const results = await Promise.all([
      client.set('k', 'a'),
      client.append('k', 'b'),
      client.get('k'),
      client.delete('k'),
      client.get('k'),
      client.add('k', 'c'),
      client.get('k'),
      client.incr('n', 1, { initial: 5 }),
      client.incr('n', 1, { initial: 5 }),
      client.get('n'),
      client.set('n', 'x'),
      client.get('n'),
    ]);
    // textCodec reads a counter (flags 0) back as bytes.
    expect(results).toEqual([true, true, 'ab', true, undefined, true, 'c', 5, 6, Buffer.from('6'), true, 'x']);
  });

  it('applies noreply writes before later reads, in the same batch and the next', async () => {
    const client = testClient();
    const sameTick = await Promise.all([client.set('a', '1', { noreply: true }), client.get('a')]);
    expect(sameTick).toEqual([true, '1']);
    // Reads and writes share the connection and its pipeline, in issue order:
    // the noreply call resolves only once the server has processed it.
    for (let i = 0; i < 50; i++) {
      await client.set(`b${i}`, `${i}`, { noreply: true });
      expect(await client.get(`b${i}`)).toBe(`${i}`);
    }
  });

  it('matches replies to commands when a noreply write fails in the middle', async () => {
    // Shared server [1] keeps memcached's 1 MiB item limit: 1.5 MiB is refused
    // with SERVER_ERROR even under noreply, and the stream stays in step.
    const client = testClient({ maxValueSize: 4 * MiB }, sharedServers()[1]);
    const big = randomBytes(1.5 * MiB);
    const results = await Promise.all([client.set('before', 'b'), client.set('big', big, { noreply: true }), client.set('after', 'a'), client.get('after')]);
    expect(results).toEqual([true, true, true, 'a']);
    expect(await client.get('big')).toBeUndefined();
    expect(await client.getMany(['before', 'after'])).toEqual(
      new Map([
        ['before', 'b'],
        ['after', 'a'],
      ]),
    );
  });

  it('reports a refused value as SERVER_ERROR and answers the writes after it', async () => {
    const client = testClient({ maxValueSize: 4 * MiB }, sharedServers()[1]);
    const results = await Promise.allSettled([client.set('x', 'x'), client.set('big', randomBytes(1.5 * MiB)), client.set('y', 'y')]);
    expect(results[0]).toEqual({ status: 'fulfilled', value: true });
    expect(results[2]).toEqual({ status: 'fulfilled', value: true });
    const refused = expectServerFault((results[1] as PromiseRejectedResult).reason, sharedServers()[1]!, ['ERR_SERVER_ERROR']);
    expect(refused.message).toMatch(/too large/);
    expect(await client.get('y')).toBe('y');
  });

  it('round-trips values up to the server item size, many at once', async () => {
    // Shared server [0] runs with -I 2m. Twelve such values are far more than
    // the socket buffers hold, so writing and reading must overlap.
    const client = testClient({ maxValueSize: 2 * MiB });
    const values = Array.from({ length: 12 }, (_, i) => randomBytes(2 * MiB - 4096 - i));
    const stored = await Promise.all(values.map((value, i) => client.set(`big${i}`, value)));
    expect(stored).toEqual(values.map(() => true));
    const read = await client.getMany(values.map((_, i) => `big${i}`));
    values.forEach((value, i) => expect(Buffer.compare(read.get(`big${i}`) as Buffer, value), `big${i}`).toBe(0));

    const small = Array.from({ length: 5000 }, (_, i) => [`s${i}`, `value ${i}`] as const);
    const setMany = await client.setMany(small);
    expect([...setMany.values()].every((ok) => ok)).toBe(true);
    const back = await client.getMany(small.map(([key]) => key));
    expect(back).toEqual(new Map(small));
  });

  it('writes each key to the server libmemcached reads it from', async () => {
    const servers = sharedServers();
    for (const distribution of ['modula', 'ketama_weighted'] as const) {
      const keyPrefix = uniquePrefix();
      const client = testClient({ distribution, keyPrefix }, servers);
      const keys = Array.from({ length: 300 }, (_, i) => `placed${i}`);
      await Promise.all(keys.map((key) => client.set(key, key)));
      const single = servers.map((server) => testClient({ keyPrefix }, server));
      for (const key of keys) {
        const home = client.serverFor(key);
        const found = await Promise.all(single.map((one) => one.get(key)));
        expect(found, `${distribution} ${key}`).toEqual(servers.map((server) => (server === home ? key : undefined)));
      }
      expect(await client.getMany(keys)).toEqual(new Map(keys.map((key) => [key, key])));
    }
  });
});

// The scripted server speaks ASCII; the binary protocol's faults are in 36-binary-protocol.
describe('a pipeline that fails halfway', () => {
  it('settles the answered writes and faults the rest when the server closes the connection', async () => {
    const server = await scriptedServer(({ line, index, connection }) => (connection === 0 && index === 3 ? 'close' : plainReply(line)));
    try {
      const client = testClient({ retryTimeout: 0, protocol: 'ascii' }, server.address);
      const results = await within(Promise.allSettled(Array.from({ length: 8 }, (_, i) => client.set(`k${i}`, 'v'))), 5000);
      expect(results.slice(0, 3)).toEqual([0, 1, 2].map(() => ({ status: 'fulfilled', value: true })));
      for (const result of results.slice(3)) {
        const fault = expectServerFault((result as PromiseRejectedResult).reason, server.address, ['ERR_CONNECTION']);
        expect(fault.message).toMatch(/closed the connection/);
      }
      // The next batch connects again.
      expect(await client.set('again', 'v')).toBe(true);
      expect(server.connections).toBe(2);
    } finally {
      await server.close();
    }
  });

  it('faults a reply that makes no sense, closes the connection, and starts clean', async () => {
    const server = await scriptedServer(({ line, index, connection }) => (connection === 0 && index === 2 ? 'END\r\n' : plainReply(line)));
    try {
      const client = testClient({ protocol: 'ascii' }, server.address);
      const results = await within(Promise.allSettled(Array.from({ length: 5 }, (_, i) => client.set(`k${i}`, 'v'))), 5000);
      expect(results.slice(0, 2)).toEqual([0, 1].map(() => ({ status: 'fulfilled', value: true })));
      const unexpected = expectServerFault((results[2] as PromiseRejectedResult).reason, server.address, ['ERR_PROTOCOL']);
      expect(unexpected).toBeInstanceOf(ProtocolError);
      expect(unexpected.message).toMatch(/unexpected reply to set: 'END'/);
      for (const result of results.slice(3)) {
        expect(expectServerFault((result as PromiseRejectedResult).reason, server.address, ['ERR_PROTOCOL']).message).toMatch(/out of step/);
      }
      expect(await client.incr('n', 7)).toBe(7);
      expect(server.connections).toBe(2);
    } finally {
      await server.close();
    }
  });

  it('rejects a counter reply that is not a number instead of inventing one', async () => {
    const server = await scriptedServer(({ line }) => (line.startsWith('incr') ? '12abc\r\n' : plainReply(line)));
    try {
      const client = testClient({ protocol: 'ascii' }, server.address);
      expectServerFault(await rejectionOf(client.incr('n')), server.address, ['ERR_PROTOCOL']);
      expect(await client.set('k', 'v')).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('does not reuse a connection that received a reply no command asked for', async () => {
    const server = await scriptedServer(({ line, connection }) => (connection === 0 ? `${plainReply(line)}STORED\r\n` : plainReply(line)));
    try {
      const client = testClient({ protocol: 'ascii' }, server.address);
      expect(await client.set('a', 'v')).toBe(true);
      await sleep(50); // let the stray line arrive
      expect(await client.set('b', 'v')).toBe(true);
      expect(server.connections).toBe(2);
    } finally {
      await server.close();
    }
  });

  describe('a memcached killed under a pipeline of writes', () => {
    let server: MemcachedProcess | undefined;
    afterAll(() => server?.stop('SIGKILL'));

    it('settles every write with its status or a typed fault, and recovers after retryTimeout', async () => {
      server = await startMemcached();
      const address = server.address;
      // A slow machine (the sanitizer run) may take three tries at the dead
      // server before it is back: declaring it dead is another test's subject.
      const client = testClient({ retryTimeout: 1000, timeout: 500, connectTimeout: 500, failureLimit: 100 }, address);
      const writes: Array<Promise<PromiseSettledResult<boolean>>> = [];
      for (let round = 0; round < 20; round++) {
        // Settled at once: rounds still being issued must not leave rejections unhandled.
        for (let i = 0; i < 1000; i++) writes.push(settled(client.set(`k${round}:${i}`, randomBytes(100))));
        if (round === 10) void server.stop('SIGKILL');
        await new Promise((resolve) => setImmediate(resolve));
      }
      const results = await within(Promise.all(writes), 20_000, 'the writes');
      let faults = 0;
      for (const result of results) {
        if (result.status === 'fulfilled') {
          expect(result.value).toBe(true);
        } else {
          expectServerFault(result.reason, address, ['ERR_CONNECTION', 'ERR_SERVER_DOWN', 'ERR_TIMEOUT']);
          faults++;
        }
      }
      expect(faults).toBeGreaterThan(0);

      server = await startMemcached([], { port: server.port });
      const deadline = performance.now() + 3000;
      let stored: unknown;
      do {
        await sleep(100);
        stored = await client.set('after', 'v').catch((error: unknown) => error);
      } while (stored !== true && performance.now() < deadline);
      expect(stored).toBe(true);
      expect(await client.get('after')).toBe('v');
    });
  });
});
