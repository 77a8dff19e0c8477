/**
 * Client options, their defaults, and the native pool's configuration: the
 * placement settings libmemcached hashes keys with, and the engine's timeouts.
 */
import { createPrivateKey, type KeyObject, X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import { checkServerIdentity, type ConnectionOptions, createSecureContext, type PeerCertificate } from 'node:tls';

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

/** A TLS version, as Node's `tls` module names them. */
export type TlsVersion = 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';

/**
 * TLS for every connection, with the names of Node's `tls.connect()`. The
 * server's certificate is verified by default: against the system's trust
 * store (or `ca`), and for the server's host name or IP address (or
 * `servername`). See docs/protocols-and-security.md.
 */
export interface TlsOptions {
  /**
   * The certificate authorities to trust instead of the system's trust store:
   * PEM, one or more certificates per string or Buffer.
   */
  ca?: string | Buffer | Array<string | Buffer>;
  /** The client's certificate chain (PEM, leaf first), for servers that require one. */
  cert?: string | Buffer;
  /** The private key of `cert` (PEM). Kept out of `client.options`, errors and logs. */
  key?: string | Buffer;
  /** Decrypts `key`. Kept out of `client.options`, errors and logs. */
  passphrase?: string;
  /**
   * The name sent in SNI and required in the server's certificate, instead of
   * the host of the server string (an IP address is then checked as one).
   * Required for a unix socket, whose path is no name to check (unless
   * `rejectUnauthorized` is false; no SNI is sent then).
   */
  servername?: string;
  /**
   * Refuse a server whose certificate is not trusted or does not name it.
   * Turning this off lets anyone between the client and the server read and
   * change the traffic.
   * @default true
   */
  rejectUnauthorized?: boolean;
  /** @default 'TLSv1.2' */
  minVersion?: TlsVersion;
  /** @default 'TLSv1.3' */
  maxVersion?: TlsVersion;
  /** OpenSSL's cipher list; names starting with `TLS_` are TLS 1.3 suites. */
  ciphers?: string;
}

/**
 * Resolved `tls` options: `key` and `passphrase`, when given, read
 * `'[redacted]'`; the real ones are held where nothing prints them.
 */
export type ResolvedTlsOptions = Readonly<
  Omit<TlsOptions, 'ca' | 'cert' | 'key' | 'passphrase'> & {
    ca?: readonly string[];
    cert?: string;
    key?: '[redacted]';
    passphrase?: '[redacted]';
    rejectUnauthorized: boolean;
  }
>;

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
   * Connect to every server in TLS: `true` verifies the servers' certificates
   * against the system's trust store; an object sets the trust, a client
   * certificate, versions and ciphers. The key and its passphrase are kept out
   * of `client.options`, error messages and logs.
   * @default false
   */
  tls?: boolean | TlsOptions;
  /**
   * The server is ElastiCache Serverless (memcached): TLS is required (`tls`
   * unset means `true`; `false` is refused), the binary protocol and SASL
   * are refused, and so is `flush()` with a delay. Multi-key reads are sent
   * as get lines of at most 16 KB as it requires (as they always are).
   * {@link Client.discover} is refused: Serverless has no nodes to list. See
   * docs/cluster.md.
   * @default false
   */
  serverless?: boolean;
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
export type ResolvedOptions<V> = Omit<Required<ClientOptions<V>>, 'sasl' | 'tls'> & {
  sasl: Readonly<{ username: string }> | undefined;
  /** undefined without TLS. */
  tls: ResolvedTlsOptions | undefined;
};

/** The passwords of resolved `sasl` options, by the object that stands for them. */
const saslPasswords = new WeakMap<object, string>();
/** The key and passphrase of resolved `tls` options, by the object that stands for them. */
const tlsSecrets = new WeakMap<object, { key?: string; passphrase?: string }>();

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
  tls: undefined,
  serverless: false,
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
  booleanOption(record, 'serverless');
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
  if (resolved.serverless) {
    if (resolved.protocol === 'binary')
      fail('ElastiCache Serverless ("serverless": true) does not speak the binary protocol: leave "protocol" unset or make it \'ascii\'');
    if (resolved.sasl) fail('ElastiCache Serverless ("serverless": true) takes no SASL login, which needs the binary protocol: leave "sasl" unset');
    if (options.tls === false)
      fail('ElastiCache Serverless ("serverless": true) takes TLS connections only: leave "tls" unset, or make it true or TLS options');
  }
  resolved.protocol ??= resolved.sasl ? 'binary' : 'ascii';
  if (resolved.protocol !== 'ascii' && resolved.protocol !== 'binary') {
    fail(`Expected the "protocol" option to be 'ascii' or 'binary', got ${shown(resolved.protocol)}`);
  }
  if (resolved.sasl && resolved.protocol !== 'binary') fail('SASL needs the binary protocol: leave "protocol" unset or make it \'binary\'');
  resolved.tls = resolveTls(resolved.serverless ? (options.tls ?? true) : options.tls);
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

const TLS_VERSIONS: readonly TlsVersion[] = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];
const TLS_OPTIONS = new Set(['ca', 'cert', 'key', 'passphrase', 'servername', 'rejectUnauthorized', 'minVersion', 'maxVersion', 'ciphers']);
const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** A PEM given as a string or Buffer, as text. */
function pemText(value: unknown, name: string): string {
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value.toString('latin1');
  fail(`Expected "tls.${name}" to be a PEM string or Buffer`);
}

