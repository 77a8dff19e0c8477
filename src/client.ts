/** The public client: a Promise API over the native batch engine. */
import { EventEmitter } from 'node:events';

import { checkCas, checkTtl } from './arguments.js';
import { type Counters, newCounters } from './engine/batcher.js';
import { BatchSlots } from './engine/slots.js';
import type { Codec } from './codec.js';
import { Collector } from './engine/collector.js';
import { BatchError, ClientClosedError, faultError, InvalidArgumentError, type MemcachedError } from './errors.js';
import { fetchClusterConfig } from './cluster/discovery.js';
import { KeyEncoder, type Key } from './keys.js';
import { type AdminRow, type NativeClient } from './engine/native.js';
import { Deferred, Operation, type Sink } from './engine/operation.js';
import { type ClientOptions, type ResolvedOptions, resolveOptions } from './options.js';
import { Opcode } from './engine/opcodes-statuses.js';
import { parseServer, resolveServerList, withUrlCredentials, withUrlTls } from './cluster/servers.js';
import { ClusterController } from './cluster/controller.js';
import { OperationBuilder } from './operation-builder.js';
import { CasMemory } from './cas-memory.js';
import { CacheMap } from './adapters/cache-map.js';

/**
 * What the default codec (pythonCodec) stores and reads: strings, Buffers,
 * numbers, bigints, booleans, null, arrays, plain objects, Maps, Sets and the
 * Python date/time and Decimal classes.
 */
export type Value = unknown;

export interface StoreOptions {
  /** Seconds until the item expires; 0 (the default) never expires; over 30 days is a Unix time. */
  ttl?: number;
  /** Flags to store instead of the ones the codec chose. */
  flags?: number;
  /** Send without asking the server to answer; the call resolves `true` once written. */
  noreply?: boolean;
}

export interface CounterOptions {
  /** Create a missing counter with this value (the delta is not applied to it). */
  initial?: number | bigint;
  /** Expiry of a counter created from `initial`. */
  ttl?: number;
  /** Send without asking the server to answer; the call resolves `undefined`. */
  noreply?: boolean;
}

export interface NoReplyOptions {
  noreply?: boolean;
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

export class Client<V = Value> extends EventEmitter<ClientEvents> {
  /** The options in force, defaults applied. */
  readonly options: Readonly<ResolvedOptions<V>>;

  private readonly keys: KeyEncoder;
  private readonly codec: Codec<V>;
  /** Checks and encodes each call's arguments into its operations. */
  private readonly build: OperationBuilder<V>;
  /** The servers, their health and the topology operations are placed by. */
  private readonly cluster: ClusterController;
  private readonly tally = newCounters();
  private readonly adminCalls = new Set<Promise<unknown>>();
  private closing: Promise<void> | undefined;
  /** With `rememberCas`: the last CAS token read for each key. */
  private readonly casMemory: CasMemory;

  /**
   * A client for an ElastiCache (memcached) cluster, found through its
   * configuration endpoint (`name.cfg.region.cache.amazonaws.com:11211`), which
   * is asked again every `discoveryInterval` ms: nodes added or removed there
   * are added to or removed from the client. A failed ask emits
   * `'discovery:error'` and leaves the servers as they were.
   */
  static async discover<V = Value>(configEndpoint: string, options?: ClientOptions<V>): Promise<Client<V>> {
    const resolved = resolveOptions(options);
    const endpoint = parseServer(configEndpoint);
    const waitMs = resolved.connectTimeout + resolved.timeout;
    const config = await fetchClusterConfig(endpoint, waitMs);
    const client = new Client<V>(config.servers, options);
    client.cluster.followConfigEndpoint(endpoint, config.version, waitMs);
    return client;
  }

