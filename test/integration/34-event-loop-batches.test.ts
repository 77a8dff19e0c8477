/**
 * Small batches on connections that are already open run on the event loop
 * (native/addon/loop_driver.cc): reads go out in the same pipeline as the writes (a
 * multi-key `gets`, or GETKQs and a NOOP). The tests on real servers run under
 * both protocols; the scripted servers speak ASCII (36-binary-protocol has
 * the binary ones). These tests check that it happens, that results, order and faults
 * are the same as on a libuv thread, and that the event loop is never blocked
 * while a server is slow.
 */
import { randomBytes } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { type Client, MemcachedError, ProtocolError, TimeoutError } from '../../src/index.js';
import { protocolOption, sharedServers, testClient } from '../support/clients.js';
import { readAsciiCommands } from '../support/ascii-commands.mjs';
import { plainReply, scriptedServer } from '../support/scripted-server.js';
import { startMemcached } from '../support/memcached.js';
import { ensureDist, fakeServer, freeze, ROOT, runNode, sleep, within } from '../support/util.js';

/** A write to each server opens its connection (writes on a libuv thread do). */
async function openEveryConnection(client: Client<string | Buffer>, servers: number): Promise<void> {
  const seen = new Set<string>();
  for (let i = 0; seen.size < servers; i++) {
    const server = client.serverFor(`warm${i}`);
    if (seen.has(server)) continue;
    seen.add(server);
    await client.set(`warm${i}`, 'up');
  }
}

/**
 * `count` keys named `${stem}N` that `server` holds. Under modula and the
 * one-at-a-time hash, a key prefix can map a short run of such names onto few
 * servers, so the search goes on until it has them.
 */
function keysOn(client: Client<string | Buffer>, server: string, stem: string, count: number): string[] {
  const keys: string[] = [];
  for (let i = 0; keys.length < count && i < 10_000; i++) {
    if (client.serverFor(`${stem}${i}`) === server) keys.push(`${stem}${i}`);
  }
  return keys;
}

