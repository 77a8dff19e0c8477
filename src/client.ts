/** The public client: a Promise API over the native batch engine. */
import { EventEmitter } from 'node:events';

import {
  CALL_OPTIONS,
  checkBoolean,
  checkCas,
  checkExpiresAt,
  checkTtl,
  COUNTER_OPTIONS,
  listEntries,
  listKeys,
  NO_REPLY_OPTIONS,
  type OptionsRead,
  readOptions,
  shown,
  STORE_OPTIONS,
} from './arguments.js';
import { type CallControl, checkCallOptions, unwatchAbort, watchAbort } from './call-control.js';
import { inTurns, ITEMS_PER_TURN } from './in-turns.js';
import { IssueOrder } from './issue-order.js';
import { Members } from './members.js';
import { type Counters, newCounters } from './engine/batcher.js';
import { BatchSlots } from './engine/slots.js';
import type { Codec } from './codec.js';
import { Collector } from './engine/collector.js';
import { AbortError, BatchError, ClientClosedError, errorOfCall, faultError, InvalidArgumentError, MemcachedError, TimeoutError } from './errors.js';
import { fetchClusterConfig } from './cluster/discovery.js';
import { KeyEncoder, type Key } from './keys.js';
import { type AdminRow, type NativeClient } from './engine/native.js';
import { Deferred, Operation, type Sink } from './engine/operation.js';
import { type ClientOptions, type ResolvedOptions, resolveOptions } from './options.js';
import { Opcode } from './engine/opcodes-statuses.js';
import {
  checkTlsNames,
  parseServer,
  parseServerList,
  resolveServerList,
  type ServerSpec,
  serverName,
  withUrlCredentials,
  withUrlTls,
} from './cluster/servers.js';
import { ClusterController } from './cluster/controller.js';
import { OperationBuilder, type StoreCommand } from './operation-builder.js';
import { CasMemory } from './cas-memory.js';
import { CacheMap } from './adapters/cache-map.js';

/**
 * What the default codec (pythonCodec) stores and reads: strings, Buffers,
 * numbers, bigints, booleans, null, arrays, plain objects, Maps, Sets and the
 * Python date/time and Decimal classes.
 */
export type Value = unknown;

/** What every command accepts as its last argument, alone or among its other options. */
export interface CallOptions {
  /**
   * Milliseconds this call waits for its answer, instead of the client's
   * `timeout`: shorter or longer. When it passes, the call rejects with a
   * {@link TimeoutError}; the answer is still read when it comes, and
   * discarded.
   */
  timeout?: number;
  /**
   * Aborts the call: it rejects at once with an {@link AbortError} whose
   * `cause` is the signal's `reason` (before any I/O if the signal has
   * aborted already). What was sent stays sent; the answer is read and
   * discarded.
   */
  signal?: AbortSignal;
}

export interface StoreOptions extends CallOptions {
  /**
   * Seconds until the item expires; 0 (the default) never expires. Always
   * relative: beyond 30 days it is sent as the Unix time that many seconds
   * from now (memcached would read the number itself as a Unix time).
   */
  ttl?: number;
  /** When the item expires: a Date, or Unix seconds. A time already past stores an item that is expired at once. Not with `ttl`. */
  expiresAt?: Date | number;
  /** Flags to store instead of the ones the codec chose. */
  flags?: number;
  /** Send without asking the server to answer; the call resolves `true` once written. */
  noreply?: boolean;
}

export interface CounterOptions extends CallOptions {
  /** Create a missing counter with this value (the delta is not applied to it). */
  initial?: number | bigint;
  /** Expiry of a counter created from `initial`, as {@link StoreOptions.ttl}. */
  ttl?: number;
  /** Expiry of a counter created from `initial`, as {@link StoreOptions.expiresAt}. */
  expiresAt?: Date | number;
  /** Send without asking the server to answer; the call resolves `undefined`. */
  noreply?: boolean;
}

export interface NoReplyOptions extends CallOptions {
  /** Send without asking the server to answer; the call resolves `true` once written. */
  noreply?: boolean;
}

