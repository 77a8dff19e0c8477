/** The public client: a Promise API over the native batch engine. */
import { EventEmitter } from 'node:events';

import { checkCas, checkTtl } from './arguments.js';
import { type BatcherSettings, type BatchReport, type Counters, newCounters } from './engine/batcher.js';
import { BatchSlots } from './engine/slots.js';
import type { Codec } from './codec.js';
import { Collector } from './engine/collector.js';
import { BatchError, ClientClosedError, faultError, InvalidArgumentError, type MemcachedError } from './errors.js';
import { fetchClusterConfig } from './cluster/discovery.js';
import { type HealthHooks, HealthTracker } from './cluster/health.js';
import { KeyEncoder, type Key } from './keys.js';
import { type AdminRow, binding, type NativeClient } from './engine/native.js';
import { Deferred, Operation, type Sink } from './engine/operation.js';
import { type ClientOptions, poolConfig, type ResolvedOptions, resolveOptions } from './options.js';
import { Opcode } from './engine/opcodes-statuses.js';
import { parseServer, parseServers, type ServerSpec, serverName } from './cluster/servers.js';
import { Topology } from './cluster/topology.js';
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
  private members: ServerSpec[];
  /** Where new operations go. */
  private topology: Topology;
  /** Earlier topologies still finishing operations issued before a change. */
  private readonly retired = new Set<Topology>();
  private readonly settings: BatcherSettings;
  private readonly tally = newCounters();
  private readonly health: HealthTracker;
  private readonly adminCalls = new Set<Promise<unknown>>();
  private closing: Promise<void> | undefined;
  private discovery: NodeJS.Timeout | undefined;
  private readonly idleTrim: NodeJS.Timeout;
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
    let version = config.version;
    let asking = false;
    client.discovery = Client.weakInterval(new WeakRef(client as Client<unknown>), resolved.discoveryInterval, (owner) => {
      if (asking || owner.closing !== undefined) return;
      asking = true;
      const self = new WeakRef(owner);
      fetchClusterConfig(endpoint, waitMs)
        .then((next) => {
          const current = self.deref();
          if (current === undefined || current.closing !== undefined || next.version === version) return;
          version = next.version;
          current.replaceServers(next.servers);
        })
        .catch((error: MemcachedError) => {
          const current = self.deref();
          if (current !== undefined && current.closing === undefined) current.emit('discovery:error', error);
        })
        .finally(() => {
          asking = false;
        });
    });
    return client;
  }

  // Timers and probes reach the client only through a WeakRef, and are created
  // in static methods so that their closures cannot capture the constructor's
  // `this`: a client dropped without close() must stay collectable, and its
  // finalizer then frees its pools.

  /** Runs `tick` every `ms` while `owner` is alive; the timer never keeps the process or the client alive. */
  private static weakInterval(owner: WeakRef<Client<unknown>>, ms: number, tick: (client: Client<unknown>) => void): NodeJS.Timeout {
    const timer = setInterval(() => {
      const client = owner.deref();
      if (client === undefined) clearInterval(timer);
      else tick(client);
    }, ms);
    timer.unref();
    return timer;
  }

  private static trimIdle(client: Client<unknown>): void {
    client.topology.trimIdle(client.options.idleTimeout);
  }

  private static healthHooks(owner: WeakRef<Client<unknown>>): HealthHooks {
    return {
      down: (server, error, failures) => owner.deref()?.serverDown(server, error, failures),
      up: (server, downMs) => owner.deref()?.serverUp(server, downMs),
      probe: (server) => owner.deref()?.probe(server) ?? Promise.resolve(undefined),
    };
  }

  /**
   * @param servers `'host:port'`, `'host:port/weight'`, a comma-separated list of them, or an array.
   */
  constructor(servers: string | readonly string[], options?: ClientOptions<V>) {
    super();
    this.members = parseServers(servers);
    this.options = Object.freeze(resolveOptions(options));
    this.keys = new KeyEncoder(this.options.keyPrefix);
    this.codec = this.options.codec;
    this.casMemory = new CasMemory(this.keys);
    this.settings = {
      slots: new BatchSlots(this.options.maxConcurrentBatches),
      maxBatchSize: this.options.maxBatchSize,
      maxConnections: this.options.maxConnections,
      codec: this.codec as Codec<unknown>,
      counters: this.tally,
      onSwallowedFault: (error: MemcachedError) => this.emit('fault', error),
      onBatchReport: (report: BatchReport) => this.health.record(report),
    };
    const self = new WeakRef<Client<unknown>>(this as Client<unknown>);
    this.health = new HealthTracker(
      { failureLimit: this.options.failureLimit, probeInterval: this.options.deadTimeout * 1000 },
      Client.healthHooks(self),
    );
    for (const member of this.members) this.health.add(serverName(member));
    this.topology = new Topology(this.members, new Set(), this.options as ResolvedOptions<unknown>, this.settings);
    this.build = new OperationBuilder(this.keys, this.codec, this.options, { poolFor: (wire, key) => this.topology.poolFor(wire, key) });
    this.idleTrim = Client.weakInterval(self, Math.max(10, Math.floor(this.options.idleTimeout / 2)), Client.trimIdle);
  }

  /** The servers, as `host:port`, in the order given (dead ones included). */
  get servers(): readonly string[] {
    return Object.freeze(this.members.map(serverName));
  }

  /** The servers keys are placed on now: all of them unless `ejectFailedServers` took dead ones out. */
  get placedServers(): readonly string[] {
    return this.topology.placed;
  }

  /** The servers declared dead (see `failureLimit`). */
  get deadServers(): readonly string[] {
    return [...this.health.dead()];
  }

  /** True once {@link close} has been called. */
  get closed(): boolean {
    return this.closing !== undefined;
  }

  /** Operations issued and not yet settled. */
  get pending(): number {
    let pending = this.topology.pending;
    for (const topology of this.retired) pending += topology.pending;
    return pending;
  }

  /** Hits, misses, faults, batches and operations so far, and operations in flight. */
  get counters(): ClientCounters {
    return { ...this.tally, inFlight: this.pending, connections: this.closing === undefined ? this.topology.connections : 0 };
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
      return remembered === undefined ? this.build.store('set', key, value, options, sink, 0) : this.build.store('cas', key, value, options, sink, 0, remembered);
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
    return this.topology.serverFor(wire, key);
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
      this.health.close();
      clearInterval(this.discovery);
      clearInterval(this.idleTrim);
      await Promise.all([this.topology, ...this.retired].map((topology) => topology.whenIdle()));
      await Promise.allSettled([...this.adminCalls]);
      this.topology.close();
    })();
    return this.closing;
  }

  // ---- topology and health -------------------------------------------------------

  /**
   * Adds a server (`'host:port'` or `'host:port/weight'`). Operations already
   * issued finish where they were sent; new ones use the new placement.
   */
  addServer(server: string): void {
    this.ensureOpen();
    const spec = parseServer(server);
    const name = serverName(spec);
    if (this.members.some((member) => serverName(member) === name)) {
      throw new InvalidArgumentError('ERR_INVALID_ARGUMENT', `${name} is already one of this client's servers`);
    }
    this.members = [...this.members, spec];
    this.health.add(name);
    this.rebuild('added');
  }

  /**
   * Removes a server. Operations already issued to it finish there; new ones
   * go to the remaining servers.
   */
  removeServer(server: string): void {
    this.ensureOpen();
    const name = serverName(parseServer(server));
    const members = this.members.filter((member) => serverName(member) !== name);
    if (members.length === this.members.length) {
      throw new InvalidArgumentError('ERR_INVALID_ARGUMENT', `${name} is not one of this client's servers`);
    }
    if (members.length === 0) throw new InvalidArgumentError('ERR_INVALID_ARGUMENT', 'A client needs at least one server');
    this.members = members;
    this.health.remove(name);
    this.rebuild('removed');
  }

  /** Makes `servers` the members, in that order, in one topology change. */
  private replaceServers(servers: readonly string[]): void {
    const members = parseServers(servers);
    const names = new Set(members.map(serverName));
    for (const member of this.members) if (!names.has(serverName(member))) this.health.remove(serverName(member));
    for (const name of names) this.health.add(name);
    this.members = members;
    this.rebuild('discovered');
  }

  /** Puts a new topology in place; the old one closes once its operations have settled. */
  private rebuild(reason: ClientEvents['topology'][0]['reason']): void {
    const ejected = this.options.ejectFailedServers ? this.health.dead() : new Set<string>();
    const next = new Topology(this.members, ejected, this.options as ResolvedOptions<unknown>, this.settings);
    for (const server of this.health.dead()) {
      if (!ejected.has(server)) next.setServerDead(server, true, 'declared dead by the client');
    }
    const previous = this.topology;
    this.topology = next;
    this.retired.add(previous);
    void previous.whenIdle().then(() => {
      this.retired.delete(previous);
      previous.close();
    });
    this.emit('topology', { servers: [...next.placed], reason });
  }

  private serverDown(server: string, error: MemcachedError, failures: number): void {
    if (this.closing !== undefined) return;
    this.topology.setServerDead(server, true, `${failures} failed tries in a row, the last: ${error.message}`);
    this.emit('server:down', { server, error, failures });
    if (this.options.ejectFailedServers) this.rebuild('ejected');
  }

  private serverUp(server: string, downMs: number): void {
    if (this.closing !== undefined) return;
    this.topology.setServerDead(server, false, '');
    this.emit('server:up', { server, downMs });
    if (this.options.ejectFailedServers) this.rebuild('readmitted');
  }

  /** Asks a dead server for its version on a connection of its own. */
  private probe(server: string): Promise<boolean> {
    const spec = this.members.find((member) => serverName(member) === server);
    if (spec === undefined || this.closing !== undefined) return Promise.resolve(false);
    const native = new binding.NativeClient(poolConfig([spec], this.options as ResolvedOptions<unknown>));
    return new Promise<boolean>((resolve) => {
      native.version((error, rows) => {
        native.close();
        resolve(!error && rows !== undefined && rows.length > 0 && rows.every((row) => row[2] === null));
      });
    });
  }

  // ---- building operations --------------------------------------------------------

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
    this.topology.batchers[operation.pool]!.push(operation);
  }

  /** Runs a server-wide command on every pool; rejects with a {@link BatchError} naming each server that failed. */
  private admin(
    start: (native: NativeClient, callback: (error: Error | null, rows?: AdminRow[]) => void) => void,
  ): Promise<Record<string, Record<string, string>>> {
    if (this.closing !== undefined) return Promise.reject(new ClientClosedError());
    const call = (async () => {
      const rowsPerPool = await Promise.all(
        this.topology.natives.map(
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
        const record: Record<string, string> = Object.create(null);
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
