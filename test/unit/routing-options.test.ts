/**
 * Option resolution and routing with no server: resolveOptions' defaults and
 * rejections, the native pool configuration built from them, and which pool
 * each key goes to under every distribution, with and without ejected servers.
 */
import { inspect } from 'node:util';

import { describe, expect, it } from 'vitest';

import { InvalidArgumentError } from '../../src/errors.js';
import { KeyEncoder } from '../../src/keys.js';
import { binding } from '../../src/engine/native.js';
import { type ClientOptions, defaultOptions, type Distribution, poolConfig, resolveOptions } from '../../src/options.js';
import { createRouting, type Routing } from '../../src/cluster/routing.js';
import { parseServers, type ServerSpec, serverName } from '../../src/cluster/servers.js';

const { behaviors, distributions, hashes } = binding.constants;

function rejection(options: unknown): InvalidArgumentError {
  try {
    resolveOptions(options as ClientOptions);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidArgumentError);
    return error as InvalidArgumentError;
  }
  throw new Error(`resolveOptions accepted ${inspect(options)}`);
}

describe('resolveOptions', () => {
  it('applies every default', () => {
    for (const resolved of [resolveOptions(), resolveOptions({}), resolveOptions({ timeout: undefined, distribution: undefined })]) {
      expect(resolved).toEqual({ ...defaultOptions, hash: 'default', protocol: 'ascii', sasl: undefined });
      expect(resolved).toMatchObject({
        keyPrefix: '',
        maxValueSize: 1024 * 1024,
        timeout: 500,
        connectTimeout: 1000,
        retryTimeout: 2000,
        failureLimit: 3,
        deadTimeout: 30_000,
        ejectFailedServers: false,
        rememberCas: false,
        faultsAsMisses: false,
        maxConcurrentBatches: 2,
        maxConnections: 2,
        maxBatchSize: 2048,
        idleTimeout: 30_000,
        discoveryInterval: 60_000,
        distribution: 'modula',
        tcpNoDelay: true,
        tcpKeepAlive: false,
      });
      expect(resolved.codec).toBe(defaultOptions.codec);
    }
  });

  it('keeps what is given, and returns a new object each time', () => {
    const given: ClientOptions = { keyPrefix: 'app:', timeout: 250, maxConnections: 1, distribution: 'ketama', hash: 'fnv1a_32', tcpNoDelay: false };
    const resolved = resolveOptions(given);
    expect(resolved).toMatchObject(given);
    expect(resolved).not.toBe(resolveOptions(given));
    expect(defaultOptions.timeout).toBe(500);
  });

  it.each<[Distribution, string]>([
    ['modula', 'default'],
    ['consistent', 'default'],
    ['ketama', 'default'],
    ['ketama_weighted', 'md5'],
    ['python-memcached', 'default'],
    ['pymemcache', 'default'],
  ])('defaults the hash under %s to %s', (distribution, hash) => {
    expect(resolveOptions({ distribution }).hash).toBe(hash);
  });

  it('defaults the protocol to binary with SASL, ascii without', () => {
    expect(resolveOptions({}).protocol).toBe('ascii');
    expect(resolveOptions({ protocol: 'binary' }).protocol).toBe('binary');
    expect(resolveOptions({ sasl: { username: 'u', password: 'p' } }).protocol).toBe('binary');
    expect(resolveOptions({ sasl: { username: 'u', password: 'p' }, protocol: 'binary' }).protocol).toBe('binary');
  });

  it('accepts ejectFailedServers with a consistent distribution', () => {
    for (const distribution of ['consistent', 'ketama', 'ketama_weighted', 'python-memcached', 'pymemcache'] as const) {
      expect(resolveOptions({ ejectFailedServers: true, distribution }).ejectFailedServers).toBe(true);
    }
  });

  it.each<[string, unknown, RegExp]>([
    ['null', null, /Expected options to be an object/],
    ['a string', 'timeout=5', /Expected options to be an object/],
    ['an unknown option', { tiemout: 500 }, /Unknown option "tiemout"/],
    ['a numeric string', { timeout: '500' }, /"timeout" option to be an integer from 1 to 3600000, got '500' \(string\)/],
    ['a fraction', { timeout: 1.5 }, /"timeout" option to be an integer/],
    ['zero timeout', { timeout: 0 }, /"timeout" option to be an integer from 1/],
    ['NaN', { connectTimeout: Number.NaN }, /"connectTimeout" option/],
    ['a negative retryTimeout', { retryTimeout: -1 }, /"retryTimeout" option to be an integer from 0 to 86400000/],
    [
      'a retryTimeout that looks like seconds',
      { retryTimeout: 2 },
      /"retryTimeout" option is in milliseconds \(it was in seconds in earlier releases\).*give 2000 for 2 s/,
    ],
    ['a deadTimeout that looks like seconds', { deadTimeout: 9 }, /"deadTimeout" option is in milliseconds.*give 9000 for 9 s, or at least 10 ms/],
    ['a zero deadTimeout', { deadTimeout: 0 }, /"deadTimeout" option to be an integer from 10 to 86400000/],
    ['a deadTimeout over a day', { deadTimeout: 86_400_001 }, /"deadTimeout" option to be an integer from 10 to 86400000/],
    ['too many connections', { maxConnections: 65 }, /"maxConnections" option to be an integer from 1 to 64/],
    ['no batch slots', { maxConcurrentBatches: 0 }, /"maxConcurrentBatches"/],
    ['an unsafe integer', { maxBatchSize: 2 ** 53 }, /"maxBatchSize"/],
    ['zero failureLimit', { failureLimit: 0 }, /"failureLimit"/],
    ['null for a number', { deadTimeout: null }, /"deadTimeout"/],
    ['a string for a boolean', { tcpNoDelay: 'yes' }, /"tcpNoDelay" option to be a boolean/],
    ['1 for a boolean', { ejectFailedServers: 1 }, /"ejectFailedServers" option to be a boolean/],
    ['null for a boolean', { faultsAsMisses: null }, /"faultsAsMisses" option to be a boolean/],
    ['a number prefix', { keyPrefix: 5 }, /"keyPrefix" option to be a string/],
    ['a prefix with a space', { keyPrefix: 'a b' }, /"keyPrefix" option may not contain spaces/],
    ['a prefix with a newline', { keyPrefix: 'a\n' }, /"keyPrefix" option may not contain/],
    ['a codec without decode', { codec: { encode: () => ({ data: '', flags: 0 }) } }, /"codec" option to have encode\(\) and decode\(\)/],
    ['an unknown distribution', { distribution: 'random' }, /"distribution" option to be one of modula, consistent/],
    ['an unknown hash', { hash: 'sha1' }, /"hash" option to be one of default, md5/],
    ['an unknown protocol', { protocol: 'udp' }, /"protocol" option to be 'ascii' or 'binary', got 'udp' \(string\)/],
    ['ejectFailedServers with the default modula', { ejectFailedServers: true }, /"ejectFailedServers" would move nearly every key under the "modula"/],
    ['ejectFailedServers with modula', { ejectFailedServers: true, distribution: 'modula' }, /"modula"/],
    ['SASL with ascii', { sasl: { username: 'u', password: 'p' }, protocol: 'ascii' }, /SASL needs the binary protocol/],
    ['a hash with python-memcached', { distribution: 'python-memcached', hash: 'crc' }, /"hash" option does not apply to the "python-memcached" distribution/],
    ['a hash with pymemcache', { distribution: 'pymemcache', hash: 'murmur3' }, /does not apply to the "pymemcache"/],
    ['sasl as a string', { sasl: 'user:password' }, /"sasl" option to be \{ username, password \}/],
    ['sasl without a password', { sasl: { username: 'u' } }, /"sasl\.password" to be a non-empty string/],
    ['sasl with an empty username', { sasl: { username: '', password: 'p' } }, /"sasl\.username"/],
    ['a password with NUL', { sasl: { username: 'u', password: 'p\0q' } }, /"sasl\.password" to be a non-empty string without NUL/],
  ])('rejects %s with ERR_INVALID_OPTION', (_, options, message) => {
    const error = rejection(options);
    expect(error.code).toBe('ERR_INVALID_OPTION');
    expect(error.message).toMatch(message);
  });

  it('never quotes a rejected SASL password', () => {
    const error = rejection({ sasl: { username: 'u', password: 'hunter2\0' } });
    expect(error.message).not.toContain('hunter2');
  });

  // Object.prototype's members are no options either.
  it.each(['constructor', 'toString', 'hasOwnProperty'])('rejects %s as an unknown option', (name) => {
    expect(rejection({ [name]: 1 }).message).toMatch(/Unknown option/);
  });
});