/** Options of {@link Client.close}. */
export interface CloseOptions {
  /**
   * Settle every pending call at once with a {@link ClientClosedError}
   * instead of waiting for its answer, then close the connections.
   */
  force?: boolean;
}

/** What {@link Client.ping} resolves: each server's round trip. */
export interface PingResult {
  /** Milliseconds from sending the ping to this server's answer. */
  latencyMs: number;
}

export interface GetsResult<V> {
  value: V;
  /** The item's CAS token, for {@link Client.cas}. */
  cas: bigint;
  flags: number;
}

export interface ClientEvents {
  /** A fault that `faultsAsMisses` turned into a miss. */
  fault: [error: MemcachedError];
  /** A server failed `failureLimit` tries in a row and is now dead: no traffic until a probe answers. */
  'server:down': [event: { server: string; error: MemcachedError; failures: number }];
  /** A dead server answered a probe and takes traffic again. */
  'server:up': [event: { server: string; downMs: number }];
  /** The servers keys are placed on changed. */
  topology: [event: { servers: string[]; reason: 'added' | 'removed' | 'ejected' | 'readmitted' | 'discovered' }];
  /** Asking the configuration endpoint failed (see {@link Client.discover}); the servers stay as they were. */
  'discovery:error': [error: MemcachedError];
}

/** A snapshot of a client's counters. */
export interface ClientCounters extends Counters {
  /** Operations issued and not yet settled. */
  inFlight: number;
  /** Sockets open to the servers now, across pools (at most `maxConnections` per server and pool). */
  connections: number;
}

/**
 * The servers Client.discover found, with their TLS names, handed to the
 * constructor it calls (synchronously) in place of the server strings.
 */
let discoveredServers: ServerSpec[] | undefined;

export class Client<V = Value> extends EventEmitter<ClientEvents> {
  /** The options in force, defaults applied. */
  readonly options: Readonly<ResolvedOptions<V>>;

  private readonly keys: KeyEncoder;
  private readonly codec: Codec<V>;
  /** Checks and encodes each call's arguments into its operations. */
  private readonly build: OperationBuilder<V>;
  /** The servers, their health and the topology operations are placed by. */
  private readonly cluster: ClusterController;
  private readonly order: IssueOrder;
  private readonly tally = newCounters();
  /**
   * The calls in no batcher's queue, each with what settles it by force:
   * server-wide commands, and multi-key calls still being built (see
   * issueInTurns). close() waits for them.
   */
  private readonly unqueuedCalls = new Members<{ work: Promise<unknown>; abort: (error: MemcachedError) => void }>();
  private closing: Promise<void> | undefined;
  /** With `rememberCas`: the last CAS token read for each key. */
  private readonly casMemory: CasMemory;

  /**
   * A client for an ElastiCache (memcached) cluster, found through its
   * configuration endpoint (`name.cfg.region.cache.amazonaws.com:11211`), which
   * is asked again every `discoveryInterval` ms: nodes added or removed there
   * are added to or removed from the client. A failed ask emits
   * `'discovery:error'` and leaves the servers as they were. With `tls`, the
   * endpoint is asked over TLS, and each node is reached at its IP address
   * with its certificate checked for its host name; a `memcaches://`
   * endpoint asks for TLS as the constructor's connection strings do. With
   * `serverless: true` it rejects with `InvalidArgumentError`: ElastiCache
   * Serverless has no nodes to discover.
   */
  static async discover<V = Value>(configEndpoint: string, options?: ClientOptions<V>): Promise<Client<V>> {
    // `host:port`, or a memcache:// or memcaches:// connection string naming one endpoint.
    if (typeof configEndpoint !== 'string') parseServer(configEndpoint);
    const given = parseServerList(configEndpoint);
    if (given.servers.length !== 1) {
      throw new InvalidArgumentError('ERR_INVALID_OPTION', `Client.discover takes one configuration endpoint, got ${given.servers.length}`);
    }
    const endpoint = given.servers[0]!;
    options = withUrlTls(withUrlCredentials(options, given.credentials), given.tls);
    const resolved = resolveOptions(options);
    if (resolved.serverless) {
      // A Serverless cache is one endpoint that serves every key: it has no
      // nodes to list, and does not answer `config get cluster`.
      throw new InvalidArgumentError(
        'ERR_INVALID_OPTION',
        'ElastiCache Serverless ("serverless": true) has no nodes to discover: pass its endpoint to new Client(endpoint, { serverless: true })',
      );
    }
    const waitMs = resolved.connectTimeout + resolved.timeout;
    const config = await fetchClusterConfig(endpoint, waitMs, resolved.tls);
    discoveredServers = config.servers;
    try {
      const client = new Client<V>(config.servers.map(serverName), options);
      client.cluster.followConfigEndpoint(endpoint, config.version, waitMs);
      return client;
    } finally {
      discoveredServers = undefined;
    }
  }

