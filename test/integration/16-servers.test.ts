/**
 * The ways a client is given its servers, against real memcached: unix domain
 * sockets (alone and mixed with TCP servers), memcache:// connection strings
 * whose credentials log in to a SASL memcached, and MEMCACHED_SERVERS when the
 * constructor is given none.
 */
import { inspect } from 'node:util';

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { Client, ConnectionError, InvalidArgumentError, textCodec } from '../../src/index.js';
import { sharedServers, testClient, track, uniquePrefix } from '../support/clients.js';
import { type MemcachedProcess, startUnixMemcached, type UnixMemcachedProcess } from '../support/memcached.js';
import { startSaslMemcached } from '../support/sasl-memcached.js';
import { expectServerFault, rejectionOf, thrownBy } from '../support/util.js';

describe('a unix domain socket', () => {
  let unix: UnixMemcachedProcess;
  beforeAll(async () => {
    unix = await startUnixMemcached();
  });
  afterAll(() => unix.stop('SIGKILL'));

  it('serves every command, named by its path', async () => {
    const client = testClient({}, unix.path);
    expect(client.servers).toEqual([unix.path]);
    expect(client.serverFor('k')).toBe(unix.path);
    expect(await client.set('k', 'v')).toBe(true);
    expect(await client.get('k')).toBe('v');
    expect(await client.add('k', 'other')).toBe(false);
    expect(await client.replace('k', 'v2')).toBe(true);
    expect(await client.append('k', '+')).toBe(true);
    expect(await client.prepend('k', '-')).toBe(true);
    const item = await client.gets('k');
    expect(item?.value).toBe('-v2+');
    expect(await client.cas('k', 'swapped', item!.cas)).toBe(true);
    expect(await client.cas('k', 'stale', item!.cas)).toBe(false);
    expect(await client.touch('k', 100)).toBe(true);
    expect(await client.incr('n', 5, { initial: 10 })).toBe(10);
    expect(await client.incr('n', 5)).toBe(15);
    expect(await client.decr('n', 3)).toBe(12);
    expect(await client.setMany({ a: '1', b: '2' })).toEqual(
      new Map([
        ['a', true],
        ['b', true],
      ]),
    );
    expect(await client.getMany(['a', 'b', 'k', 'missing'])).toEqual(
      new Map([
        ['a', '1'],
        ['b', '2'],
        ['k', 'swapped'],
      ]),
    );
    expect(await client.deleteMany(['a', 'missing'])).toEqual(
      new Map([
        ['a', true],
        ['missing', false],
      ]),
    );
    expect(await client.delete('k')).toBe(true);
    expect(await client.get('k')).toBeUndefined();
    // A large value goes through the same socket, read straight into its own buffer.
    const large = 'x'.repeat(600_000);
    expect(await client.set('large', large)).toBe(true);
    expect(await client.get('large')).toBe(large);

    const stats = await client.stats();
    expect(Object.keys(stats)).toEqual([unix.path]);
    expect(Number(stats[unix.path]!.cmd_set)).toBeGreaterThan(0);
    const versions = await client.version();
    expect(Object.keys(versions)).toEqual([unix.path]);
    expect(versions[unix.path]).toMatch(/^\d+\.\d+/);
    await client.flush();
    expect(await client.get('b')).toBeUndefined();
  });

  it('shares the keys with TCP servers, each key on the server serverFor names', async () => {
    const tcp = sharedServers().slice(1, 3);
    const servers = [tcp[0]!, unix.path, tcp[1]!];
    const client = testClient({ distribution: 'ketama_weighted' }, servers);
    const keys = Array.from({ length: 120 }, (_, i) => `mixed${i}`);
    expect(await client.setMany(keys.map((key) => [key, `value of ${key}`]))).toEqual(new Map(keys.map((key) => [key, true])));
    const homes = new Map<string, string[]>();
    for (const key of keys) homes.set(client.serverFor(key), [...(homes.get(client.serverFor(key)) ?? []), key]);
    expect([...homes.keys()].sort()).toEqual([...servers].sort());
    // Each server holds exactly the keys placed on it.
    for (const [server, own] of homes) {
      const alone = testClient({ keyPrefix: client.options.keyPrefix }, server);
      expect((await alone.getMany(keys)).size).toBe(own.length);
    }
    expect(await client.getMany(keys)).toEqual(new Map(keys.map((key) => [key, `value of ${key}`])));
    expect(Object.keys(await client.stats()).sort()).toEqual([...servers].sort());
    expect(Object.keys(await client.version()).sort()).toEqual([...servers].sort());
  });

  it('joins and leaves a running client by its path', async () => {
    const tcp = sharedServers()[1]!;
    const client = testClient({ distribution: 'ketama_weighted' }, tcp);
    client.addServer(unix.path);
    expect(client.servers).toEqual([tcp, unix.path]);
    let key = 'k0';
    for (let i = 1; client.serverFor(key) !== unix.path; i++) key = `k${i}`;
    expect(await client.set(key, 'on the socket')).toBe(true);
    expect(await testClient({ keyPrefix: client.options.keyPrefix }, unix.path).get(key)).toBe('on the socket');
    expect(() => client.addServer(` ${unix.path} `)).toThrow(/already/);
    client.removeServer(unix.path);
    expect(client.servers).toEqual([tcp]);
    expect(client.serverFor(key)).toBe(tcp);
  });

  it('places keys by the path alone, the same in every client', () => {
    const servers = [sharedServers()[1]!, unix.path, '/tmp/another/memcached.sock'];
    for (const distribution of ['modula', 'ketama_weighted'] as const) {
      const first = testClient({ distribution, keyPrefix: '' }, servers);
      const second = testClient({ distribution, keyPrefix: '' }, servers);
      const homes = new Set<string>();
      for (let i = 0; i < 200; i++) {
        expect(second.serverFor(`k${i}`)).toBe(first.serverFor(`k${i}`));
        homes.add(first.serverFor(`k${i}`));
      }
      expect([...homes].sort()).toEqual([...servers].sort());
    }
  });

  it('gives a typed connection error, named by the path, when nothing is there', async () => {
    const missing = `${unix.path}.missing`;
    const client = testClient({ retryTimeout: 0, failureLimit: 100 }, missing);
    for (const call of [() => client.get('k'), () => client.set('k', 'v'), () => client.delete('k')]) {
      const error = await rejectionOf(call());
      expect(error).toBeInstanceOf(ConnectionError);
      expectServerFault(error, missing, ['ERR_CONNECTION']);
      expect(error.systemCode).toBe('ENOENT');
    }
    const statsError = await rejectionOf(client.stats());
    expect(JSON.stringify(statsError) + statsError.message).toContain(missing);
  });

  it('gives ECONNREFUSED when the socket file is there but memcached is gone', async () => {
    const gone = await startUnixMemcached();
    const client = testClient({ retryTimeout: 0, failureLimit: 100 }, gone.path);
    expect(await client.set('k', 'v')).toBe(true);
    // SIGKILL leaves the socket file behind, with nobody listening.
    const directoryRemoved = gone.stop('SIGKILL');
    await new Promise<void>((resolve) => gone.process.once('exit', () => resolve()));
    const error = await rejectionOf(client.get('k'));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(['ECONNREFUSED', 'ENOENT', 'ECONNRESET']).toContain(error.systemCode);
    await directoryRemoved;
  });
});