/** The certificates of a PEM text, each checked by parsing it; at least one. */
function pemCertificates(text: string, name: string): X509Certificate[] {
  const blocks = text.match(PEM_CERTIFICATE) ?? [];
  if (blocks.length === 0) fail(`Expected "tls.${name}" to hold a PEM certificate (-----BEGIN CERTIFICATE-----)`);
  return blocks.map((block) => {
    try {
      return new X509Certificate(block);
    } catch (error) {
      fail(`"tls.${name}" holds a certificate that cannot be read: ${(error as Error).message}`);
    }
  });
}

function resolveTls(tls: unknown): ResolvedTlsOptions | undefined {
  if (tls === undefined || tls === false) return undefined;
  if (tls === true) return Object.freeze({ rejectUnauthorized: true });
  if (typeof tls !== 'object' || tls === null || Array.isArray(tls)) fail('Expected the "tls" option to be true, false or an object of TLS options');
  const given = stripUndefined(tls as Record<string, unknown>);
  for (const name of Object.keys(given)) {
    if (!TLS_OPTIONS.has(name)) fail(`Unknown TLS option "tls.${name}"; known: ${[...TLS_OPTIONS].join(', ')}`);
  }
  const resolved: { -readonly [K in keyof ResolvedTlsOptions]: ResolvedTlsOptions[K] } = { rejectUnauthorized: true };
  const secrets: { key?: string; passphrase?: string } = {};
  if (given.ca !== undefined) {
    const list = Array.isArray(given.ca) ? (given.ca as unknown[]) : [given.ca];
    if (list.length === 0) fail('Expected "tls.ca" to hold at least one PEM certificate');
    resolved.ca = Object.freeze(
      list.map((entry) => {
        const text = pemText(entry, 'ca');
        pemCertificates(text, 'ca');
        return text;
      }),
    );
  }
  if ((given.cert === undefined) !== (given.key === undefined)) fail('"tls.cert" and "tls.key" go together: give both or neither');
  if (given.passphrase !== undefined && (typeof given.passphrase !== 'string' || given.passphrase === '')) {
    fail('Expected "tls.passphrase" to be a non-empty string');
  }
  if (given.passphrase !== undefined && given.key === undefined) fail('"tls.passphrase" decrypts "tls.key", which is not given');
  if (given.cert !== undefined) {
    const cert = pemText(given.cert, 'cert');
    const leaf = pemCertificates(cert, 'cert')[0]!;
    const keyText = pemText(given.key, 'key');
    let key: KeyObject;
    try {
      key = createPrivateKey({ key: keyText, format: 'pem', ...(given.passphrase !== undefined && { passphrase: given.passphrase }) });
    } catch {
      // Never OpenSSL's words here: nothing of the key or passphrase may show.
      fail(
        given.passphrase === undefined
          ? 'Expected "tls.key" to be a PEM private key (an encrypted one needs "tls.passphrase")'
          : 'Expected "tls.key" to be a PEM private key that "tls.passphrase" decrypts',
      );
    }
    if (!leaf.checkPrivateKey(key)) fail('"tls.key" is not the private key of the first certificate of "tls.cert"');
    resolved.cert = cert;
    resolved.key = '[redacted]';
    secrets.key = keyText;
    if (given.passphrase !== undefined) {
      resolved.passphrase = '[redacted]';
      secrets.passphrase = given.passphrase;
    }
  }
  if (given.servername !== undefined) {
    if (typeof given.servername !== 'string' || !/^[^\x00-\x20\x7f]+$/.test(given.servername)) {
      fail('Expected "tls.servername" to be a host name or IP address');
    }
    resolved.servername = given.servername;
  }
  if (given.rejectUnauthorized !== undefined) {
    if (typeof given.rejectUnauthorized !== 'boolean') fail('Expected "tls.rejectUnauthorized" to be a boolean');
    resolved.rejectUnauthorized = given.rejectUnauthorized;
  }
  for (const name of ['minVersion', 'maxVersion'] as const) {
    const version = given[name];
    if (version === undefined) continue;
    if (!TLS_VERSIONS.includes(version as TlsVersion)) fail(`Expected "tls.${name}" to be one of ${TLS_VERSIONS.join(', ')}, got ${String(version)}`);
    resolved[name] = version as TlsVersion;
  }
  if (resolved.minVersion && resolved.maxVersion && TLS_VERSIONS.indexOf(resolved.minVersion) > TLS_VERSIONS.indexOf(resolved.maxVersion)) {
    fail(`"tls.minVersion" (${resolved.minVersion}) is above "tls.maxVersion" (${resolved.maxVersion})`);
  }
  if (given.ciphers !== undefined) {
    if (typeof given.ciphers !== 'string' || given.ciphers === '') fail('Expected "tls.ciphers" to be a non-empty OpenSSL cipher list');
    try {
      // The same OpenSSL as the connections', asked now rather than at the first connect.
      createSecureContext({ ciphers: given.ciphers });
    } catch (error) {
      fail(`"tls.ciphers" names no cipher OpenSSL knows (${(error as Error).message}): ${given.ciphers}`);
    }
    resolved.ciphers = given.ciphers;
  }
  const frozen = Object.freeze(resolved);
  tlsSecrets.set(frozen, secrets);
  return frozen;
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
    ...(options.tls && { tls: nativeTls(options.tls) }),
  };
}