  /**
   * @param servers `'host:port'`, `'host:port/weight'`, `'[v6]:port'`, a unix
   * socket's absolute path, a `memcache://[user:password@]host[:port]`
   * connection string, a comma-separated list of them, or an array; when
   * undefined, the `MEMCACHED_SERVERS` environment variable.
   */
  constructor(servers?: string | readonly string[], options?: ClientOptions<V>) {
    super();
    const list = discoveredServers === undefined ? resolveServerList(servers) : { servers: discoveredServers, credentials: undefined, tls: false };
    this.options = Object.freeze(resolveOptions(withUrlTls(withUrlCredentials(options, list.credentials), list.tls)));
    checkTlsNames(list.servers, this.options.tls);
    this.keys = new KeyEncoder(this.options.keyPrefix, this.options.hashLongKeys);
    this.codec = this.options.codec;
    this.casMemory = new CasMemory(this.keys);
    this.cluster = new ClusterController(
      list.servers,
      this.options,
      {
        slots: new BatchSlots(this.options.maxConcurrentBatches),
        maxBatchSize: this.options.maxBatchSize,
        timeout: this.options.timeout,
        maxConnections: this.options.maxConnections,
        idleTimeout: this.options.idleTimeout,
        codec: this.codec,
        counters: this.tally,
        onSwallowedFault: (error: MemcachedError) => this.emit('fault', error),
      },
      this,
    );
    this.build = new OperationBuilder(this.keys, this.codec, this.options, this.cluster);
    this.order = new IssueOrder(this.cluster);
  }

  /** The servers, as `host:port`, in the order given (dead ones included). */
  get servers(): readonly string[] {
    return this.cluster.servers;
  }

  /** The servers keys are placed on now: all of them unless `ejectFailedServers` took dead ones out. */
  get placedServers(): readonly string[] {
    return this.cluster.placedServers;
  }

  /** The servers declared dead (see `failureLimit`). */
  get deadServers(): readonly string[] {
    return this.cluster.deadServers;
  }

  /** True once {@link close} has been called. */
  get closed(): boolean {
    return this.closing !== undefined;
  }

  /** Operations issued and not yet settled. */
  get pending(): number {
    return this.cluster.pending;
  }

  /** Hits, misses, faults, batches and operations so far, and operations in flight. */
  get counters(): ClientCounters {
    return { ...this.tally, inFlight: this.pending, connections: this.closing === undefined ? this.cluster.connections : 0 };
  }

  // ---- reads -------------------------------------------------------------------

  /**
   * The value stored under `key`, or `undefined` on a miss. `T` names the
   * type of this key's value (the codec is not asked to check it).
   */
  get<T = V>(key: Key, options?: CallOptions): Promise<T | undefined> {
    return this.single('get', key, CALL_OPTIONS, options, (sink) => this.build.read(Opcode.GET, key, sink, 0));
  }

  /** The value with its CAS token and flags, or `undefined` on a miss. */
  gets<T = V>(key: Key, options?: CallOptions): Promise<GetsResult<T> | undefined> {
    const read = this.single<GetsResult<T> | undefined, typeof CALL_OPTIONS>('gets', key, CALL_OPTIONS, options, (sink) =>
      this.build.read(Opcode.GETS, key, sink, 0),
    );
    if (!this.options.rememberCas) return read;
    return read.then((result) => {
      if (result !== undefined) this.casMemory.remember(key, result.cas);
      return result;
    });
  }

