/**
 * Client options, their defaults, and the native pool's configuration: the
 * placement settings libmemcached hashes keys with, and the engine's timeouts.
 */
import type { Codec } from './codec.js';
import { InvalidArgumentError } from './errors.js';
import { shown } from './arguments.js';
import { binding, type NativePoolConfig } from './engine/native.js';
import { pythonCodec } from './python/codec.js';
import type { ServerSpec } from './cluster/servers.js';

/**
 * How keys are spread over servers.
 *
 * libmemcached's distributions, each matching pylibmc with the same setting:
 * - `modula`: hash modulo the server count (libmemcached's and pylibmc's default).
 * - `consistent`: libmemcached's consistent hashing (pylibmc `distribution: 'consistent'`).
 * - `ketama`: ketama continuum, 100 points per server (pylibmc `ketama: True`).
 * - `ketama_weighted`: libketama-compatible weighted continuum over MD5 (pylibmc
 *   `ketama_weighted: True`, the npm `memcached` client's hashring).
 *
 * The Python clients' own placements:
 * - `python-memcached`: CRC-32 buckets, each server repeated `weight` times.
 * - `pymemcache`: pymemcache's HashClient (rendezvous hashing over murmur3); the
 *   key is hashed without `keyPrefix`, as HashClient hashes it without `key_prefix`.
 */
export type Distribution = 'modula' | 'consistent' | 'ketama' | 'ketama_weighted' | 'python-memcached' | 'pymemcache';

/** The key hash; `default` is libmemcached's one-at-a-time. */
export type HashFunction = 'default' | 'md5' | 'crc' | 'fnv1_64' | 'fnv1a_64' | 'fnv1_32' | 'fnv1a_32' | 'hsieh' | 'murmur' | 'murmur3' | 'jenkins';

/**
 * The protocol of every command. `ascii` is memcached's own and the default;
 * `binary` is what SASL needs. See docs/protocols-and-security.md.
 */
export type Protocol = 'ascii' | 'binary';

/** A SASL login (mechanism PLAIN, on every new connection). */
export interface SaslOptions {
  username: string;
  password: string;
}