describe('the SASL password', () => {
  const PASSWORD = 'pa55-w0rd-9f3c';
  const servers = parseServers('10.0.0.1:11211');

  it('is kept out of the resolved options, their JSON and their inspection', () => {
    const resolved = resolveOptions({ sasl: { username: 'app', password: PASSWORD } });
    expect(resolved.sasl).toEqual({ username: 'app' });
    expect(Object.getOwnPropertyNames(resolved.sasl)).toEqual(['username']);
    expect(Object.isFrozen(resolved.sasl)).toBe(true);
    expect(JSON.stringify(resolved)).not.toContain(PASSWORD);
    expect(inspect(resolved, { depth: Infinity, showHidden: true, getters: true })).not.toContain(PASSWORD);
    expect(JSON.stringify(resolved)).toContain('"username":"app"');
  });

  it('reaches the native pool configuration', () => {
    const resolved = resolveOptions({ sasl: { username: 'app', password: PASSWORD } });
    expect(poolConfig(servers, resolved).sasl).toEqual({ username: 'app', password: PASSWORD });
    // As the client keeps them: frozen.
    expect(poolConfig(servers, Object.freeze(resolved)).sasl).toEqual({ username: 'app', password: PASSWORD });
    // Every pool of a JS placement logs in.
    const options = resolveOptions({ distribution: 'pymemcache', sasl: { username: 'app', password: PASSWORD } });
    const routing = createRouting(parseServers(['10.0.0.1:1', '10.0.0.2:2']), options);
    expect(routing.pools.map((pool) => pool.sasl?.password)).toEqual([PASSWORD, PASSWORD]);
  });

  it('is not taken from a look-alike: a login needs options resolved with it', () => {
    const forged = { ...resolveOptions({ protocol: 'binary' }), sasl: { username: 'app' } };
    expect(poolConfig(servers, forged).sasl).toEqual({ username: 'app', password: undefined });
    expect('sasl' in poolConfig(servers, resolveOptions({}))).toBe(false);
  });
});