  /**
   * The hits among `keys` (an iterable of keys, not a string or a Buffer),
   * keyed as given; misses are absent. One multi-get per server.
   */
  getMany<T = V>(keys: Iterable<Key>, options?: CallOptions): Promise<Map<Key, T>> {
    return this.multi('getMany', false, CALL_OPTIONS, options, () => ({
      keys: listKeys(keys, 'getMany'),
      build: (key, sink, slot) => this.build.read(Opcode.GET, key, sink, slot),
    }));
  }

  /** Like {@link getMany}, with CAS tokens and flags. */
  getsMany<T = V>(keys: Iterable<Key>, options?: CallOptions): Promise<Map<Key, GetsResult<T>>> {
    const read = this.multi<GetsResult<T>, typeof CALL_OPTIONS>('getsMany', false, CALL_OPTIONS, options, () => ({
      keys: listKeys(keys, 'getsMany'),
      build: (key, sink, slot) => this.build.read(Opcode.GETS, key, sink, slot),
    }));
    if (!this.options.rememberCas) return read;
    return read.then((results) => {
      for (const [key, result] of results) this.casMemory.remember(key, result.cas);
      return results;
    });
  }

  // ---- writes ------------------------------------------------------------------

  /** Stores `value`. Resolves `true` when stored. */
  set(key: Key, value: V, options?: StoreOptions): Promise<boolean> {
    return this.store('set', key, value, STORE_OPTIONS, options);
  }

  /** Stores `value` only if `key` is absent. Resolves `false` when it exists. */
  add(key: Key, value: V, options?: StoreOptions): Promise<boolean> {
    return this.store('add', key, value, STORE_OPTIONS, options);
  }

  /** Stores `value` only if `key` exists. Resolves `false` when it is absent. */
  replace(key: Key, value: V, options?: StoreOptions): Promise<boolean> {
    return this.store('replace', key, value, STORE_OPTIONS, options);
  }

  /** Appends bytes to an existing item (its flags and ttl are kept). `false` when absent. */
  append(key: Key, value: V, options?: NoReplyOptions): Promise<boolean> {
    return this.store('append', key, value, NO_REPLY_OPTIONS, options);
  }

  /** Prepends bytes to an existing item (its flags and ttl are kept). `false` when absent. */
  prepend(key: Key, value: V, options?: NoReplyOptions): Promise<boolean> {
    return this.store('prepend', key, value, NO_REPLY_OPTIONS, options);
  }

  /**
   * Stores `value` only if the item is unchanged since {@link gets} returned `cas`.
   * Resolves `false` when the token is stale or the key is gone.
   */
  cas(key: Key, value: V, cas?: bigint | number, options?: StoreOptions): Promise<boolean> {
    return this.single('cas', key, STORE_OPTIONS, options, (sink, read) => {
      const settings = this.build.storeSettings(read);
      if (cas !== undefined) return this.build.store('cas', key, value, settings, sink, 0, checkCas(cas));
      if (!this.options.rememberCas) {
        throw new InvalidArgumentError('ERR_INVALID_CAS', 'cas() needs the token gets() returned, or the rememberCas option');
      }
      const remembered = this.casMemory.tokenFor(key);
      // As python-memcached's cache_cas: nothing read, nothing to compare with.
      return remembered === undefined
        ? this.build.store('set', key, value, settings, sink, 0)
        : this.build.store('cas', key, value, settings, sink, 0, remembered);
    });
  }

  /** Drops the CAS token remembered for `key`, or every one (see `rememberCas`). */
  forgetCas(key?: Key): void {
    this.casMemory.forget(key);
  }

  /** A Map-like view of this client whose faults read as misses: see {@link CacheMap}. */
  asMap(): CacheMap<V> {
    return new CacheMap<V>(this, (error) => this.emit('fault', error));
  }

  /**
   * Stores every entry: an iterable of `[key, value]` pairs (a Map, an array
   * of pairs) or a plain object of string keys. Resolves each key's outcome;
   * rejects with a {@link BatchError} if any faulted.
   */
  setMany(entries: Iterable<readonly [Key, V]> | Record<string, V>, options?: StoreOptions): Promise<Map<Key, boolean>> {
    return this.multi('setMany', true, STORE_OPTIONS, options, (read) => {
      const settings = this.build.storeSettings(read);
      const { keys, values } = listEntries<V>(entries);
      return { keys, build: (key, sink, slot) => this.build.store('set', key, values[slot]!, settings, sink, slot) };
    });
  }