/**
 * Resolved `tls` options as Node's `tls.connect()` takes them, for the
 * configuration endpoint Client.discover asks (the secrets included).
 */
export function nodeTlsOptions(tls: ResolvedTlsOptions): ConnectionOptions {
  const secrets = tlsSecrets.get(tls) ?? {};
  const { servername } = tls;
  return {
    ...(tls.ca && { ca: [...tls.ca] }),
    ...(tls.cert !== undefined && { cert: tls.cert }),
    ...(secrets.key !== undefined && { key: secrets.key }),
    ...(secrets.passphrase !== undefined && { passphrase: secrets.passphrase }),
    // Without it, Node sends the host as SNI (never an IP address) and checks the certificate for it.
    ...(servername !== undefined && !isIP(servername) && { servername }),
    // An IP address is checked as one, and not sent as SNI.
    ...(servername !== undefined &&
      isIP(servername) && { checkServerIdentity: (_host: string, cert: PeerCertificate) => checkServerIdentity(servername, cert) }),
    rejectUnauthorized: tls.rejectUnauthorized,
    ...(tls.minVersion !== undefined && { minVersion: tls.minVersion }),
    ...(tls.maxVersion !== undefined && { maxVersion: tls.maxVersion }),
    ...(tls.ciphers !== undefined && { ciphers: tls.ciphers }),
  };
}

function nativeTls(tls: ResolvedTlsOptions): NonNullable<NativePoolConfig['tls']> {
  const secrets = tlsSecrets.get(tls) ?? {};
  return {
    ...(tls.ca && { ca: [...tls.ca] }),
    ...(tls.cert !== undefined && { cert: tls.cert }),
    ...(secrets.key !== undefined && { key: secrets.key }),
    ...(secrets.passphrase !== undefined && { passphrase: secrets.passphrase }),
    ...(tls.servername !== undefined && { servername: tls.servername }),
    rejectUnauthorized: tls.rejectUnauthorized,
    ...(tls.minVersion !== undefined && { minVersion: tls.minVersion }),
    ...(tls.maxVersion !== undefined && { maxVersion: tls.maxVersion }),
    ...(tls.ciphers !== undefined && { ciphers: tls.ciphers }),
  };
}