  /**
   * @param servers `'host:port'`, `'host:port/weight'`, `'[v6]:port'`, a unix
   * socket's absolute path, a `memcache://[user:password@]host[:port]`
   * connection string, a comma-separated list of them, or an array; when
   * undefined, the `MEMCACHED_SERVERS` environment variable.
   */
  constructor(servers?: string | readonly string[], options?: ClientOptions<V>) {
    super();
    const list = resolveServerList(servers);
    this.options = Object.freeze(resolveOptions(withUrlTls(withUrlCredentials(options, list.credentials), list.tls)));
    this.keys = new KeyEncoder(this.options.keyPrefix);
    this.codec = this.options.codec;
    this.casMemory = new CasMemory(this.keys);
    this.cluster = new ClusterController(
      list.servers,
      this.options,
      {
        slots: new BatchSlots(this.options.maxConcurrentBatches),
        maxBatchSize: this.options.maxBatchSize,
        maxConnections: this.options.maxConnections,
        codec: this.codec,
        counters: this.tally,
        onSwallowedFault: (error: MemcachedError) => this.emit('fault', error),
      },
      this,
    );
    this.build = new OperationBuilder(this.keys, this.codec, this.options, this.cluster);
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

  /** The value stored under `key`, or `undefined` on a miss. */
  get(key: Key): Promise<V | undefined> {
    return this.single((sink) => this.build.read(Opcode.GET, key, sink, 0));
  }

  /** The value with its CAS token and flags, or `undefined` on a miss. */
  gets(key: Key): Promise<GetsResult<V> | undefined> {
    const read = this.single<GetsResult<V> | undefined>((sink) => this.build.read(Opcode.GETS, key, sink, 0));
    if (!this.options.rememberCas) return read;
    return read.then((result) => {
      if (result !== undefined) this.casMemory.remember(key, result.cas);
      return result;
    });
  }

  /** The hits among `keys`, keyed as given; misses are absent. One multi-get per server. */
  getMany(keys: Iterable<Key>): Promise<Map<Key, V>> {
    return this.multi([...keys], false, (key, sink, slot) => this.build.read(Opcode.GET, key, sink, slot));
  }

  /** Like {@link getMany}, with CAS tokens and flags. */
  getsMany(keys: Iterable<Key>): Promise<Map<Key, GetsResult<V>>> {
    const read = this.multi<GetsResult<V>>([...keys], false, (key, sink, slot) => this.build.read(Opcode.GETS, key, sink, slot));
    if (!this.options.rememberCas) return read;
    return read.then((results) => {
      for (const [key, result] of results) this.casMemory.remember(key, result.cas);
      return results;
    });
  }

  // ---- writes ------------------------------------------------------------------

  /** Stores `value`. Resolves `true` when stored. */
  set(key: Key, value: V, options?: StoreOptions): Promise<boolean> {
    return this.single((sink) => this.build.store('set', key, value, options, sink, 0));
  }

  /** Stores `value` only if `key` is absent. Resolves `false` when it exists. */
  add(key: Key, value: V, options?: StoreOptions): Promise<boolean> {
    return this.single((sink) => this.build.store('add', key, value, options, sink, 0));
  }

  /** Stores `value` only if `key` exists. Resolves `false` when it is absent. */
  replace(key: Key, value: V, options?: StoreOptions): Promise<boolean> {
    return this.single((sink) => this.build.store('replace', key, value, options, sink, 0));
  }

  /** Appends bytes to an existing item (its flags and ttl are kept). `false` when absent. */
  append(key: Key, value: V, options?: NoReplyOptions): Promise<boolean> {
    return this.single((sink) => this.build.store('append', key, value, options, sink, 0));
  }

  /** Prepends bytes to an existing item (its flags and ttl are kept). `false` when absent. */
  prepend(key: Key, value: V, options?: NoReplyOptions): Promise<boolean> {
    return this.single((sink) => this.build.store('prepend', key, value, options, sink, 0));
  }

  /**
   * Stores `value` only if the item is unchanged since {@link gets} returned `cas`.
   * Resolves `false` when the token is stale or the key is gone.
   */
  cas(key: Key, value: V, cas?: bigint | number, options?: StoreOptions): Promise<boolean> {
    return this.single((sink) => {
      if (cas !== undefined) return this.build.store('cas', key, value, options, sink, 0, checkCas(cas));
      if (!this.options.rememberCas) {
        throw new InvalidArgumentError('ERR_INVALID_CAS', 'cas() needs the token gets() returned, or the rememberCas option');
      }
      const remembered = this.casMemory.tokenFor(key);
      // As python-memcached's cache_cas: nothing read, nothing to compare with.
      return remembered === undefined
        ? this.build.store('set', key, value, options, sink, 0)
        : this.build.store('cas', key, value, options, sink, 0, remembered);
    });
  }

  /** Drops the CAS token remembered for `key`, or every one (see `rememberCas`). */
  forgetCas(key?: Key): void {
    this.casMemory.forget(key);
  }

  /** A Map-like view of this client whose faults read as misses: see {@link CacheMap}. */
  asMap(): CacheMap<V> {
    return new CacheMap(this, (error) => this.emit('fault', error));
  }

  /** Stores every entry. Resolves each key's outcome; rejects with a {@link BatchError} if any faulted. */
  setMany(entries: Iterable<readonly [Key, V]> | Record<string, V>, options?: StoreOptions): Promise<Map<Key, boolean>> {
    const list: Array<readonly [Key, V]> = isIterable(entries) ? [...entries] : Object.entries(entries);
    return this.multi(
      list.map(([key]) => key),
      true,
      (key, sink, slot) => this.build.store('set', key, list[slot]![1], options, sink, slot),
    );
  }

  /** Deletes `key`. Resolves `false` when it did not exist. */
  delete(key: Key, options?: NoReplyOptions): Promise<boolean> {
    return this.single((sink) => this.build.keyOnly(Opcode.DELETE, key, 0, options, sink, 0));
  }

  /** Deletes every key. Resolves each key's outcome; rejects with a {@link BatchError} if any faulted. */
  deleteMany(keys: Iterable<Key>, options?: NoReplyOptions): Promise<Map<Key, boolean>> {
    return this.multi([...keys], true, (key, sink, slot) => this.build.keyOnly(Opcode.DELETE, key, 0, options, sink, slot));
  }

  /** Sets a new expiry on `key`. Resolves `false` when it does not exist. */
  touch(key: Key, ttl: number, options?: NoReplyOptions): Promise<boolean> {
    return this.single((sink) => this.build.keyOnly(Opcode.TOUCH, key, checkTtl(ttl), options, sink, 0));
  }

  /**
   * Adds `delta` to a 64-bit counter and resolves its new value: a number while
   * exact, a bigint above 2^53 - 1. `undefined` when missing and no `initial` is given.
   */
  incr(key: Key, delta: number | bigint = 1, options?: CounterOptions): Promise<number | bigint | undefined> {
    return this.single((sink) => this.build.counter(Opcode.INCR, key, delta, options, sink));
  }

  /** Subtracts `delta`; memcached stops at 0. Otherwise as {@link incr}. */
  decr(key: Key, delta: number | bigint = 1, options?: CounterOptions): Promise<number | bigint | undefined> {
    return this.single((sink) => this.build.counter(Opcode.DECR, key, delta, options, sink));
  }

  // ---- servers -------------------------------------------------------------------

  /** The server (`host:port`) that `key` is stored on under the configured distribution. No I/O. */
  serverFor(key: Key): string {
    this.ensureOpen();
    const wire = this.keys.encode(key);
    return this.cluster.serverFor(wire, key);
  }

  /** Invalidates every item on every server, now or after `delay` seconds. */
  async flush(delay = 0): Promise<void> {
    if (!Number.isInteger(delay) || delay < 0 || delay > 0xffffffff) {
      throw new InvalidArgumentError('ERR_INVALID_ARGUMENT', `Expected delay to be a whole number of seconds, got ${String(delay)}`);
    }
    await this.admin((native, callback) => native.flush(delay, callback));
  }

  /** Each server's statistics (`stats`, or `stats <group>` such as `'slabs'`), keyed by `host:port`. */
  stats(group?: string): Promise<Record<string, Record<string, string>>> {
    if (group !== undefined && (typeof group !== 'string' || !/^[a-z_]+( [a-z0-9_]+)*$/i.test(group))) {
      return Promise.reject(new InvalidArgumentError('ERR_INVALID_ARGUMENT', `Expected a stats group such as "slabs", got ${String(group)}`));
    }
    return this.admin((native, callback) => native.stats(group, callback));
  }

  /** Each server's version, keyed by `host:port`. */
  async version(): Promise<Record<string, string>> {
    const reports = await this.admin((native, callback) => native.version(callback));
    return Object.fromEntries(Object.entries(reports).map(([server, entries]) => [server, entries.version!]));
  }

  /**
   * Stops accepting calls, lets every operation already issued settle, then
   * closes the connections. Safe to call more than once.
   */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.cluster.stop();
      await this.cluster.whenIdle();
      await Promise.allSettled([...this.adminCalls]);
      this.cluster.close();
    })();
    return this.closing;
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