  /** Deletes `key`. Resolves `false` when it did not exist. */
  delete(key: Key, options?: NoReplyOptions): Promise<boolean> {
    return this.single('delete', key, NO_REPLY_OPTIONS, options, (sink, read) =>
      this.build.keyOnly(Opcode.DELETE, key, 0, this.build.noReplyModifiers(read), sink, 0),
    );
  }

  /** Deletes every key (an iterable of keys, not a string or a Buffer). Resolves each key's outcome; rejects with a {@link BatchError} if any faulted. */
  deleteMany(keys: Iterable<Key>, options?: NoReplyOptions): Promise<Map<Key, boolean>> {
    return this.multi('deleteMany', true, NO_REPLY_OPTIONS, options, (read) => {
      const modifiers = this.build.noReplyModifiers(read);
      return { keys: listKeys(keys, 'deleteMany'), build: (key, sink, slot) => this.build.keyOnly(Opcode.DELETE, key, 0, modifiers, sink, slot) };
    });
  }

  /**
   * Sets a new expiry on `key`: `ttl` seconds from now as in
   * {@link StoreOptions.ttl}, or a Date as in {@link StoreOptions.expiresAt}.
   * Resolves `false` when it does not exist.
   */
  touch(key: Key, ttl: number | Date, options?: NoReplyOptions): Promise<boolean> {
    return this.single('touch', key, NO_REPLY_OPTIONS, options, (sink, read) =>
      this.build.keyOnly(Opcode.TOUCH, key, ttl instanceof Date ? checkExpiresAt(ttl) : checkTtl(ttl), this.build.noReplyModifiers(read), sink, 0),
    );
  }

  /**
   * Adds `delta` to a 64-bit counter and resolves its new value: a number while
   * exact, a bigint above 2^53 - 1. `undefined` when missing and no `initial`
   * is given, and always with `noreply`.
   */
  incr(key: Key, delta: number | bigint | undefined, options: CounterOptions & { initial: number | bigint }): Promise<number | bigint>;
  incr(key: Key, delta: number | bigint | undefined, options: CounterOptions & { noreply: true }): Promise<undefined>;
  incr(key: Key, delta?: number | bigint, options?: CounterOptions): Promise<number | bigint | undefined>;
  incr(key: Key, delta: number | bigint = 1, options?: CounterOptions): Promise<number | bigint | undefined> {
    return this.single('incr', key, COUNTER_OPTIONS, options, (sink, read) => this.build.counter(Opcode.INCR, key, delta, read, sink));
  }

  /** Subtracts `delta`; memcached stops at 0. Otherwise as {@link incr}. */
  decr(key: Key, delta: number | bigint | undefined, options: CounterOptions & { initial: number | bigint }): Promise<number | bigint>;
  decr(key: Key, delta: number | bigint | undefined, options: CounterOptions & { noreply: true }): Promise<undefined>;
  decr(key: Key, delta?: number | bigint, options?: CounterOptions): Promise<number | bigint | undefined>;
  decr(key: Key, delta: number | bigint = 1, options?: CounterOptions): Promise<number | bigint | undefined> {
    return this.single('decr', key, COUNTER_OPTIONS, options, (sink, read) => this.build.counter(Opcode.DECR, key, delta, read, sink));
  }

  // ---- servers -------------------------------------------------------------------

  /** The server (`host:port`) that `key` is stored on under the configured distribution. No I/O. */
  serverFor(key: Key): string {
    this.ensureOpen();
    const wire = this.keys.encode(key);
    return this.cluster.serverFor(wire, key);
  }