describe('poolConfig', () => {
  const servers = parseServers(['10.0.0.1:11211/2', '10.0.0.2:11212']);

  it('carries the timeouts, the protocol and the socket options', () => {
    const config = poolConfig(
      servers,
      resolveOptions({ timeout: 250, connectTimeout: 750, retryTimeout: 0, protocol: 'binary', tcpNoDelay: false, tcpKeepAlive: true }),
    );
    expect(config).toEqual({
      servers,
      behaviors: [
        [behaviors.DISTRIBUTION, distributions.MODULA],
        [behaviors.HASH, hashes.DEFAULT],
      ],
      connectTimeout: 750,
      timeout: 250,
      retryTimeout: 0,
      binary: true,
      tcpNoDelay: false,
      tcpKeepAlive: true,
    });
    expect(poolConfig(servers, resolveOptions())).toMatchObject({
      connectTimeout: 1000,
      timeout: 500,
      retryTimeout: 2000,
      binary: false,
      tcpNoDelay: true,
      tcpKeepAlive: false,
    });
  });

  // One line per case.
  // prettier-ignore
  it.each<[ClientOptions, Array<[number | undefined, number | undefined]>]>([
    [{}, [[behaviors.DISTRIBUTION, distributions.MODULA], [behaviors.HASH, hashes.DEFAULT]]],
    [{ distribution: 'consistent', hash: 'crc' }, [[behaviors.DISTRIBUTION, distributions.CONSISTENT], [behaviors.HASH, hashes.CRC]]],
    [{ distribution: 'ketama' }, [[behaviors.DISTRIBUTION, distributions.CONSISTENT_KETAMA], [behaviors.HASH, hashes.DEFAULT]]],
    // As pylibmc sets it: the weighted behavior, MD5.
    [{ distribution: 'ketama_weighted' }, [[behaviors.KETAMA_WEIGHTED, 1], [behaviors.HASH, hashes.MD5]]],
    [{ distribution: 'ketama_weighted', hash: 'fnv1a_32' }, [[behaviors.KETAMA_WEIGHTED, 1], [behaviors.HASH, hashes.FNV1A_32]]],
    [{ distribution: 'python-memcached' }, [[behaviors.DISTRIBUTION, distributions.MODULA], [behaviors.HASH, hashes.DEFAULT]]],
  ])('sets libmemcached behaviors for %j', (options, expected) => {
    expect(expected.flat().every((value) => typeof value === 'number')).toBe(true);
    expect(poolConfig(servers, resolveOptions(options)).behaviors).toEqual(expected);
  });
});