export interface ClientOptions<V = unknown> {
  /**
   * Prepended to every key before it is validated, hashed and sent (a namespace).
   * @default ''
   */
  keyPrefix?: string;
  /**
   * Turns values into bytes and flags and back.
   * @default pythonCodec(): the flags and pickles of the Python memcached clients
   */
  codec?: Codec<V>;
  /**
   * Largest encoded value accepted, in bytes; larger ones are rejected before any I/O.
   * @default 1048576 (1 MiB, memcached's default item size limit)
   */
  maxValueSize?: number;
  /**
   * Milliseconds a server has to answer completely, counted from the last
   * request of the batch sent to it: a deadline, not an idle timer, so a
   * server that drips its answer fails in time. A batch that reads hundreds of
   * megabytes from one server needs more.
   * @default 500
   */
  timeout?: number;
  /**
   * Milliseconds to wait for a TCP connection.
   * @default 1000
   */
  connectTimeout?: number;
  /**
   * Milliseconds a server that refused or could not be reached is skipped (its
   * calls fail fast with ServerDownError) before the next call tries it again;
   * 0 tries it again on every call. Values from 1 to 9 are refused: they look
   * like seconds, the unit of this option in earlier releases.
   * @default 2000
   */
  retryTimeout?: number;
  /**
   * Failed tries in a row (a batch that could not reach the server, or timed out
   * waiting for it) after which a server is declared dead: a `'server:down'`
   * event, no traffic at all, and (with `ejectFailedServers`) its keys move to
   * the other servers. A dead server comes back only when a probe of its own gets
   * an answer (`'server:up'`).
   * @default 3
   */
  failureLimit?: number;
  /**
   * Milliseconds between probes of a dead server, at most: the first probe comes
   * after 1 s (or `deadTimeout` if shorter), and each next one after twice the
   * wait before it, up to `deadTimeout`. Values below 10 are refused: they look
   * like seconds, the unit of this option in earlier releases.
   * @default 30000
   */
  deadTimeout?: number;
  /**
   * Take dead servers out of key placement, so their keys go to the live servers
   * until they come back. Refused with `distribution: 'modula'`, under which
   * removing a server moves nearly every key.
   * @default false
   */
  ejectFailedServers?: boolean;
  /**
   * Remember the CAS token of every item read with `gets`/`getsMany`, so that
   * `cas(key, value)` without a token uses it (as pyermc's and python-memcached's
   * `cache_cas`); without a remembered token it stores unconditionally, as they
   * do. At most 100,000 tokens are kept, the oldest dropped first;
   * `forgetCas()` drops them.
   * @default false
   */
  rememberCas?: boolean;
  /**
   * Capture the caller's stack at every call, so that an error settling the
   * call later ends its `stack` with the caller's frames (after a
   * `--- the call ---` line). Off by default: it costs about a tenth of a
   * small get's CPU (see the errors page).
   * @default false
   */
  callStacks?: boolean;
  /**
   * Store keys longer than memcached's 250 bytes (prefix included) under
   * `keyPrefix` + the SHA-1 hex digest of the whole key (prefix included)
   * instead of rejecting them. Other clients find such items only if they
   * apply the same rule.
   * @default false
   */
  hashLongKeys?: boolean;
  /**
   * With {@link Client.discover}: milliseconds between asks of the
   * configuration endpoint for the cluster's nodes.
   * @default 60000
   */
  discoveryInterval?: number;
  /**
   * Reads (get, gets, getMany, getsMany) resolve as misses instead of rejecting on
   * faults such as timeouts or dead servers; each swallowed fault is emitted as a
   * `'fault'` event.
   * @default false
   */
  faultsAsMisses?: boolean;
  /**
   * Most native batches holding a libuv thread at once, across the client's
   * pools (batches that must connect, or of more than 64 operations; smaller
   * batches on open connections run on the event loop and hold none). Kept
   * below libuv's 4 threads, so fs, dns and crypto work goes on even while
   * every batch waits on a dead server.
   * @default 2
   */
  maxConcurrentBatches?: number;
  /**
   * Most connections per server (per connection pool), which is also how many
   * batches of a pool may run at once. A second batch starts beside a running
   * one only with at least 8 operations per server of the pool to carry, and
   * carries at most 64 (what the event loop takes); enough such work with
   * nothing running is split in two. The
   * servers then answer one batch while the client prepares and settles the
   * other; light load and large batches keep to one connection. The pool
   * grows toward this while operations keep arriving as batches run, and
   * shrinks again when connections sit idle for `idleTimeout`. Batches running at once never share a key, so per-key
   * order holds; operations on different keys may overtake each other (1 runs
   * every operation of a pool in issue order). Capped overall by
   * `maxConcurrentBatches`.
   * @default 2
   */
  maxConnections?: number;
  /**
   * Milliseconds a spare connection may sit idle before it is closed.
   * @default 30000
   */
  idleTimeout?: number;
  /**
   * Most operations in one native batch.
   * @default 2048
   */
  maxBatchSize?: number;
  /**
   * How keys are spread over servers.
   * @default 'modula'
   */
  distribution?: Distribution;
  /**
   * The key hash. Unset, it is `md5` under `ketama_weighted` and `default` otherwise.
   */
  hash?: HashFunction;
  /**
   * The protocol: `ascii` (memcached's text protocol) or `binary` (deprecated
   * upstream, larger on the wire, needed for SASL).
   * @default 'ascii', or 'binary' when `sasl` is set
   */
  protocol?: Protocol;
  /**
   * Log in to every server with SASL (binary protocol only). The password is
   * kept out of `client.options`, error messages and logs.
   */
  sasl?: SaslOptions;
  /**
   * TCP_NODELAY on every connection.
   * @default true
   */
  tcpNoDelay?: boolean;
  /**
   * SO_KEEPALIVE on every connection.
   * @default false
   */
  tcpKeepAlive?: boolean;
}

/**
 * Options with every default applied. `sasl` keeps only the username: the
 * password is held where nothing prints it.
 */
export type ResolvedOptions<V> = Omit<Required<ClientOptions<V>>, 'sasl'> & {
  sasl: Readonly<{ username: string }> | undefined;
};

/** The passwords of resolved `sasl` options, by the object that stands for them. */
const saslPasswords = new WeakMap<object, string>();