  /** Invalidates every item on every server, now or after `delay` seconds. */
  async flush(delay = 0, options?: CallOptions): Promise<void> {
    if (!Number.isInteger(delay) || delay < 0 || delay > 0xffffffff) {
      throw new InvalidArgumentError('ERR_INVALID_ARGUMENT', `Expected delay to be a whole number of seconds, got ${shown(delay)}`);
    }
    if (delay > 0 && this.options.serverless) {
      throw new InvalidArgumentError('ERR_INVALID_ARGUMENT', 'ElastiCache Serverless ("serverless": true) has no delayed flush: flush() now, with no delay');
    }
    await this.admin(
      'flush',
      (native, callback) => native.flush(delay, callback),
      () => true,
      options,
    );
  }

  /** Each server's statistics (`stats`, or `stats <group>` such as `'slabs'`), keyed by `host:port`. */
  stats(group?: string, options?: CallOptions): Promise<Record<string, Record<string, string>>> {
    if (group !== undefined && (typeof group !== 'string' || !/^[a-z_]+( [a-z0-9_]+)*$/i.test(group))) {
      return Promise.reject(new InvalidArgumentError('ERR_INVALID_ARGUMENT', `Expected a stats group such as "slabs", got ${shown(group)}`));
    }
    return this.admin(
      'stats',
      (native, callback) => native.stats(group, callback),
      (entries) => entries,
      options,
    );
  }

  /** Each server's version, keyed by `host:port`. */
  version(options?: CallOptions): Promise<Record<string, string>> {
    return this.admin(
      'version',
      (native, callback) => native.version(callback),
      (entries) => entries.version!,
      options,
    );
  }

  /**
   * Asks every server for its version, all at once, on the connections the
   * commands use: resolves each server's round trip, keyed by `host:port`, once
   * every server answered, or rejects with a {@link BatchError} whose `errors`
   * name each server that did not (and whose `results` hold the others).
   */
  ping(options?: CallOptions): Promise<Record<string, PingResult>> {
    return this.admin(
      'ping',
      (native, callback) => native.version(callback),
      (_entries, answeredMs) => ({ latencyMs: answeredMs }),
      options,
    );
  }

  /**
   * Stops accepting calls, lets every operation already issued settle, then
   * closes the connections. Safe to call more than once.
   *
   * With `force`, every pending call rejects at once with a
   * {@link ClientClosedError} instead (a frozen server is not waited for),
   * and the connections close at once: a batch still waiting, on a libuv
   * thread or on the event loop, is interrupted (and gives its thread back);
   * its answers are discarded. Also after a close() without force that still
   * waits.
   */
  close(options?: CloseOptions): Promise<void> {
    let force: boolean;
    try {
      force = checkBoolean(readOptions(options, ['force'], 'close').force, 'force');
    } catch (error) {
      return Promise.reject(error);
    }
    if (force) {
      this.cluster.stop();
      const error = new ClientClosedError('The client was closed with force before the call settled');
      this.cluster.abortAll(error);
      for (const { abort } of this.unqueuedCalls.members()) abort(error);
      this.order.abortAll(error);
      this.cluster.close();
      this.closing ??= Promise.resolve();
      return Promise.resolve();
    }
    this.closing ??= (async () => {
      this.cluster.stop();
      // First the calls being built: they queue their operations when done.
      await Promise.allSettled(this.unqueuedCalls.members().map(({ work }) => work));
      await this.cluster.whenIdle();
      this.cluster.close();
    })();
    return this.closing;
  }

  /** The same as `close({ force: true })`. */
  destroy(): Promise<void> {
    return this.close({ force: true });
  }

  // ---- servers and topology -------------------------------------------------------

  /**
   * Adds a server (`'host:port'` or `'host:port/weight'`). Operations already
   * issued finish where they were sent; new ones use the new placement.
   */
  addServer(server: string): void {
    this.ensureOpen();
    this.cluster.addServer(server);
  }

  /**
   * Removes a server. Operations already issued to it finish there; new ones
   * go to the remaining servers.
   */
  removeServer(server: string): void {
    this.ensureOpen();
    this.cluster.removeServer(server);
  }

  // ---- issuing operations ---------------------------------------------------------

  private ensureOpen(): void {
    if (this.closing !== undefined) throw new ClientClosedError();
  }