describe('batches on the event loop', () => {
  it('run small batches there once the connections are open, and large ones on a libuv thread', async () => {
    const client = testClient({ maxConnections: 1 });
    await client.set('warm', 'up'); // connects on a libuv thread
    const before = client.counters;
    expect(await client.get('warm')).toBe('up');
    expect(await client.set('k', 'v')).toBe(true);
    const small = client.counters;
    expect(small.loopBatches - before.loopBatches).toBe(2);
    await client.getMany(Array.from({ length: 500 }, (_, i) => `many${i}`));
    expect(client.counters.batches - small.batches).toBe(1);
    expect(client.counters.loopBatches).toBe(small.loopBatches);
  });

  it('keeps per-key order across reads and writes of one batch, with hits, misses, CAS and counters', async () => {
    const client = testClient({}, sharedServers());
    await openEveryConnection(client, sharedServers().length);
    const before = client.counters.loopBatches;
    const results = await Promise.all([
      client.get('k'),
      client.set('k', 'one'),
      client.get('k'),
      client.gets('k'),
      client.append('k', '+'),
      client.get('k'),
      client.delete('k'),
      client.get('k'),
      client.set('n', '5'),
      client.incr('n', 3),
      client.decr('n', 10),
      client.get('n'),
      client.add('n', 'x'),
      client.set('q', 'quiet', { noreply: true }),
      client.get('q'),
    ]);
    expect(client.counters.loopBatches).toBe(before + 1);
    const [miss, set, hit, gets, appended, afterAppend, deleted, afterDelete, setN, incr, decr, n, add, quiet, q] = results;
    expect([miss, set, hit]).toEqual([undefined, true, 'one']);
    expect(gets).toMatchObject({ value: 'one' });
    expect((gets as { cas: bigint }).cas).toBeGreaterThan(0n);
    expect([appended, afterAppend, deleted, afterDelete]).toEqual([true, 'one+', true, undefined]);
    expect([setN, incr, decr, n, add, quiet, q]).toEqual([true, 8, 0, '0', false, true, 'quiet']);
    // A stale token is refused, the fresh one accepted.
    const fresh = await client.gets('q');
    expect(await client.cas('q', 'x', fresh!.cas + 1000n)).toBe(false);
    expect(await client.cas('q', 'y', fresh!.cas)).toBe(true);
    expect(await client.get('q')).toBe('y');
  });

  it('reads values of every size back, binary bytes intact', async () => {
    const client = testClient({ maxValueSize: 2 * 1024 * 1024 });
    await client.set('warm', 'up');
    const values = [0, 1, 2, 100, 16 * 1024, 1024 * 1024].map((size) => Buffer.from(Array.from({ length: size }, (_, i) => (i * 7 + size) & 0xff)));
    await Promise.all(values.map((value, i) => client.set(`v${i}`, value)));
    const before = client.counters.loopBatches;
    const read = await Promise.all(values.map((_, i) => client.get(`v${i}`)));
    expect(client.counters.loopBatches).toBe(before + 1);
    read.forEach((value, i) => expect(Buffer.compare(Buffer.from(value as Buffer), values[i]!), `value ${i}`).toBe(0));
  });

  it('keeps each value whole when large values arrive in pieces from several servers at once', async () => {
    const client = testClient({}, sharedServers());
    await openEveryConnection(client, sharedServers().length);
    // Four keys on each server, interleaved in the batch.
    const perServer = sharedServers().map((server) => keysOn(client, server, 'big', 4));
    const keys = perServer[0]!.flatMap((_, i) => perServer.map((onServer) => onServer[i]!));
    expect(new Set(keys.map((key) => client.serverFor(key))).size).toBe(sharedServers().length);
    // Distinct bytes per value: a piece of one in another shows as a mismatch.
    const values = keys.map((_, i) => randomBytes(200_000 + i * 997));
    await Promise.all(values.map((value, i) => client.set(keys[i]!, value)));
    const before = client.counters.loopBatches;
    for (let round = 0; round < 10; round++) {
      const read = await Promise.all(keys.map((key) => client.get(key)));
      read.forEach((value, i) => expect(Buffer.compare(value as Buffer, values[i]!), `round ${round}, value ${i}`).toBe(0));
    }
    expect(client.counters.loopBatches).toBe(before + 10);
  });

  it("settles a server's operations as soon as it has answered, while another server of the batch still owes", async () => {
    const servers = await Promise.all([startMemcached(), startMemcached()]);
    const [fast, slow] = servers;
    try {
      const client = testClient({ timeout: 3000 }, [fast.address, slow.address]);
      await openEveryConnection(client, 2);
      const fastKeys = keysOn(client, fast.address, 'key', 3);
      const slowKeys = keysOn(client, slow.address, 'key', 3);
      expect([fastKeys.length, slowKeys.length]).toEqual([3, 3]);
      await Promise.all([...fastKeys, ...slowKeys].map((key) => client.set(key, `value of ${key}`)));
      await freeze(slow.process);

      const before = client.counters.loopBatches;
      const slowReads = Promise.all(slowKeys.map((key) => client.get(key)));
      const fastReads = Promise.all(fastKeys.map((key) => client.get(key)));
      // One batch; the frozen server cannot answer, so only an early settling wins this race.
      const first = await Promise.race([fastReads.then(() => 'fast'), slowReads.then(() => 'slow')]);
      expect(first).toBe('fast');
      expect(await fastReads).toEqual(fastKeys.map((key) => `value of ${key}`));
      expect(client.counters.loopBatches).toBe(before + 1);

      // What a settled operation's caller issues next waits for the batch to
      // end, so each key still sees its operations in order.
      const overwrite = client.set(fastKeys[0]!, 'second');
      const reread = client.get(fastKeys[0]!);
      slow.process.kill('SIGCONT');
      expect(await slowReads).toEqual(slowKeys.map((key) => `value of ${key}`));
      expect(await overwrite).toBe(true);
      expect(await reread).toBe('second');
      expect(client.counters.errors).toBe(0);

      // A server that never answers: the others' operations have settled
      // long before its own time out, typed.
      const impatient = testClient({ timeout: 300, keyPrefix: client.options.keyPrefix }, [fast.address, slow.address]);
      await openEveryConnection(impatient, 2);
      await freeze(slow.process);
      const stuck = Promise.allSettled(slowKeys.map((key) => impatient.get(key)));
      const answered = await Promise.all(fastKeys.map((key) => impatient.get(key)));
      expect(answered).toEqual([...fastKeys.slice(0, 1).map(() => 'second'), ...fastKeys.slice(1).map((key) => `value of ${key}`)]);
      for (const outcome of await stuck) {
        expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(TimeoutError);
      }
      expect(impatient.counters.errors).toBe(slowKeys.length);
    } finally {
      for (const server of servers) {
        server.process.kill('SIGCONT');
        await server.stop('SIGKILL');
      }
    }
  });

  it('never blocks the event loop while a server is slow, and times out typed', async () => {
    const server = await fakeServer((socket) => {
      // Answers the first batch (which opens the connection), then stays silent.
      let answered = false;
      socket.on('data', () => {
        if (!answered) socket.write('STORED\r\n');
        answered = true;
      });
    });
    try {
      const client = testClient({ protocol: 'ascii', timeout: 300, retryTimeout: 0 }, server.address);
      expect(await client.set('k', 'v')).toBe(true);
      const before = client.counters.loopBatches;
      let ticks = 0;
      const ticker = setInterval(() => ticks++, 10);
      const started = performance.now();
      const error = await within(
        client.get('k').catch((fault: unknown) => fault),
        3000,
      );
      clearInterval(ticker);
      expect(client.counters.loopBatches).toBe(before + 1);
      expect(error).toBeInstanceOf(TimeoutError);
      expect(performance.now() - started).toBeGreaterThan(250);
      // The timers kept firing while the batch waited.
      expect(ticks).toBeGreaterThan(10);
    } finally {
      await server.close();
    }
  });

  it('costs no error when the server closes a connection while it is idle', async () => {
    // Answers a set and then closes that connection, as a restarting server or an idle timeout would.
    const server = await fakeServer((socket) =>
      readAsciiCommands(socket, (line) => {
        if (line.startsWith('gets ')) socket.write('END\r\n');
        else socket.end('STORED\r\n');
      }),
    );
    try {
      const client = testClient({ protocol: 'ascii', retryTimeout: 5000 }, server.address);
      for (let round = 0; round < 5; round++) {
        expect(await client.set('k', 'v')).toBe(true);
        await sleep(30); // the close arrives while nothing waits on the connection
        expect(await client.get('k')).toBeUndefined();
      }
      // Some of those batches ran on the event loop, on connections opened since.
      expect(client.counters.loopBatches).toBeGreaterThan(0);
      expect(client.counters.errors).toBe(0);
    } finally {
      await server.close();
    }
  });

  it('faults a VALUE for another key, closes the connection, and the next batch reconnects', async () => {
    let spoil = true;
    const server = await scriptedServer(({ line }) => {
      if (line.startsWith('gets ') && spoil) {
        spoil = false;
        return 'VALUE someone-else 0 1 1\r\nx\r\nEND\r\n';
      }
      if (line.startsWith('gets ')) return 'END\r\n';
      return plainReply(line);
    });
    try {
      const client = testClient({ protocol: 'ascii', retryTimeout: 0 }, server.address);
      expect(await client.set('k', 'v')).toBe(true);
      const before = client.counters.loopBatches;
      const [read, write] = await Promise.allSettled([client.get('k'), client.set('k', 'w')]);
      expect(client.counters.loopBatches).toBe(before + 1);
      expect((read as PromiseRejectedResult).reason).toBeInstanceOf(ProtocolError);
      expect(((read as PromiseRejectedResult).reason as Error).message).toMatch(/a VALUE for a key that was not asked for/);
      expect((write as PromiseRejectedResult).reason).toBeInstanceOf(MemcachedError);
      // The next batch runs on a libuv thread, which opens a new connection;
      // the one after that is back on the event loop.
      expect(await client.get('k')).toBeUndefined();
      const recovered = client.counters.loopBatches;
      expect(await client.get('k')).toBeUndefined();
      expect(client.counters.loopBatches).toBe(recovered + 1);
    } finally {
      await server.close();
    }
  });

  it('refuses a VALUE longer than memcached can store before taking room for it', async () => {
    const server = await scriptedServer(({ line }) => (line.startsWith('gets ') ? `VALUE ${line.split(' ')[1]} 0 3000000000 1\r\n` : plainReply(line)));
    try {
      const client = testClient({ protocol: 'ascii' }, server.address);
      expect(await client.set('k', 'v')).toBe(true);
      const rss = process.memoryUsage().rss;
      await expect(client.get('k')).rejects.toThrow(/a VALUE of 3000000000 bytes, more than memcached can store/);
      expect(process.memoryUsage().rss - rss).toBeLessThan(64 * 1024 * 1024);
    } finally {
      await server.close();
    }
  });

  it('reports SERVER_ERROR to a get as a fault, not a miss', async () => {
    const server = await scriptedServer(({ line }) => (line.startsWith('gets ') ? 'SERVER_ERROR out of memory\r\n' : plainReply(line)));
    try {
      const client = testClient({ protocol: 'ascii' }, server.address);
      expect(await client.set('k', 'v')).toBe(true);
      const [read, write] = await Promise.allSettled([client.get('k'), client.set('k', 'w')]);
      expect((read as PromiseRejectedResult).reason).toMatchObject({ code: 'ERR_SERVER_ERROR' });
      expect(write).toEqual({ status: 'fulfilled', value: true });
    } finally {
      await server.close();
    }
  });

  it('a worker thread that exits with a batch waiting on the event loop ends cleanly', () => {
    ensureDist();
    const script = `
      const net = require('node:net');
      const { Worker } = require('node:worker_threads');
      // Answers the first command of each connection, then never again.
      const server = net.createServer((socket) => {
        let answered = false;
        socket.on('data', () => { if (!answered) socket.write('STORED\\r\\n'); answered = true; });
      }).listen(0, '127.0.0.1', async () => {
        const { port } = server.address();
        for (let i = 0; i < 4; i++) {
          const worker = new Worker(\`
            const { Client } = require(\${JSON.stringify(process.env.ROOT + '/dist/cjs/index.js')});
            const client = new Client('127.0.0.1:\${port}', { timeout: 5000 });
            client.set('k', 'v').then(() => {
              client.get('k').catch(() => {});
              // Exits with the get still waiting for its reply on the event loop.
              setTimeout(() => process.exit(client.counters.loopBatches === 1 ? 0 : 7), 50);
            });
          \`, { eval: true });
          const code = await new Promise((resolve) => worker.once('exit', resolve));
          if (code !== 0) throw new Error('worker exited with ' + code);
        }
        console.log('process alive');
        server.close();
      });
    `;
    const result = runNode(['-e', script], { ROOT }, 30_000);
    expect(result.stderr).toBe('');
    expect(result.signal).toBeNull();
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('process alive');
  });

  it('an idle client does not keep the process alive, and process.exit from a promise reaction in a worker is clean', () => {
    ensureDist();
    const script = `
      const { Worker } = require('node:worker_threads');
      const { Client } = require(process.env.ROOT + '/dist/cjs/index.js');
      const client = new Client(process.env.SERVER, { protocol: process.env.PROTOCOL });
      (async () => {
        await client.set('k', 'v');
        await client.get('k');
        await client.get('k');
        if (client.counters.loopBatches < 1) throw new Error('no batch ran on the event loop');
        // A worker that exits from inside the callback that settled its get.
        const worker = new Worker(\`
          const { Client } = require(\${JSON.stringify(process.env.ROOT + '/dist/cjs/index.js')});
          const client = new Client(\${JSON.stringify(process.env.SERVER)}, { protocol: \${JSON.stringify(process.env.PROTOCOL)} });
          client.set('k', 'v').then(() => client.get('k')).then(() => client.get('k')).then(() => process.exit(0));
        \`, { eval: true });
        const code = await new Promise((resolve) => worker.once('exit', resolve));
        console.log('worker exited with ' + code);
        // No close(): the process must end on its own.
      })();
    `;
    const result = runNode(['-e', script], { ROOT, SERVER: sharedServers()[0]!, PROTOCOL: protocolOption().protocol }, 15_000);
    expect(result.stderr).toBe('');
    expect(result.signal).toBeNull();
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('worker exited with 0');
  });
});
