/**
 * Failover and live topology against real memcached processes that are
 * killed (SIGKILL), frozen (SIGSTOP) and restarted while calls keep coming.
 */
import { afterEach, describe, expect, it } from 'vitest';

import { type Client, type ClientOptions, type ErrorCode, ServerDownError, TlsError } from '../../src/index.js';
import { testClient } from '../support/clients.js';
import { freePort, type MemcachedProcess, startMemcached } from '../support/memcached.js';
import { askPlacementOracle } from '../support/python.js';
import { startTlsMemcached, testCertificates } from '../support/tls.js';
import { expectServerFault, freeze, sleep, within } from '../support/util.js';

const started: MemcachedProcess[] = [];

function memcacheds(count: number): Promise<MemcachedProcess[]> {
  return serversOver(PLAINTEXT, count);
}

afterEach(async () => {
  for (const server of started) {
    server.process.kill('SIGCONT');
    await server.stop('SIGKILL');
  }
  started.length = 0;
});

/** Resolves with the first event of that name, failing after `ms`. */
function next<T>(client: Client<unknown>, event: string, ms: number): Promise<T> {
  return within(new Promise<T>((resolve) => client.once(event as 'fault', resolve as never)), ms, `the '${event}' event`);
}

/** Keeps sets and gets of key-derived values coming until stopped; checks every answer. */
function load(client: Client<string | Buffer>, keys: string[]) {
  let running = true;
  const wrongValues: string[] = [];
  const errors: Array<{ error: unknown; issuedAt: number }> = [];
  let answered = 0;
  const loop = async (worker: number) => {
    for (let i = worker; running; i += 8) {
      const key = keys[i % keys.length]!;
      const issuedAt = performance.now();
      const outcome = await (i % 3 === 0 ? client.set(key, `value of ${key}`) : client.get(key)).catch((error: unknown) => {
        errors.push({ error, issuedAt });
        return null;
      });
      if (typeof outcome === 'string' && outcome !== `value of ${key}`) wrongValues.push(`${key} -> ${outcome}`);
      if (outcome !== null) answered++;
      if (outcome === null) await sleep(5);
    }
  };
  const loops = Array.from({ length: 8 }, (_, worker) => loop(worker));
  return {
    errors,
    wrongValues,
    get answered() {
      return answered;
    },
    async stop() {
      running = false;
      await within(Promise.all(loops), 10_000, 'the load loops');
    },
  };
}

const keys = Array.from({ length: 300 }, (_, i) => `key${i}`);

/**
 * How a scenario's servers are reached: plaintext or TLS. The failover
 * guarantees are the same over either.
 */
interface Transport {
  start(port?: number): Promise<MemcachedProcess>;
  options: ClientOptions<string | Buffer>;
  /** What a call to a frozen server fails with (a new TLS connection times out in its handshake). */
  frozenCodes: ErrorCode[];
}

const PLAINTEXT: Transport = {
  start: (port) => startMemcached([], port === undefined ? {} : { port }),
  options: {},
  frozenCodes: ['ERR_TIMEOUT'],
};

function overTls(): Transport {
  const { ca } = testCertificates();
  return { start: (port) => startTlsMemcached(port === undefined ? {} : { port }), options: { tls: { ca } }, frozenCodes: ['ERR_TIMEOUT', 'ERR_TLS'] };
}

async function serversOver(transport: Transport, count: number): Promise<MemcachedProcess[]> {
  const servers = await Promise.all(Array.from({ length: count }, () => transport.start()));
  started.push(...servers);
  return servers;
}