  /**
   * Reads the call's options once, then builds its operation around a fresh
   * promise; any check it fails becomes a rejection naming the call.
   * `command` and `key` go in its errors.
   */
  private single<T, Names extends readonly string[]>(
    command: string,
    key: Key,
    allowed: Names,
    options: unknown,
    build: (sink: Sink, read: OptionsRead<Names>) => Operation,
  ): Promise<T> {
    try {
      this.ensureOpen();
      // eslint-disable-next-line @typescript-eslint/unbound-method -- only marks where the caller's frames start
      const deferred = new Deferred<T>(command, key, this.callSite(this.single));
      const read = readOptions(options, allowed, command);
      const control = checkCallOptions(read);
      this.issue(deferred, [build(deferred, read)], [key], control);
      return deferred.promise;
    } catch (error) {
      return Promise.reject(error instanceof MemcachedError ? errorOfCall(error, command, key) : error);
    }
  }

  /** set, add, replace, append or prepend of one key. */
  private store(
    command: Exclude<StoreCommand, 'cas'>,
    key: Key,
    value: V,
    allowed: typeof STORE_OPTIONS | typeof NO_REPLY_OPTIONS,
    options: unknown,
  ): Promise<boolean> {
    return this.single(command, key, allowed, options, (sink, read) => this.build.store(command, key, value, this.build.storeSettings(read), sink, 0));
  }

  /**
   * Reads the call's options once; `prepare` checks them and lists the keys.
   * Every key's operation is built (and so checked) before any is queued:
   * one bad input rejects the call before any I/O. A call of more than
   * ITEMS_PER_TURN keys is built over several turns of the event loop.
   */
  private multi<R, Names extends readonly string[]>(
    command: string,
    keepUndefined: boolean,
    allowed: Names,
    options: unknown,
    prepare: (read: OptionsRead<Names>) => { keys: Key[]; build: (key: Key, sink: Sink, slot: number) => Operation },
  ): Promise<Map<Key, R>> {
    try {
      this.ensureOpen();
      const read = readOptions(options, allowed, command);
      const control = checkCallOptions(read);
      const { keys, build } = prepare(read);
      // eslint-disable-next-line @typescript-eslint/unbound-method -- only marks where the caller's frames start
      const collector = new Collector<Key, R>(keys, keepUndefined, command, this.callSite(this.multi));
      const operations = new Array<Operation>(keys.length);
      const buildRun = (from: number, to: number) => {
        for (let slot = from; slot < to; slot++) operations[slot] = build(keys[slot]!, collector, slot);
      };
      if (keys.length <= ITEMS_PER_TURN) {
        buildRun(0, keys.length);
        this.issue(collector, operations, keys, control);
      } else {
        this.issueInTurns(collector, keys, operations, buildRun, control);
      }
      return collector.promise;
    } catch (error) {
      return Promise.reject(error instanceof MemcachedError ? errorOfCall(error, command, undefined) : error);
    }
  }

  /**
   * Queues a call's operations (on `keys`, the caller's key of each), under
   * its `timeout` and `signal` if it has them.
   */
  private issue(sink: Sink & { readonly promise: Promise<unknown> }, operations: Operation[], keys: readonly Key[], control: CallControl | undefined): void {
    if (control !== undefined && !this.watch(sink, control)) return;
    setTimeouts(operations, control);
    this.order.issue(operations, keys);
  }

  /**
   * A call of very many keys: its operations are built a run per turn of the
   * event loop, then queued together, so a bad key or value still rejects it
   * before any I/O. The calls made after it wait behind it (see
   * IssueOrder). Its timeout and signal count from the call; close() waits
   * for it and close({ force }) settles it.
   */
  private issueInTurns<R>(
    collector: Collector<Key, R>,
    keys: readonly Key[],
    operations: Operation[],
    buildRun: (from: number, to: number) => void,
    control: CallControl | undefined,
  ): void {
    if (control !== undefined && !this.watch(collector, control)) return;
    const built = this.order.reserve(keys);
    const queued = inTurns(operations.length, buildRun, () => collector.settled).then(
      (complete) => {
        if (!complete) return built(undefined);
        setTimeouts(operations, control);
        built(operations);
      },
      (error: unknown) => {
        collector.abort(error as Error);
        built(undefined);
      },
    );
    const unqueued = this.unqueuedCalls.add({ work: queued, abort: (error) => collector.abort(error) });
    const forget = () => this.unqueuedCalls.remove(unqueued);
    void queued.then(forget);
  }