describe('memcache:// connection strings', () => {
  const USER = 'url user';
  const PASSWORD = 'p@ss:w/rd,%-not-in-logs';
  let sasl: MemcachedProcess;
  beforeAll(async () => {
    sasl = await startSaslMemcached({ [USER]: PASSWORD });
  });
  afterAll(() => sasl.stop('SIGKILL'));

  const url = () => `memcache://${encodeURIComponent(USER)}:${encodeURIComponent(PASSWORD)}@${sasl.address}`;

  it('logs in with the credentials of the URL, which show nowhere', async () => {
    const client = track(new Client<string | Buffer>(url(), { keyPrefix: uniquePrefix(), codec: textCodec }));
    expect(client.options.protocol).toBe('binary');
    expect(client.servers).toEqual([sasl.address]);
    expect(await client.set('k', 'v')).toBe(true);
    expect(await client.get('k')).toBe('v');
    expect(await client.getMany(['k', 'missing'])).toEqual(new Map([['k', 'v']]));
    expect(Object.keys(await client.stats())).toEqual([sasl.address]);
    for (const said of [inspect(client, { depth: 10 }), JSON.stringify(client.options), inspect(client.servers)]) {
      expect(said).not.toContain(PASSWORD);
      expect(said).not.toContain(encodeURIComponent(PASSWORD));
    }
  });

  it('fails the login with a typed error for a wrong password, which it never quotes', async () => {
    const wrong = `memcache://${encodeURIComponent(USER)}:wrong-Secret-never-shown@${sasl.address}`;
    const client = track(new Client<string | Buffer>(wrong, { keyPrefix: uniquePrefix(), codec: textCodec, retryTimeout: 0 }));
    const error = await rejectionOf(client.get('k'));
    expect(error.code).toBe('ERR_AUTH');
    expect(error.message + inspect(error)).not.toContain('wrong-Secret-never-shown');
  });

  it('refuses credentials given both in the URL and in the sasl option, and an ASCII protocol with them', () => {
    const twice = thrownBy(() => new Client(url(), { sasl: { username: USER, password: PASSWORD } }));
    expect(twice).toBeInstanceOf(InvalidArgumentError);
    expect(twice.message).toMatch(/given twice/);
    const ascii = thrownBy(() => new Client(url(), { protocol: 'ascii' }));
    expect(ascii).toBeInstanceOf(InvalidArgumentError);
    expect(ascii.message).toMatch(/SASL needs the binary protocol/);
    for (const error of [twice, ascii]) expect(error.message + inspect(error)).not.toContain(PASSWORD);
  });

  it('takes a list without credentials, IPv6 brackets and the default port', async () => {
    const [first, second] = sharedServers().slice(1, 3);
    const client = testClient({}, `memcache://${first},memcache://${second}/`);
    expect(client.servers).toEqual([first, second]);
    expect(await client.set('k', 'v')).toBe(true);
    expect(await client.get('k')).toBe('v');
    expect(track(new Client('memcache://[::1],memcache://localhost')).servers).toEqual(['[::1]:11211', 'localhost:11211']);
  });

  it('takes memcaches:// as TLS for the client, and refuses it mixed or with tls: false before any I/O', () => {
    // Connecting in TLS is test/80-tls.test.ts's subject.
    expect(track(new Client(`memcaches://${sasl.address}`)).options.tls).toEqual({ rejectUnauthorized: true });
    for (const make of [() => new Client([`memcaches://${sasl.address}`, 'localhost:1']), () => new Client(`memcaches://${sasl.address}`, { tls: false })]) {
      const error = thrownBy(make);
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect(error.message).toMatch(/memcaches:\/\//);
    }
  });
});

describe('MEMCACHED_SERVERS', () => {
  const saved = process.env.MEMCACHED_SERVERS;
  afterEach(() => {
    if (saved === undefined) delete process.env.MEMCACHED_SERVERS;
    else process.env.MEMCACHED_SERVERS = saved;
  });

  it('gives the servers when the constructor is given none', async () => {
    const [first, second] = sharedServers().slice(1, 3);
    process.env.MEMCACHED_SERVERS = `${first},memcache://${second}`;
    const bare = track(new Client<string | Buffer>());
    expect(bare.servers).toEqual([first, second]);
    const client = track(new Client<string | Buffer>(undefined, { keyPrefix: uniquePrefix(), codec: textCodec }));
    expect(client.servers).toEqual([first, second]);
    expect(await client.set('k', 'v')).toBe(true);
    expect(await client.get('k')).toBe('v');
    // Servers given to the constructor win.
    expect(track(new Client(first)).servers).toEqual([first]);
  });

  it('is required when the constructor is given none', () => {
    delete process.env.MEMCACHED_SERVERS;
    const error = thrownBy(() => new Client());
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error.message).toMatch(/No servers: give them to the constructor.*or set MEMCACHED_SERVERS/);
  });
});