/** SIGKILL one of three servers under load, then restart it on its port. */
async function ejectedAndReadmitted(transport: Transport): Promise<void> {
  const [a, b, c] = await serversOver(transport, 3);
  const client = testClient(
    {
      ...transport.options,
      distribution: 'ketama_weighted',
      ejectFailedServers: true,
      failureLimit: 2,
      retryTimeout: 1000,
      deadTimeout: 1000,
      timeout: 300,
      connectTimeout: 300,
    },
    [a!.address, b!.address, c!.address],
  );
  const topologies: Array<{ servers: string[]; reason: string; at: number }> = [];
  client.on('topology', (event) => topologies.push({ ...event, at: performance.now() }));
  await Promise.all(keys.map((key) => client.set(key, `value of ${key}`)));
  const homeOfA = keys.filter((key) => client.serverFor(key) === a!.address);
  expect(homeOfA.length).toBeGreaterThan(30);
  // A key of a's that the load below does not touch.
  const spare = Array.from({ length: 100 }, (_, i) => `spare${i}`).find((key) => client.serverFor(key) === a!.address)!;

  const traffic = load(client, keys);
  const down = next<{ server: string; error: Error; failures: number }>(client, 'server:down', 15_000);
  await a!.stop('SIGKILL');
  const event = await down;
  expect(event.server).toBe(a!.address);
  expect(event.failures).toBe(2);
  expectServerFault(event.error, a!.address, ['ERR_CONNECTION', 'ERR_TIMEOUT', 'ERR_SERVER_DOWN']);
  expect(client.deadServers).toEqual([a!.address]);
  expect(client.placedServers).toEqual([b!.address, c!.address]);
  expect(topologies.at(-1)).toMatchObject({ servers: [b!.address, c!.address], reason: 'ejected' });
  const ejectedAt = topologies.at(-1)!.at;

  // Its keys now live on the other two servers, and calls for them succeed.
  for (const key of homeOfA) expect([b!.address, c!.address]).toContain(client.serverFor(key));
  expect(await client.set(spare, 'moved')).toBe(true);
  expect(await client.get(spare)).toBe('moved');

  // Back on the same port: a probe within deadTimeout re-admits it (over TLS, after a new handshake).
  const up = next<{ server: string; downMs: number }>(client, 'server:up', 5000);
  started.push(await transport.start(a!.port));
  expect((await up).server).toBe(a!.address);
  expect(topologies.at(-1)).toMatchObject({ servers: [a!.address, b!.address, c!.address], reason: 'readmitted' });
  expect(client.deadServers).toEqual([]);
  for (const key of homeOfA) expect(client.serverFor(key)).toBe(a!.address);
  expect(await client.set(spare, 'home again')).toBe(true);
  expect(await client.get(spare)).toBe('home again');

  await traffic.stop();
  // Errors only for calls issued while the server was being found dead, each
  // typed and naming it; none for calls issued after it was ejected.
  expect(traffic.errors.length).toBeGreaterThan(0);
  for (const { error, issuedAt } of traffic.errors) {
    expectServerFault(error, a!.address);
    expect(issuedAt).toBeLessThan(ejectedAt);
  }
  expect(traffic.wrongValues).toEqual([]);
  expect(traffic.answered).toBeGreaterThan(100);
}

/** SIGSTOP a server until it is dead, then SIGCONT it. */
async function frozenAndThawed(transport: Transport): Promise<void> {
  const [frozen] = await serversOver(transport, 1);
  const client = testClient({ ...transport.options, failureLimit: 2, deadTimeout: 1000, timeout: 200, connectTimeout: 200 }, frozen!.address);
  expect(await client.set('k', 'v')).toBe(true);
  await freeze(frozen!.process);

  const down = next<{ server: string; failures: number }>(client, 'server:down', 5000);
  for (let i = 0; i < 2; i++) {
    expectServerFault(await client.get('k').catch((error: unknown) => error), frozen!.address, transport.frozenCodes);
  }
  expect((await down).failures).toBe(2);
  const fast = await client.get('k').catch((error: unknown) => error);
  expect(fast).toBeInstanceOf(ServerDownError);
  expectServerFault(fast, frozen!.address, ['ERR_SERVER_DOWN']);
  expect((fast as Error).message).toMatch(/dead/);

  const up = next<{ server: string }>(client, 'server:up', 5000);
  frozen!.process.kill('SIGCONT');
  expect((await up).server).toBe(frozen!.address);
  expect(await client.get('k')).toBe('v');
}