  /**
   * Arms a call's `timeout` and `signal`: the call settles when its timer or
   * its signal fires, whatever its operations are doing; the timer and the
   * listener go when it settles. False when the signal had already aborted:
   * the call settled at once and nothing is to be issued.
   */
  private watch(sink: Sink & { readonly promise: Promise<unknown> }, control: CallControl): boolean {
    const { timeout, signal } = control;
    if (signal?.aborted) {
      sink.abort(new AbortError(signal.reason));
      return false;
    }
    const timer =
      timeout > 0 ? setTimeout(() => sink.abort(new TimeoutError('ERR_TIMEOUT', `No answer within ${timeout} ms (the call's timeout)`)), timeout) : undefined;
    const watching = signal === undefined ? undefined : watchAbort(signal, sink);
    const release = () => {
      clearTimeout(timer);
      if (watching !== undefined) unwatchAbort(signal!, watching);
    };
    sink.promise.then(release, release);
    return true;
  }

  /** With `callStacks`: the caller's frames, captured now, for the stack of an error that settles the call later. */
  private callSite(below: (...args: never[]) => unknown): { stack?: string } | undefined {
    if (!this.options.callStacks) return undefined;
    const site: { stack?: string } = {};
    // Frames from the public method's caller up: `below` and what it called are left out.
    Error.captureStackTrace(site, below);
    return site;
  }

  /**
   * Runs a server-wide command on every pool; rejects with a {@link BatchError}
   * naming each server that failed. A `timeout` or `signal` settles the call
   * early, as for the other commands.
   */
  private admin<R>(
    command: string,
    start: (native: NativeClient, callback: (error: Error | null, rows?: AdminRow[]) => void) => void,
    report: (entries: Record<string, string>, answeredMs: number) => R,
    options: CallOptions | undefined,
  ): Promise<Record<string, R>> {
    let control: CallControl | undefined;
    try {
      this.ensureOpen();
      control = checkCallOptions(readOptions(options, CALL_OPTIONS, command));
    } catch (error) {
      return Promise.reject(error);
    }
    const deferred = new Deferred<Record<string, R>>();
    if (control !== undefined && !this.watch(deferred, control)) return deferred.promise;
    const work = (async () => {
      const rowsPerPool = await Promise.all(
        this.cluster.natives.map(
          (native) =>
            new Promise<AdminRow[]>((resolve, reject) =>
              start(native, (error, rows) => (error ? reject(faultError('UNKNOWN', '', error.message)) : resolve(rows!))),
            ),
        ),
      );
      const results = new Map<string, R>();
      const errors = new Map<string, MemcachedError>();
      for (const [server, entries, faultStatus, faultMessage, systemCode, , answeredMs] of rowsPerPool.flat()) {
        if (faultStatus !== null) {
          errors.set(server, faultError(faultStatus, server, faultMessage ?? '', systemCode));
          continue;
        }
        const record = Object.create(null) as Record<string, string>;
        for (let i = 0; i < entries!.length; i += 2) record[entries![i]!] = entries![i + 1]!;
        results.set(server, report(record, answeredMs));
      }
      if (errors.size > 0) throw new BatchError(results, errors);
      return Object.fromEntries(results);
    })();
    // Settled early by force, a timeout or a signal: `work` goes on and its outcome is dropped.
    work.then(
      (result) => deferred.ok(0, result),
      (error: MemcachedError) => deferred.fail(0, error),
    );
    const unqueued = this.unqueuedCalls.add({ work, abort: (error) => deferred.abort(error) });
    const forget = () => this.unqueuedCalls.remove(unqueued);
    work.then(forget, forget);
    return deferred.promise;
  }
}

/** A call's own `timeout` on each of its operations. */
function setTimeouts(operations: readonly Operation[], control: CallControl | undefined): void {
  if (control !== undefined) for (const operation of operations) operation.timeout = control.timeout;
}