  /** Builds one operation around a fresh promise; any check it fails becomes a rejection. */
  private single<T>(build: (sink: Sink) => Operation): Promise<T> {
    try {
      this.ensureOpen();
      const deferred = new Deferred<T>();
      this.push(build(deferred));
      return deferred.promise;
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** Builds (and so checks) every key's operation before queueing any: one bad input rejects the call before any I/O. */
  private multi<R>(keys: Key[], keepUndefined: boolean, build: (key: Key, sink: Sink, slot: number) => Operation): Promise<Map<Key, R>> {
    try {
      this.ensureOpen();
      const collector = new Collector<Key, R>(keys, keepUndefined);
      const operations = keys.map((key, slot) => build(key, collector, slot));
      for (const operation of operations) this.push(operation);
      return collector.promise;
    } catch (error) {
      return Promise.reject(error);
    }
  }

  private push(operation: Operation): void {
    this.cluster.push(operation);
  }

  /** Runs a server-wide command on every pool; rejects with a {@link BatchError} naming each server that failed. */
  private admin(
    start: (native: NativeClient, callback: (error: Error | null, rows?: AdminRow[]) => void) => void,
  ): Promise<Record<string, Record<string, string>>> {
    if (this.closing !== undefined) return Promise.reject(new ClientClosedError());
    const call = (async () => {
      const rowsPerPool = await Promise.all(
        this.cluster.natives.map(
          (native) =>
            new Promise<AdminRow[]>((resolve, reject) =>
              start(native, (error, rows) => (error ? reject(faultError('UNKNOWN', '', error.message)) : resolve(rows!))),
            ),
        ),
      );
      const results = new Map<string, Record<string, string>>();
      const errors = new Map<string, MemcachedError>();
      for (const [server, entries, faultStatus, faultMessage, systemCode] of rowsPerPool.flat()) {
        if (faultStatus !== null) {
          errors.set(server, faultError(faultStatus, server, faultMessage ?? '', systemCode));
          continue;
        }
        const record = Object.create(null) as Record<string, string>;
        for (let i = 0; i < entries!.length; i += 2) record[entries![i]!] = entries![i + 1]!;
        results.set(server, record);
      }
      if (errors.size > 0) throw new BatchError(results, errors);
      return Object.fromEntries(results);
    })();
    this.adminCalls.add(call);
    const forget = () => this.adminCalls.delete(call);
    call.then(forget, forget);
    return call;
  }
}

function isIterable<T>(value: unknown): value is Iterable<T> {
  return typeof (value as Iterable<T>)?.[Symbol.iterator] === 'function';
}