describe('a dead server', () => {
  it('is ejected under ketama_weighted after failureLimit tries, and re-admitted when it is back', () => ejectedAndReadmitted(PLAINTEXT));

  it('fails fast once a frozen server is declared dead, and comes back after SIGCONT', () => frozenAndThawed(PLAINTEXT));
});

describe('a dead server over TLS', () => {
  const { ca, files } = testCertificates();

  it('is ejected after failureLimit tries, and re-admitted after a new handshake when it is back on its port', () => ejectedAndReadmitted(overTls()));

  it('fails fast once a frozen server is declared dead, and comes back after SIGCONT', () => frozenAndThawed(overTls()));

  it('stays dead while it comes back with a certificate the client does not trust', async () => {
    const [gone] = await serversOver(overTls(), 1);
    const client = testClient({ tls: { ca }, failureLimit: 1, retryTimeout: 0, deadTimeout: 500, timeout: 200, connectTimeout: 200 }, gone!.address);
    expect(await client.set('k', 'v')).toBe(true);
    const down = next<{ server: string }>(client, 'server:down', 5000);
    await gone!.stop('SIGKILL');
    expectServerFault(await client.get('k').catch((error: unknown) => error), gone!.address, ['ERR_CONNECTION']);
    await down;

    // Another CA's certificate: the probes' handshakes fail, so it is not re-admitted.
    const impostor = await startTlsMemcached({ port: gone!.port, cert: files.otherCert, key: files.otherKey });
    started.push(impostor);
    let upEvents = 0;
    client.on('server:up', () => upEvents++);
    await sleep(2500);
    expect(upEvents).toBe(0);
    expect(client.deadServers).toEqual([gone!.address]);
    expectServerFault(await client.get('k').catch((error: unknown) => error), gone!.address, ['ERR_SERVER_DOWN']);
    // What the probes meet: a refused certificate.
    const fresh = testClient({ tls: { ca }, retryTimeout: 0 }, gone!.address);
    const refused = await fresh.get('k').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(TlsError);
    expectServerFault(refused, gone!.address, ['ERR_TLS']);

    // The trusted certificate again: the next probe re-admits it.
    await impostor.stop('SIGKILL');
    const up = next<{ server: string }>(client, 'server:up', 5000);
    started.push(await startTlsMemcached({ port: gone!.port }));
    expect((await up).server).toBe(gone!.address);
    expect(await client.set('k', 'trusted')).toBe(true);
    expect(await client.get('k')).toBe('trusted');
  });
});

describe('probes of a dead server', () => {
  it('find a server that was down from the start within about a second of its start, long before deadTimeout', async () => {
    const port = await freePort();
    const address = `127.0.0.1:${port}`;
    const client = testClient({ failureLimit: 2, retryTimeout: 0, deadTimeout: 30_000, timeout: 200, connectTimeout: 200 }, address);
    const down = next<{ server: string }>(client, 'server:down', 5000);
    for (let i = 0; i < 2; i++) expectServerFault(await client.get('k').catch((error: unknown) => error), address, ['ERR_CONNECTION']);
    expect((await down).server).toBe(address);
    const deadAt = performance.now();
    expect(await client.get('k').catch((error: unknown) => error)).toBeInstanceOf(ServerDownError);

    const up = next<{ server: string; downMs: number }>(client, 'server:up', 5000);
    started.push(await startMemcached([], { port }));
    expect((await up).server).toBe(address);
    // The first probe comes 1 s after the death (deadTimeout is only the
    // longest wait between probes); 2 s leaves a margin for a slow machine.
    expect(performance.now() - deadAt).toBeLessThan(2000);
    expect(client.deadServers).toEqual([]);
    expect(await client.set('k', 'back')).toBe(true);
    expect(await client.get('k')).toBe('back');
  });
});