/** The defaults of every option. */
export const defaultOptions: Readonly<ResolvedOptions<unknown>> = Object.freeze({
  keyPrefix: '',
  codec: pythonCodec(),
  maxValueSize: 1024 * 1024,
  timeout: 500,
  connectTimeout: 1000,
  retryTimeout: 2000,
  failureLimit: 3,
  deadTimeout: 30_000,
  ejectFailedServers: false,
  discoveryInterval: 60_000,
  rememberCas: false,
  callStacks: false,
  hashLongKeys: false,
  faultsAsMisses: false,
  maxConcurrentBatches: 2,
  maxBatchSize: 2048,
  maxConnections: 2,
  idleTimeout: 30_000,
  distribution: 'modula',
  hash: undefined as unknown as HashFunction,
  protocol: undefined as unknown as Protocol,
  sasl: undefined,
  tcpNoDelay: true,
  tcpKeepAlive: false,
});

const DISTRIBUTIONS: Record<Distribution, string> = {
  modula: 'MODULA',
  consistent: 'CONSISTENT',
  ketama: 'CONSISTENT_KETAMA',
  ketama_weighted: 'CONSISTENT_WEIGHTED',
  // Placed by this library over one single-server pool per server.
  'python-memcached': 'MODULA',
  pymemcache: 'MODULA',
};

/** Distributions computed in JavaScript rather than by libmemcached. */
const JS_PLACEMENTS = new Set<Distribution>(['python-memcached', 'pymemcache']);

function fail(message: string): never {
  throw new InvalidArgumentError('ERR_INVALID_OPTION', message);
}

function integerOption(options: Record<string, unknown>, name: string, min: number, max: number): void {
  const value = options[name];
  if (!Number.isSafeInteger(value) || (value as number) < min || (value as number) > max) {
    fail(`Expected the "${name}" option to be an integer from ${min} to ${max}, got ${shown(value)}`);
  }
}

/**
 * The shortest `retryTimeout` and `deadTimeout` taken, in milliseconds. Both
 * were seconds in earlier releases; a value below this one is far more likely an old
 * seconds value than a wish for a few milliseconds, so it is refused.
 */
const MIN_DURATION = 10;

/** A duration in milliseconds: `zero` (0 when allowed, else MIN_DURATION) or MIN_DURATION to a day. */
function durationOption(options: Record<string, unknown>, name: string, zero: number): void {
  const value = options[name];
  if (Number.isSafeInteger(value) && (value as number) > 0 && (value as number) < MIN_DURATION) {
    fail(
      `The "${name}" option is in milliseconds (it was in seconds in earlier releases), and ${String(value)} ms looks like a value in seconds: ` +
        `give ${(value as number) * 1000} for ${String(value)} s, or at least ${MIN_DURATION} ms`,
    );
  }
  integerOption(options, name, zero, 86_400_000);
}

function booleanOption(options: Record<string, unknown>, name: string): void {
  if (typeof options[name] !== 'boolean') fail(`Expected the "${name}" option to be a boolean, got ${shown(options[name])}`);
}