// ---- routing -------------------------------------------------------------------

const SERVERS = parseServers(['10.0.0.1:11211', '10.0.0.2:11211', '10.0.0.3:11211']);
const NAMES = SERVERS.map(serverName);
const KEYS = Array.from({ length: 1000 }, (_, i) => `user:${i}:profile`);

/** The server each key goes to under `routing`; `prefix` is the keyPrefix the wire key carries. */
function serversOf(routing: Routing, servers: ServerSpec[], keys = KEYS, prefix = ''): string[] {
  const encoder = new KeyEncoder(prefix);
  const route = routing.route;
  if (route === undefined) throw new Error('no route: libmemcached places the keys');
  const pools = keys.map((key) => route(encoder.encode(key), key));
  const outside = pools.filter((pool) => !(pool >= 0 && pool < routing.pools.length));
  expect(outside, 'pools out of range').toEqual([]);
  return pools.map((pool) => serverName(servers[pool]!));
}

function counts(names: string[]): Map<string, number> {
  const tally = new Map<string, number>();
  for (const name of names) tally.set(name, (tally.get(name) ?? 0) + 1);
  return tally;
}

describe('createRouting', () => {
  it.each(['modula', 'consistent', 'ketama', 'ketama_weighted'] as const)('%s: one pool of every live server, placed by libmemcached', (distribution) => {
    const options = resolveOptions({ distribution, ...(distribution !== 'modula' && { ejectFailedServers: true }) });
    const all = createRouting(SERVERS, options);
    expect(all.route).toBeUndefined();
    expect(all.pools).toHaveLength(1);
    expect(all.pools[0]!.servers).toEqual(SERVERS);
    const ejected = createRouting(SERVERS, options, new Set([NAMES[1]!]));
    expect(ejected.route).toBeUndefined();
    expect(ejected.pools.map((pool) => pool.servers)).toEqual([[SERVERS[0], SERVERS[2]]]);
    // Every server ejected: nowhere to move keys, so they stay.
    expect(createRouting(SERVERS, options, new Set(NAMES)).pools[0]!.servers).toEqual(SERVERS);
  });

  it.each(['python-memcached', 'pymemcache'] as const)('%s: one single-server pool per server, with weight 1, and keys on every one', (distribution) => {
    const weighted = parseServers(['10.0.0.1:11211/3', '10.0.0.2:11211', '10.0.0.3:11211/2']);
    const options = resolveOptions({ distribution, timeout: 123 });
    const routing = createRouting(weighted, options);
    expect(routing.pools.map((pool) => pool.servers)).toEqual(weighted.map((server) => [{ ...server, weight: 1 }]));
    expect(routing.pools.every((pool) => pool.timeout === 123)).toBe(true);
    const tally = counts(serversOf(routing, weighted));
    expect([...tally.keys()].sort()).toEqual(weighted.map(serverName).sort());
  });

  it('python-memcached: spreads keys by server weight', () => {
    const weighted = parseServers(['10.0.0.1:11211/3', '10.0.0.2:11211/1']);
    const tally = counts(serversOf(createRouting(weighted, resolveOptions({ distribution: 'python-memcached' })), weighted));
    const heavy = tally.get('10.0.0.1:11211')! / KEYS.length;
    expect(heavy).toBeGreaterThan(0.65);
    expect(heavy).toBeLessThan(0.85);
  });

  it('python-memcached hashes the key as sent (prefix included); pymemcache the key as given', () => {
    const python = createRouting(SERVERS, resolveOptions({ distribution: 'python-memcached' }));
    const pymemcache = createRouting(SERVERS, resolveOptions({ distribution: 'pymemcache' }));
    const differs = (routing: Routing) => {
      const plain = serversOf(routing, SERVERS);
      const prefixed = serversOf(routing, SERVERS, KEYS, 'ns:');
      return plain.filter((server, i) => server !== prefixed[i]).length;
    };
    expect(differs(python)).toBeGreaterThan(KEYS.length / 2);
    expect(differs(pymemcache)).toBe(0);
    // The same bytes as a string or a Buffer go to the same server.
    const route = python.route!;
    const keys = KEYS.slice(0, 200);
    expect(keys.map((key) => route({ key: Buffer.from(key), bytes: key.length }, key))).toEqual(keys.map((key) => route({ key, bytes: key.length }, key)));
  });

  it.each(['python-memcached', 'pymemcache'] as const)('%s: ejecting a server moves its keys, and only its keys, to the others', (distribution) => {
    const options = resolveOptions({ distribution, ejectFailedServers: true });
    const before = serversOf(createRouting(SERVERS, options), SERVERS);
    const dead = NAMES[1]!;
    const after = serversOf(createRouting(SERVERS, options, new Set([dead])), SERVERS);
    const moved = new Set<string>();
    let keysOfDead = 0;
    const wrong: string[] = [];
    for (let i = 0; i < KEYS.length; i++) {
      if (before[i] === dead) {
        keysOfDead++;
        if (after[i] === dead) wrong.push(`${KEYS[i]} stayed on the dead server`);
        moved.add(after[i]!);
      } else if (after[i] !== before[i]) {
        wrong.push(`${KEYS[i]} moved from ${before[i]} to ${after[i]}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(keysOfDead).toBeGreaterThan(KEYS.length / 5);
    expect([...moved].sort()).toEqual([NAMES[0], NAMES[2]]);
    // The pools stay: one per server, the dead one's unused.
    expect(createRouting(SERVERS, options, new Set([dead])).pools).toHaveLength(3);
  });

  it('python-memcached: a dead server is rehashed around, not removed from the buckets', () => {
    // Rebuilding over the live servers would move keys between live servers too.
    const options = resolveOptions({ distribution: 'python-memcached' });
    const live = [SERVERS[0]!, SERVERS[2]!];
    const rebuilt = serversOf(createRouting(live, options), live);
    const ejected = serversOf(createRouting(SERVERS, options, new Set([NAMES[1]!])), SERVERS);
    expect(rebuilt.filter((server, i) => server !== ejected[i]).length).toBeGreaterThan(KEYS.length / 10);
  });

  it('pymemcache: ejecting a server is placing over the live servers alone', () => {
    const options = resolveOptions({ distribution: 'pymemcache' });
    for (const dead of NAMES) {
      const live = SERVERS.filter((server) => serverName(server) !== dead);
      expect(serversOf(createRouting(SERVERS, options, new Set([dead])), SERVERS)).toEqual(serversOf(createRouting(live, options), live));
    }
  });

  it.each(['python-memcached', 'pymemcache'] as const)('%s: with every server ejected, keys stay where they were', (distribution) => {
    const options = resolveOptions({ distribution });
    expect(serversOf(createRouting(SERVERS, options, new Set(NAMES)), SERVERS)).toEqual(serversOf(createRouting(SERVERS, options), SERVERS));
  });

  it.each(['python-memcached', 'pymemcache'] as const)('%s: ignores ejected names that are not servers', (distribution) => {
    const options = resolveOptions({ distribution });
    expect(serversOf(createRouting(SERVERS, options, new Set(['10.9.9.9:11211'])), SERVERS)).toEqual(serversOf(createRouting(SERVERS, options), SERVERS));
  });
});