describe('answers forgive failures', () => {
  // The addon names the servers that answered by position: as bits up to 31
  // servers, as a list beyond. Either way the right server's count is reset.
  for (const count of [2, 33]) {
    it(`for the server at the last of ${count} positions`, async () => {
      const servers = await memcacheds(count);
      const last = servers[count - 1]!;
      const client = testClient(
        { failureLimit: 2, deadTimeout: 60_000, timeout: 200, connectTimeout: 200 },
        servers.map((server) => server.address),
      );
      let key = 'k0';
      for (let i = 1; client.serverFor(key) !== last.address; i++) key = `k${i}`;
      expect(await client.set(key, 'v')).toBe(true);

      await freeze(last.process);
      expectServerFault(await client.get(key).catch((error: unknown) => error), last.address, ['ERR_TIMEOUT']);
      last.process.kill('SIGCONT');
      expect(await client.get(key)).toBe('v');
      // One failure since the answer: still alive.
      await freeze(last.process);
      expectServerFault(await client.get(key).catch((error: unknown) => error), last.address, ['ERR_TIMEOUT']);
      expect(client.deadServers).toEqual([]);
      expectServerFault(await client.get(key).catch((error: unknown) => error), last.address, ['ERR_TIMEOUT']);
      expect(client.deadServers).toEqual([last.address]);
    });
  }
});

describe('a refused server', () => {
  it('is declared dead from reads alone, one failed try per retryTimeout', async () => {
    const [gone] = await memcacheds(1);
    const client = testClient({ failureLimit: 2, retryTimeout: 1000, deadTimeout: 60_000 }, gone!.address);
    expect(await client.get('k')).toBeUndefined();
    await gone!.stop('SIGKILL');
    const startedAt = performance.now();
    let downAt = 0;
    client.once('server:down', () => {
      downAt = performance.now() - startedAt;
    });
    // Each call either tries the server (ERR_CONNECTION) or, within
    // retryTimeout of the last try, fails fast without trying (ERR_SERVER_DOWN).
    const codes: string[] = [];
    while (downAt === 0 && performance.now() - startedAt < 6000) {
      const error = await client.get('k').catch((fault: unknown) => fault);
      codes.push(expectServerFault(error, gone!.address, ['ERR_CONNECTION', 'ERR_SERVER_DOWN']).code);
      await sleep(50);
    }
    expect(downAt).toBeGreaterThan(0);
    // failureLimit tries, with calls that did not try in between.
    expect(codes.filter((code) => code === 'ERR_CONNECTION')).toHaveLength(2);
    expect(codes[0]).toBe('ERR_CONNECTION');
    expect(codes.at(-1)).toBe('ERR_CONNECTION');
    expect(codes).toContain('ERR_SERVER_DOWN');
    // The second try waited for retryTimeout (1 s).
    expect(downAt).toBeGreaterThan(900);
    expect(client.deadServers).toEqual([gone!.address]);
  });
});

describe("ejection under the Python clients' placements", () => {
  it("moves a dead server's keys where python-memcached and pymemcache move them", async () => {
    const servers = await memcacheds(3);
    const names = servers.map((server) => server.address);
    const keys = Array.from({ length: 200 }, (_, i) => `user:${i}`);
    for (const distribution of ['python-memcached', 'pymemcache'] as const) {
      const client = testClient(
        { distribution, ejectFailedServers: true, failureLimit: 1, deadTimeout: 60_000, timeout: 200, connectTimeout: 200, keyPrefix: '' },
        names,
      );
      const down = next(client, 'server:down', 5000);
      await freeze(servers[1]!.process);
      // Touch every server until the frozen one is declared dead.
      await Promise.allSettled(keys.map((key) => client.get(key)));
      await down;
      expect(client.deadServers).toEqual([names[1]]);
      const case_ =
        distribution === 'python-memcached'
          ? {
              kind: 'python-memcached' as const,
              servers: names.map((name) => [name, 1] as [string, number]),
              dead: [1],
              keys: keys.map((key) => Buffer.from(key).toString('hex')),
            }
          : { kind: 'pymemcache-str' as const, nodes: names, dead: [1], keys };
      const [expected] = askPlacementOracle([case_]).results;
      expect(keys.map((key) => client.serverFor(key))).toEqual(expected!.map((index) => names[index as number]));
      expect(await client.set(keys[0]!, 'v')).toBe(true);
      servers[1]!.process.kill('SIGCONT');
      await client.close();
    }
  });
});