export function resolveOptions<V>(options: ClientOptions<V> = {}): ResolvedOptions<V> {
  if (typeof options !== 'object' || options === null) fail(`Expected options to be an object, got ${shown(options)}`);
  for (const name of Object.keys(options)) {
    if (!Object.hasOwn(defaultOptions, name)) fail(`Unknown option "${name}"`);
  }
  const resolved = { ...defaultOptions, ...stripUndefined(options) } as ResolvedOptions<V>;
  const record = resolved as unknown as Record<string, unknown>;
  if (typeof resolved.keyPrefix !== 'string') fail('Expected the "keyPrefix" option to be a string');
  if (/[\x00-\x20\x7f]/.test(resolved.keyPrefix)) {
    fail('The "keyPrefix" option may not contain spaces or control characters');
  }
  const codec = resolved.codec as Codec<V> | undefined;
  if (typeof codec?.encode !== 'function' || typeof codec?.decode !== 'function') {
    fail('Expected the "codec" option to have encode() and decode() methods');
  }
  integerOption(record, 'maxValueSize', 1, 0x7fffffff);
  integerOption(record, 'timeout', 1, 3_600_000);
  integerOption(record, 'connectTimeout', 1, 3_600_000);
  durationOption(record, 'retryTimeout', 0);
  integerOption(record, 'failureLimit', 1, 1_000_000);
  durationOption(record, 'deadTimeout', MIN_DURATION);
  booleanOption(record, 'ejectFailedServers');
  integerOption(record, 'discoveryInterval', 10, 86_400_000);
  booleanOption(record, 'rememberCas');
  booleanOption(record, 'callStacks');
  booleanOption(record, 'hashLongKeys');
  integerOption(record, 'maxConcurrentBatches', 1, 64);
  integerOption(record, 'maxBatchSize', 1, 1_000_000);
  integerOption(record, 'maxConnections', 1, 64);
  integerOption(record, 'idleTimeout', 10, 86_400_000);
  booleanOption(record, 'faultsAsMisses');
  booleanOption(record, 'tcpNoDelay');
  booleanOption(record, 'tcpKeepAlive');
  if (!Object.hasOwn(DISTRIBUTIONS, resolved.distribution)) {
    fail(`Expected the "distribution" option to be one of ${Object.keys(DISTRIBUTIONS).join(', ')}, got ${shown(resolved.distribution)}`);
  }
  if (resolved.ejectFailedServers && resolved.distribution === 'modula') {
    fail('"ejectFailedServers" would move nearly every key under the "modula" distribution; use "ketama_weighted" (or another consistent distribution)');
  }
  if (JS_PLACEMENTS.has(resolved.distribution) && resolved.hash !== undefined) {
    fail(`The "hash" option does not apply to the "${resolved.distribution}" distribution, which has its own hash`);
  }
  resolved.sasl = resolveSasl(options.sasl);
  resolved.protocol ??= resolved.sasl ? 'binary' : 'ascii';
  if (resolved.protocol !== 'ascii' && resolved.protocol !== 'binary') {
    fail(`Expected the "protocol" option to be 'ascii' or 'binary', got ${shown(resolved.protocol)}`);
  }
  if (resolved.sasl && resolved.protocol !== 'binary') fail('SASL needs the binary protocol: leave "protocol" unset or make it \'binary\'');
  resolved.hash ??= resolved.distribution === 'ketama_weighted' ? 'md5' : 'default';
  if (typeof resolved.hash !== 'string' || !Object.hasOwn(binding.constants.hashes, resolved.hash.toUpperCase())) {
    const names = Object.keys(binding.constants.hashes).map((name) => name.toLowerCase());
    fail(`Expected the "hash" option to be one of ${names.join(', ')}, got ${shown(resolved.hash)}`);
  }
  return resolved;
}

function resolveSasl(sasl: unknown): ResolvedOptions<unknown>['sasl'] {
  if (sasl === undefined) return undefined;
  if (typeof sasl !== 'object' || sasl === null) fail('Expected the "sasl" option to be { username, password }');
  const { username, password } = sasl as Record<string, unknown>;
  // PLAIN separates its fields with NUL.
  // The messages never quote what was given: it may be a password.
  for (const [name, value] of [
    ['username', username],
    ['password', password],
  ] as const) {
    if (typeof value !== 'string' || value === '' || value.includes('\0')) {
      fail(`Expected "sasl.${name}" to be a non-empty string without NUL characters`);
    }
  }
  const resolved = Object.freeze({ username: username as string });
  saslPasswords.set(resolved, password as string);
  return resolved;
}

function stripUndefined<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/** The configuration the native pool is built from. */
export function poolConfig(servers: ServerSpec[], options: ResolvedOptions<unknown>): NativePoolConfig {
  const { behaviors, distributions, hashes } = binding.constants;
  // libmemcached's settings for where keys go; it does nothing else.
  const list: Array<[number, number]> = [];
  if (options.distribution === 'ketama_weighted') {
    // As pylibmc sets it: MD5 for keys and continuum points, weighted continuum.
    list.push([behaviors.KETAMA_WEIGHTED!, 1]);
  } else {
    list.push([behaviors.DISTRIBUTION!, distributions[DISTRIBUTIONS[options.distribution]]!]);
  }
  list.push([behaviors.HASH!, hashes[options.hash.toUpperCase()]!]);
  const sasl = options.sasl && { username: options.sasl.username, password: saslPasswords.get(options.sasl)! };
  return {
    servers,
    behaviors: list,
    connectTimeout: options.connectTimeout,
    timeout: options.timeout,
    retryTimeout: options.retryTimeout,
    binary: options.protocol === 'binary',
    tcpNoDelay: options.tcpNoDelay,
    tcpKeepAlive: options.tcpKeepAlive,
    ...(sasl && { sasl }),
  };
}
