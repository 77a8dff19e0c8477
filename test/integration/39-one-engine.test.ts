/**
 * One engine: every batch, small or large, on an open connection or a fresh
 * client, answers the same way. Each describe reproduces a way the two engines
 * of today (small batches on the event loop, the rest on a libuv thread with
 * libmemcached) differ or go wrong, and asserts the behaviour both must share:
 * the fault a server reports, the sockets a client holds, what `timeout` means,
 * which operations are on the same key, what quiet binary failures do, what
 * goes to stderr, and the form of a connection fault.
 *
 * This file runs under the ASCII project only; the describes that are about the
 * binary protocol say so in their client options.
 */
import * as net from 'node:net';

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { BatchError, type Client, type MemcachedError, nativeResources } from '../../src/index.js';
import { readAsciiCommands } from '../support/ascii-commands.mjs';
import { testClient, uniquePrefix } from '../support/clients.js';
import { freePort, type MemcachedProcess, startMemcached } from '../support/memcached.js';
import { startSaslMemcached } from '../support/sasl-memcached.js';
import { plainReply, scriptedServer } from '../support/scripted-server.js';
import { ensureDist, type FakeServer, fakeServer, freeze, rejectionOf, ROOT, runNode, sleep } from '../support/util.js';

/** `count` keys named `${stem}0` … */
function keyList(stem: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${stem}${i}`);
}

/** The per-key (or per-server) errors of a BatchError; fails if `error` is not one. */
function batchErrors(error: unknown): Map<unknown, MemcachedError> {
  expect(error).toBeInstanceOf(BatchError);
  return (error as BatchError<unknown, unknown>).errors;
}

interface Outcome {
  status: 'fulfilled' | 'rejected';
  value?: unknown;
  reason?: MemcachedError;
  /** Milliseconds from `started` to settling. */
  at: number;
}

/**
 * Waits up to `ms` for every promise; returns each one's outcome and when it
 * settled, or `undefined` for those still pending. Every promise gets a handler,
 * so late rejections are never unhandled.
 */
async function settleWithin(promises: Array<Promise<unknown>>, started: number, ms: number): Promise<Array<Outcome | undefined>> {
  const outcomes: Array<Outcome | undefined> = promises.map(() => undefined);
  const all = Promise.all(
    promises.map((promise, i) =>
      promise.then(
        (value) => {
          outcomes[i] = { status: 'fulfilled', value, at: performance.now() - started };
        },
        (reason: MemcachedError) => {
          outcomes[i] = { status: 'rejected', reason, at: performance.now() - started };
        },
      ),
    ),
  );
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([all, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
  return outcomes;
}

/** A one-line account of outcomes, for assertion messages. */
function describeOutcomes(outcomes: Array<Outcome | undefined>): string {
  const counts = new Map<string, number>();
  let latest = 0;
  for (const outcome of outcomes) {
    const label =
      outcome === undefined
        ? 'pending'
        : outcome.status === 'fulfilled'
          ? `resolved ${String(outcome.value)}`
          : `rejected ${outcome.reason?.code ?? String(outcome.reason)}`;
    counts.set(label, (counts.get(label) ?? 0) + 1);
    if (outcome) latest = Math.max(latest, outcome.at);
  }
  return `${[...counts].map(([label, n]) => `${n} ${label}`).join(', ')}; last settled at ${latest.toFixed(0)} ms`;
}

// ---------------------------------------------------------------------------------

describe('SERVER_ERROR in answer to a read', () => {
  let server: FakeServer;

  beforeAll(async () => {
    server = await scriptedServer(({ line }) => (line.startsWith('get ') || line.startsWith('gets ') ? 'SERVER_ERROR out of memory\r\n' : plainReply(line)));
  });

  afterAll(() => server.close());

  it('rejects get and every key of getMany with ERR_SERVER_ERROR, first call and later ones alike', async () => {
    const client = testClient({ protocol: 'ascii' }, server.address);
    const keys = keyList('many', 100);

    /** What a call did, in a form that compares whole: every call is observed before anything is asserted. */
    const observe = async (call: Promise<unknown>): Promise<string> => {
      let value: unknown;
      try {
        value = await call;
      } catch (error) {
        if (!(error instanceof BatchError)) {
          const fault = error as MemcachedError;
          return `rejected ${fault.code}${fault.server === server.address ? '' : ` naming ${String(fault.server)}`}`;
        }
        const codes = new Map<string, number>();
        for (const fault of error.errors.values()) codes.set(fault.code, (codes.get(fault.code) ?? 0) + 1);
        const sameKeys = [...error.errors.keys()].sort().join() === [...keys].sort().join();
        return `BatchError: ${[...codes].map(([code, n]) => `${n} ${code}`).join(', ')}${sameKeys ? '' : ' (not every key)'}, ${error.results.size} results`;
      }
      return `resolved ${value instanceof Map ? `Map(${value.size})` : String(value)}`;
    };

    // The first call of a fresh client, then calls on the connection it opened.
    const seen = {
      'first get': await observe(client.get('k')),
      'second get': await observe(client.get('k')),
      'first getMany(100)': await observe(client.getMany(keys)),
      'second getMany(100)': await observe(client.getMany(keys)),
      // Writes are answered normally all along.
      set: await observe(client.set('k', 'v')),
    };
    expect(seen).toEqual({
      'first get': 'rejected ERR_SERVER_ERROR',
      'second get': 'rejected ERR_SERVER_ERROR',
      'first getMany(100)': 'BatchError: 100 ERR_SERVER_ERROR, 0 results',
      'second getMany(100)': 'BatchError: 100 ERR_SERVER_ERROR, 0 results',
      set: 'resolved true',
    });
  });
});

// ---------------------------------------------------------------------------------

/** A raw connection to a memcached that reads its `stats`. */
class StatsReader {
  private readonly socket: net.Socket;
  private buffered = '';
  private waiting: (() => void) | undefined;

  private constructor(socket: net.Socket) {
    this.socket = socket;
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      this.buffered += chunk;
      this.waiting?.();
    });
  }

  static open(port: number): Promise<StatsReader> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('error', reject);
      socket.once('connect', () => resolve(new StatsReader(socket)));
    });
  }

  async stat(name: string): Promise<number> {
    this.buffered = '';
    this.socket.write('stats\r\n');
    while (!this.buffered.endsWith('END\r\n')) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no answer to stats within 2 s')), 2000);
        this.waiting = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    const match = new RegExp(`^STAT ${name} (\\d+)\\r$`, 'm').exec(this.buffered);
    if (!match) throw new Error(`no STAT ${name} in ${this.buffered}`);
    return Number(match[1]);
  }

  /** The value once two reads 50 ms apart agree: closes the server has yet to see settle first. */
  async settled(name: string): Promise<number> {
    let last = await this.stat(name);
    for (let tries = 0; tries < 40; tries++) {
      await sleep(50);
      const now = await this.stat(name);
      if (now === last) return now;
      last = now;
    }
    return last;
  }

  close(): void {
    this.socket.destroy();
  }
}

describe('one socket per connection the client counts', () => {
  let memcached: MemcachedProcess;
  let reader: StatsReader;

  beforeAll(async () => {
    memcached = await startMemcached();
    // One raw connection for every reading: it counts in curr_connections
    // before and after alike, so the difference is the client's.
    reader = await StatsReader.open(memcached.port);
  });

  afterAll(async () => {
    reader?.close();
    await memcached?.stop('SIGKILL');
  });

  it.each(['ascii', 'binary'] as const)('%s: with maxConnections 1, a set, a get and a getMany(100) hold exactly one socket', async (protocol) => {
    const serverBefore = await reader.settled('curr_connections');
    const socketsBefore = nativeResources().sockets;

    const client = testClient({ maxConnections: 1, protocol }, memcached.address);
    expect(await client.set('k', 'v')).toBe(true);
    expect(await client.get('k')).toBe('v');
    const many = await client.getMany(['k', ...keyList('absent', 99)]);
    expect(many).toEqual(new Map([['k', 'v']]));

    const serverAfter = await reader.settled('curr_connections');
    const socketsAfter = nativeResources().sockets;
    expect(
      { serverConnections: serverAfter - serverBefore, counters: client.counters.connections, nativeSockets: socketsAfter - socketsBefore },
      `curr_connections ${serverBefore} -> ${serverAfter}, nativeResources().sockets ${socketsBefore} -> ${socketsAfter}`,
    ).toEqual({ serverConnections: 1, counters: 1, nativeSockets: 1 });
  });
});

// ---------------------------------------------------------------------------------

/** Per socket, each reply is written one byte every `byteMs`. */
interface DrippingServer extends FakeServer {
  /** Sockets still dripping. */
  readonly dripping: number;
}

/** The reply a memcached would give, for the ASCII commands these tests send. */
function dripReply(line: string): string {
  const [name = '', ...keys] = line.split(' ');
  if (name === 'get' || name === 'gets') {
    const values = keys.map((key, i) => `VALUE ${key} 0 5${name === 'gets' ? ` ${i + 1}` : ''}\r\nhello\r\n`);
    return `${values.join('')}END\r\n`;
  }
  return plainReply(line);
}

async function drippingServer(byteMs = 10): Promise<DrippingServer> {
  const timers = new Set<NodeJS.Timeout>();
  const server = await fakeServer((socket) => {
    let owed = Buffer.alloc(0);
    const stop = () => {
      clearInterval(timer);
      timers.delete(timer);
    };
    const timer = setInterval(() => {
      if (socket.destroyed || !socket.writable) return stop();
      if (owed.length === 0) return;
      socket.write(owed.subarray(0, 1));
      owed = owed.subarray(1);
    }, byteMs);
    timers.add(timer);
    socket.on('close', stop);
    readAsciiCommands(socket, (line) => {
      owed = Buffer.concat([owed, Buffer.from(dripReply(line), 'latin1')]);
    });
  });
  return {
    get address() {
      return server.address;
    },
    get port() {
      return server.port;
    },
    get connections() {
      return server.connections;
    },
    get received() {
      return server.received;
    },
    get dripping() {
      return timers.size;
    },
    close: async () => {
      for (const timer of timers) clearInterval(timer);
      timers.clear();
      await server.close();
    },
  };
}

describe('a server that answers one byte every 10 ms', () => {
  // Each reply to a read is ~90 bytes (the keys are long), so ~900 ms of
  // dripping: a timeout that only measures silence between bytes never fires.
  const TIMEOUT = 500;
  /** The timeout, plus 150 ms for connecting and the engine's own work. */
  const DEADLINE = 650;
  /** How long the test waits at most before reporting what is still pending. */
  const PATIENCE = 2000;
  const longKey = (i: number) => `drip-${'x'.repeat(40)}-${i}`;

  let server: DrippingServer | undefined;

  afterEach(async () => {
    // Closing the server first ends whatever still waits on it, so closing
    // the clients afterwards does not wait out the drip.
    await server?.close();
    server = undefined;
  });

  function expectTimedOut(outcomes: Array<Outcome | undefined>, what: string): void {
    const summary = `${what}: ${describeOutcomes(outcomes)}`;
    expect(outcomes.filter((outcome) => outcome === undefined).length, summary).toBe(0);
    for (const outcome of outcomes) {
      expect(outcome!.status, summary).toBe('rejected');
      expect(outcome!.reason!.code, summary).toBe('ERR_TIMEOUT');
      expect(outcome!.at, summary).toBeLessThan(DEADLINE);
      // Not before the timeout has (nearly) passed either.
      expect(outcome!.at, summary).toBeGreaterThan(TIMEOUT - 100);
    }
  }

  it('a single get of a fresh client rejects ERR_TIMEOUT once the timeout has passed since the call', async () => {
    server = await drippingServer();
    const client = testClient({ protocol: 'ascii', timeout: TIMEOUT }, server.address);
    const started = performance.now();
    expectTimedOut(await settleWithin([client.get(longKey(0))], started, PATIENCE), 'get');
  });

  it('a single get on an open connection rejects ERR_TIMEOUT as well', async () => {
    server = await drippingServer();
    const client = testClient({ protocol: 'ascii', timeout: TIMEOUT }, server.address);
    // STORED\r\n drips in 80 ms: this opens the connection well within the timeout.
    expect(await client.set('w', 'v')).toBe(true);
    const started = performance.now();
    expectTimedOut(await settleWithin([client.get(longKey(0))], started, PATIENCE), 'get on an open connection');
  });

  it('70 gets issued in one tick on a fresh client all reject ERR_TIMEOUT within the deadline', async () => {
    server = await drippingServer();
    const client = testClient({ protocol: 'ascii', timeout: TIMEOUT }, server.address);
    const started = performance.now();
    const gets = Array.from({ length: 70 }, (_, i) => client.get(longKey(i)));
    expectTimedOut(await settleWithin(gets, started, PATIENCE), '70 gets');
  });

  it('getMany(100) on a fresh client rejects within the deadline, every key ERR_TIMEOUT', async () => {
    server = await drippingServer();
    const client = testClient({ protocol: 'ascii', timeout: TIMEOUT }, server.address);
    const keys = Array.from({ length: 100 }, (_, i) => longKey(i));
    const started = performance.now();
    const [outcome] = await settleWithin([client.getMany(keys)], started, PATIENCE);
    const summary = `getMany(100): ${describeOutcomes([outcome])}`;
    expect(outcome, summary).toBeDefined();
    expect(outcome!.status, summary).toBe('rejected');
    expect(outcome!.at, summary).toBeLessThan(DEADLINE);
    const errors = batchErrors(outcome!.reason);
    expect(errors.size).toBe(100);
    for (const fault of errors.values()) expect(fault.code).toBe('ERR_TIMEOUT');
  });

  it('(the fake itself) stops dripping to a socket once it has closed', async () => {
    const local = await drippingServer();
    server = local;
    const socket = net.connect(local.port, '127.0.0.1');
    socket.on('error', () => {});
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(`get ${longKey(0)}\r\n`);
    await sleep(50);
    expect(local.dripping).toBe(1);
    socket.destroy();
    for (let tries = 0; tries < 50 && local.dripping > 0; tries++) await sleep(10);
    expect(local.dripping).toBe(0);
  });
});

// ---------------------------------------------------------------------------------

describe('a string key and a Buffer of the same bytes are the same key', () => {
  /**
   * 60 rounds: in one tick 15 sets of other keys and a set of `k<round>` to
   * 'first' (behind 7 large values, so it reaches the server late); then,
   * before that batch has settled, a set of the same key as a Buffer to
   * 'second' (with `companions` sets of other keys beside it). The later set
   * must win every round, however the batches are cut and spread over the two
   * connections.
   */
  async function rounds(later: () => Promise<void>, companions: number): Promise<void> {
    const client = testClient({ maxConnections: 2 });
    await client.set('warm', 'up'); // opens a connection
    const large = 'L'.repeat(32 * 1024);
    const wrong: number[] = [];
    for (let round = 0; round < 60; round++) {
      const first = [
        ...keyList(`large${round}-`, 7).map((key) => client.set(key, large)),
        client.set(`k${round}`, 'first'),
        ...keyList(`small${round}-`, 8).map((key) => client.set(key, 'x')),
      ];
      await later();
      const second = [client.set(Buffer.from(`k${round}`), 'second'), ...keyList(`beside${round}-`, companions).map((key) => client.set(key, 'y'))];
      await Promise.all([...first, ...second]);
      if ((await client.get(`k${round}`)) !== 'second') wrong.push(round);
    }
    expect(wrong, `rounds that read 'first': ${wrong.join(', ')}`).toEqual([]);
  }

  it('the Buffer set issued from the next microtask', async () => {
    await rounds(() => Promise.resolve(), 0);
  });

  it('the Buffer set issued on the next tick, once the first batch was flushed', async () => {
    await rounds(() => new Promise<void>((resolve) => process.nextTick(resolve)), 7);
  });
});

// ---------------------------------------------------------------------------------

describe('binary protocol: quiet commands that fail', () => {
  type Call = { name: string; run: (client: Client<string | Buffer>) => Promise<unknown>; expected?: unknown };

  /** Quiet commands each of which the server refuses (so it answers, with an error status). */
  const failing: Call[] = [
    { name: 'add of an existing key', run: (c) => c.add('a', 'z', { noreply: true }) },
    { name: 'touch of a missing key', run: (c) => c.touch('b', 3600, { noreply: true }) },
    { name: 'incr of a missing key', run: (c) => c.incr('c', 1, { noreply: true }) },
    { name: 'replace of a missing key', run: (c) => c.replace('d', 'x', { noreply: true }) },
    { name: 'prepend to a missing key', run: (c) => c.prepend('e', 'x', { noreply: true }) },
  ];

  /** `count` ordinary calls (the setup stored h0…, del0…) with the results they must have. */
  function ordinary(count: number): Call[] {
    const calls: Call[] = [];
    for (let i = 0; calls.length < count; i++) {
      const kind = i % 4;
      if (kind === 0) calls.push({ name: `get h${i}`, run: (c) => c.get(`h${i}`), expected: `held ${i}` });
      if (kind === 1) calls.push({ name: `set s${i}`, run: (c) => c.set(`s${i}`, `set ${i}`), expected: true });
      if (kind === 2) calls.push({ name: `delete del${i}`, run: (c) => c.delete(`del${i}`), expected: true });
      if (kind === 3) calls.push({ name: `get miss${i}`, run: (c) => c.get(`miss${i}`), expected: undefined });
    }
    return calls;
  }

  /** A fresh prefix holding `a` and the items the ordinary calls read and delete. */
  async function prepare(count: number): Promise<{ prefix: string; calls: Call[] }> {
    const prefix = uniquePrefix();
    const setup = testClient({ protocol: 'binary', keyPrefix: prefix });
    expect(await setup.set('a', 'original')).toBe(true);
    const calls = ordinary(count - 2 * failing.length);
    const stored = await Promise.all(calls.flatMap((_, i) => [setup.set(`h${i}`, `held ${i}`), setup.set(`del${i}`, 'doomed')]));
    expect(stored.every((ok) => ok === true)).toBe(true);
    // The quiet failures twice (each fails both times): once spread through
    // the batch (first, among the others, last), once one after another.
    const spread = [...calls];
    failing.forEach((call, i) => spread.splice(Math.round((i * spread.length) / (failing.length - 1)), 0, call));
    spread.splice(Math.floor(spread.length / 3), 0, ...failing);
    expect(spread).toHaveLength(count);
    return { prefix, calls: spread };
  }

  async function runAndCheck(client: Client<string | Buffer>, calls: Call[]): Promise<void> {
    const outcomes = await Promise.allSettled(calls.map((call) => call.run(client)));
    const rejected = outcomes.flatMap((outcome, i) =>
      outcome.status === 'rejected' ? [`${calls[i]!.name}: ${String((outcome.reason as Error)?.message ?? outcome.reason)}`] : [],
    );
    expect(rejected, 'calls that rejected').toEqual([]);
    const wrong = outcomes.flatMap((outcome, i) => {
      const call = calls[i]!;
      if (!('expected' in call)) return [];
      const value = (outcome as PromiseFulfilledResult<unknown>).value;
      return value === call.expected ? [] : [`${call.name}: ${String(value)}, expected ${String(call.expected)}`];
    });
    expect(wrong, 'ordinary calls with the wrong result').toEqual([]);
    // The refused commands changed nothing.
    expect(await client.get('a')).toBe('original');
    expect(await client.getMany(['b', 'c', 'd', 'e'])).toEqual(new Map());

    // A batch of nothing but refused quiet commands, and the batch right behind it.
    const quiet = Promise.allSettled(failing.map((call) => call.run(client)));
    await new Promise<void>((resolve) => process.nextTick(resolve));
    const behind = Promise.all([client.get('a'), client.set('after', 'quiet'), client.get('after')]);
    const quietRejected = (await quiet).flatMap((outcome, i) => (outcome.status === 'rejected' ? [`${failing[i]!.name}: ${String(outcome.reason)}`] : []));
    expect(quietRejected, 'quiet calls alone that rejected').toEqual([]);
    expect(await behind).toEqual(['original', true, 'quiet']);
  }

  it('a small batch on an open connection: nothing rejects, the other calls get their own results', async () => {
    const { prefix, calls } = await prepare(16);
    const client = testClient({ protocol: 'binary', keyPrefix: prefix });
    expect(await client.get('a')).toBe('original'); // opens the connection
    await runAndCheck(client, calls);
  });

  it('a small batch as the first call of a fresh client', async () => {
    const { prefix, calls } = await prepare(16);
    await runAndCheck(testClient({ protocol: 'binary', keyPrefix: prefix }), calls);
  });

  it('a batch of 100 on an open connection', async () => {
    const { prefix, calls } = await prepare(100);
    const client = testClient({ protocol: 'binary', keyPrefix: prefix });
    expect(await client.get('a')).toBe('original');
    await runAndCheck(client, calls);
  });

  it('a batch of 100 as the first call of a fresh client', async () => {
    const { prefix, calls } = await prepare(100);
    await runAndCheck(testClient({ protocol: 'binary', keyPrefix: prefix }), calls);
  });
});

// ---------------------------------------------------------------------------------

describe('a frozen server', () => {
  let plain: MemcachedProcess | undefined;
  let sasl: MemcachedProcess | undefined;

  beforeAll(() => {
    ensureDist();
  }, 180_000);

  afterAll(async () => {
    for (const server of [plain, sasl]) {
      if (!server) continue;
      server.process.kill('SIGCONT');
      await server.stop('SIGKILL');
    }
  });

  it('times calls out without writing anything to stderr, with and without SASL', async () => {
    [plain, sasl] = await Promise.all([startMemcached(), startSaslMemcached({ user: 'secret' })]);
    await freeze(plain.process);
    await freeze(sasl.process);
    // Retried at once and never declared dead: every call tries the server.
    const script = `
      const { Client } = require(process.env.ROOT + '/dist/cjs/index.js');
      const code = (error) => error && error.errors ? [...new Set([...error.errors.values()].map((e) => e.code))].join('+') : error && error.code;
      (async () => {
        const report = [];
        const options = { timeout: 200, retryTimeout: 0, failureLimit: 1000 };
        for (const [name, client] of [
          ['ascii', new Client(process.env.SERVER, { ...options, protocol: 'ascii' })],
          ['binary', new Client(process.env.SERVER, { ...options, protocol: 'binary' })],
          ['sasl', new Client(process.env.SASL_SERVER, { ...options, sasl: { username: 'user', password: 'secret' } })],
        ]) {
          const keys = Array.from({ length: 100 }, (_, i) => 'k' + i);
          for (const [call, run] of [
            ['get', () => client.get('k')],
            ['set', () => client.set('k', 'v')],
            ['getMany', () => client.getMany(keys)],
            ['get again', () => client.get('k')],
          ]) {
            report.push(name + ' ' + call + ': ' + await run().then(() => 'resolved', code));
          }
          await client.close();
        }
        console.log(JSON.stringify(report));
      })();
    `;
    const result = runNode(['-e', script], { ROOT, SERVER: plain.address, SASL_SERVER: sasl.address }, 20_000);
    expect(result.stderr, `stdout: ${result.stdout}`).toBe('');
    expect(result.signal).toBeNull();
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout.trim().split('\n').pop()!) as string[];
    expect(report).toEqual(['ascii', 'binary', 'sasl'].flatMap((name) => ['get', 'set', 'getMany', 'get again'].map((call) => `${name} ${call}: ERR_TIMEOUT`)));
  });
});

// ---------------------------------------------------------------------------------

describe('a connection fault has one form, whatever the call', () => {
  type Calls = Record<string, (client: Client<string | Buffer>) => Promise<unknown>>;
  const calls: Calls = {
    get: (c) => c.get('k'),
    set: (c) => c.set('k', 'v'),
    getMany: (c) => c.getMany(keyList('many', 100)),
    stats: (c) => c.stats(),
    version: (c) => c.version(),
  };

  /**
   * Each call twice, on a fresh client of `server` (retried at once, never
   * declared dead, so every call tries to connect): the first call of the
   * client and a later one. Returns every fault, per-key and per-server ones
   * taken out of their BatchError.
   */
  async function faultsOf(server: string): Promise<Array<{ call: string; error: MemcachedError }>> {
    const faults: Array<{ call: string; error: MemcachedError }> = [];
    for (const [name, call] of Object.entries(calls)) {
      const client = testClient({ protocol: 'ascii', retryTimeout: 0, failureLimit: 1000, connectTimeout: 2000 }, server);
      for (const attempt of ['first', 'second']) {
        const error = await rejectionOf(call(client), 10_000);
        const label = `${name} (${attempt})`;
        if (name === 'get' || name === 'set') {
          faults.push({ call: label, error });
        } else {
          const errors = batchErrors(error);
          expect(errors.size, label).toBe(name === 'getMany' ? 100 : 1);
          if (name !== 'getMany') expect([...errors.keys()], label).toEqual([server]);
          for (const fault of errors.values()) faults.push({ call: label, error: fault });
        }
      }
    }
    return faults;
  }

  function expectOneForm(faults: Array<{ call: string; error: MemcachedError }>, server: string, hide: string, systemCode: string): void {
    const forms = new Map<string, string[]>();
    for (const { call, error } of faults) {
      const form = JSON.stringify({
        code: error.code,
        server: error.server,
        systemCode: (error as MemcachedError & { systemCode?: string }).systemCode,
        message: error.message.split(hide).join('<hidden>'),
      });
      const seenIn = forms.get(form) ?? [];
      if (!seenIn.includes(call)) seenIn.push(call);
      forms.set(form, seenIn);
    }
    const account = [...forms].map(([form, seenIn]) => `${form} <- ${seenIn.join(', ')}`).join('\n');
    expect(forms.size, `distinct forms:\n${account}`).toBe(1);
    const [only] = forms.keys();
    expect(JSON.parse(only!), account).toMatchObject({ code: 'ERR_CONNECTION', server, systemCode });
  }

  it('a refused connection: ERR_CONNECTION with systemCode ECONNREFUSED and one message for get, set, getMany, stats and version', async () => {
    const port = await freePort();
    const server = `127.0.0.1:${port}`;
    expectOneForm(await faultsOf(server), server, String(port), 'ECONNREFUSED');
  });

  it('an unknown host: ERR_CONNECTION with systemCode ENOTFOUND, the same for every call', async () => {
    const server = 'does-not-exist.invalid:11211';
    expectOneForm(await faultsOf(server), server, 'does-not-exist.invalid', 'ENOTFOUND');
  });
});