describe('live topology', () => {
  it('adds and removes servers without losing operations in flight', async () => {
    const [a, b] = await memcacheds(2);
    const client = testClient({ distribution: 'ketama_weighted' }, a!.address);
    const reasons: string[] = [];
    client.on('topology', (event) => reasons.push(event.reason));

    const first = keys.map((key) => client.set(key, `value of ${key}`));
    client.addServer(b!.address);
    expect(client.servers).toEqual([a!.address, b!.address]);
    expect(await Promise.all(first)).toEqual(keys.map(() => true));
    // The writes issued before the change all went to a.
    const onA = testClient({ keyPrefix: client.options.keyPrefix }, a!.address);
    expect((await onA.getMany(keys)).size).toBe(keys.length);

    const placedOnB = keys.filter((key) => client.serverFor(key) === b!.address);
    expect(placedOnB.length).toBeGreaterThan(30);
    await Promise.all(keys.map((key) => client.set(key, `value of ${key}`)));
    expect(await client.getMany(keys)).toEqual(new Map(keys.map((key) => [key, `value of ${key}`])));

    const second = keys.map((key) => client.get(key));
    client.removeServer(a!.address);
    const results = await Promise.all(second);
    expect(results).toEqual(keys.map((key) => `value of ${key}`));
    expect(client.servers).toEqual([b!.address]);
    for (const key of keys) expect(client.serverFor(key)).toBe(b!.address);
    expect(await client.set('after', 'b only')).toBe(true);
    expect(reasons).toEqual(['added', 'removed']);

    expect(() => client.removeServer(b!.address)).toThrow(/at least one server/);
    expect(() => client.addServer(b!.address)).toThrow(/already/);
  });
});

describe('an IPv6 server', () => {
  it('is named [host]:port everywhere: servers, serverFor, stats, faults and failover', async () => {
    const six = await startMemcached([], { host: '::1' });
    started.push(six);
    const client = testClient({ failureLimit: 1, deadTimeout: 60_000 }, six.address);
    const name = six.address;
    expect(name).toMatch(/^\[::1\]:\d+$/);
    expect(client.servers).toEqual([name]);
    expect(await client.set('k', 'v')).toBe(true);
    expect(await client.get('k')).toBe('v');
    expect(client.serverFor('k')).toBe(name);
    expect(Object.keys(await client.stats())).toEqual([name]);
    const down = next<{ server: string }>(client, 'server:down', 5000);
    await six.stop('SIGKILL');
    expectServerFault(await client.set('k', 'v').catch((error: unknown) => error), name);
    expect((await down).server).toBe(name);
    expect(client.deadServers).toEqual([name]);
    expectServerFault(await client.get('k').catch((error: unknown) => error), name, ['ERR_SERVER_DOWN']);
  });
});

describe('counters', () => {
  it('counts hits, misses, faults, batches and operations', async () => {
    const client = testClient();
    await client.set('present', 'v');
    await Promise.all([client.get('present'), client.get('absent'), client.getMany(['present', 'absent', 'absent2'])]);
    const counters = client.counters;
    expect(counters).toMatchObject({ hits: 2, misses: 3, errors: 0, inFlight: 0 });
    expect(counters.batches).toBe(2);
    expect(counters.operations).toBe(6);
  });
});
