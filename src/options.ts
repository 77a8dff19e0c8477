/** Client options, their defaults, and their translation into libmemcached behaviors. */
import { type Codec, textCodec } from './codec.js';
import { InvalidArgumentError } from './errors.js';
import { binding, type NativePoolConfig } from './native.js';
import type { ServerSpec } from './servers.js';

export interface ClientOptions<V = unknown> {
  /**
   * Prepended to every key before it is validated, hashed and sent (a namespace).
   * @default ''
   */
  keyPrefix?: string;
  /**
   * Turns values into bytes and flags and back.
   * @default textCodec (strings with flag 16, Buffers with flag 0)
   */
  codec?: Codec<V>;
  /**
   * Largest encoded value accepted, in bytes; larger ones are rejected before any I/O.
   * @default 1048576 (1 MiB, memcached's default item size limit)
   */
  maxValueSize?: number;
  /**
   * Milliseconds to wait for a server's answer (libmemcached POLL_TIMEOUT).
   * @default 500
   */
  timeout?: number;
  /**
   * Milliseconds to wait for a TCP connection (libmemcached CONNECT_TIMEOUT).
   * @default 1000
   */
  connectTimeout?: number;
  /**
   * Seconds a server that failed is skipped before it is tried again (libmemcached RETRY_TIMEOUT).
   * @default 2
   */
  retryTimeout?: number;
  /**
   * Reads (get, gets, getMany, getsMany) resolve as misses instead of rejecting on
   * faults such as timeouts or dead servers; each swallowed fault is emitted as a
   * `'fault'` event.
   * @default false
   */
  faultsAsMisses?: boolean;
  /**
   * Batches run at the same time on the libuv thread pool (and pooled connections
   * per server). Kept below the pool's 4 threads so fs, dns and crypto work goes on.
   * @default 2
   */
  maxConcurrentBatches?: number;
  /**
   * Most operations in one native batch.
   * @default 2048
   */
  maxBatchSize?: number;
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

/** Options with every default applied. */
export type ResolvedOptions<V> = Required<ClientOptions<V>>;

/** The defaults of every option. */
export const defaultOptions: Readonly<ResolvedOptions<unknown>> = Object.freeze({
  keyPrefix: '',
  codec: textCodec as Codec<unknown>,
  maxValueSize: 1024 * 1024,
  timeout: 500,
  connectTimeout: 1000,
  retryTimeout: 2,
  faultsAsMisses: false,
  maxConcurrentBatches: 2,
  maxBatchSize: 2048,
  tcpNoDelay: true,
  tcpKeepAlive: false,
});

function fail(message: string): never {
  throw new InvalidArgumentError('ERR_INVALID_OPTION', message);
}

function integerOption(options: Record<string, unknown>, name: string, min: number, max: number): void {
  const value = options[name];
  if (!Number.isSafeInteger(value) || (value as number) < min || (value as number) > max) {
    fail(`Expected the "${name}" option to be an integer from ${min} to ${max}, got ${String(value)}`);
  }
}

function booleanOption(options: Record<string, unknown>, name: string): void {
  if (typeof options[name] !== 'boolean') fail(`Expected the "${name}" option to be a boolean`);
}

export function resolveOptions<V>(options: ClientOptions<V> = {}): ResolvedOptions<V> {
  if (typeof options !== 'object' || options === null) fail('Expected options to be an object');
  for (const name of Object.keys(options)) {
    if (!(name in defaultOptions)) fail(`Unknown option "${name}"`);
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
  integerOption(record, 'retryTimeout', 0, 86_400);
  integerOption(record, 'maxConcurrentBatches', 1, 64);
  integerOption(record, 'maxBatchSize', 1, 1_000_000);
  booleanOption(record, 'faultsAsMisses');
  booleanOption(record, 'tcpNoDelay');
  booleanOption(record, 'tcpKeepAlive');
  return resolved;
}

function stripUndefined<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/** The configuration the native pool is built from. */
export function poolConfig(servers: ServerSpec[], options: ResolvedOptions<unknown>): NativePoolConfig {
  const { behaviors } = binding.constants;
  const list: Array<[number, number]> = [
    [behaviors.NO_BLOCK!, 1],
    [behaviors.TCP_NODELAY!, options.tcpNoDelay ? 1 : 0],
    [behaviors.TCP_KEEPALIVE!, options.tcpKeepAlive ? 1 : 0],
    [behaviors.CONNECT_TIMEOUT!, options.connectTimeout],
    [behaviors.POLL_TIMEOUT!, options.timeout],
    [behaviors.RETRY_TIMEOUT!, options.retryTimeout],
    // Every read is a `gets`: the CAS token costs the server nothing and lets
    // gets() and get() share one multi-get.
    [behaviors.SUPPORT_CAS!, 1],
  ];
  return { servers, poolSize: options.maxConcurrentBatches, behaviors: list };
}
