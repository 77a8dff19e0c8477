/**
 * A client's servers, and what happens as they change or fail: the members,
 * the topology new operations are placed by (and the retired ones still
 * finishing what was issued before a change), server health with its probes
 * and ejection, trimming idle connections, and following a configuration
 * endpoint (Client.discover). It reports through the client's events.
 */
import type { EventEmitter } from 'node:events';

import type { ClientEvents } from '../client.js';
import type { BatcherSettings, BatchReport } from '../engine/batcher.js';
import { binding, type NativeClient } from '../engine/native.js';
import type { Operation } from '../engine/operation.js';
import { InvalidArgumentError, type MemcachedError } from '../errors.js';
import type { Key, WireKey } from '../keys.js';
import { poolConfig, type ResolvedOptions } from '../options.js';
import { fetchClusterConfig } from './discovery.js';
import { FIRST_PROBE_DELAY, type HealthHooks, HealthTracker } from './health.js';
import { parseServer, type ServerSpec, serverName } from './servers.js';
import { Topology } from './topology.js';

/** What the controller reports through: the client's events (topology, server:down, server:up, discovery:error). */
export type ClusterEvents = Pick<EventEmitter<ClientEvents>, 'emit'>;

export class ClusterController {
  private members: ServerSpec[];
  /** Where new operations go. */
  private topology: Topology;
  /** Earlier topologies still finishing operations issued before a change. */
  private readonly retired = new Set<Topology>();
  private readonly settings: BatcherSettings;
  private readonly health: HealthTracker;
  private stopped = false;
  private discovery: NodeJS.Timeout | undefined;
  private readonly idleTrim: NodeJS.Timeout;

  // Timers and probes reach the controller (and so the client) only through a
  // WeakRef, and are created in static methods so that their closures cannot
  // capture the constructor's `this`: a client dropped without close() must
  // stay collectable, and its finalizer then frees its pools.

  /** Runs `tick` every `ms` while `owner` is alive; the timer never keeps the process or the client alive. */
  private static weakInterval(owner: WeakRef<ClusterController>, ms: number, tick: (controller: ClusterController) => void): NodeJS.Timeout {
    const timer = setInterval(() => {
      const controller = owner.deref();
      if (controller === undefined) clearInterval(timer);
      else tick(controller);
    }, ms);
    timer.unref();
    return timer;
  }

  private static trimIdle(this: void, controller: ClusterController): void {
    controller.topology.trimIdle(controller.options.idleTimeout);
  }

  private static healthHooks(owner: WeakRef<ClusterController>): HealthHooks {
    return {
      down: (server, error, failures) => owner.deref()?.serverDown(server, error, failures),
      up: (server, downMs) => owner.deref()?.serverUp(server, downMs),
      probe: (server) => owner.deref()?.probe(server) ?? Promise.resolve(undefined),
    };
  }

  /** Asks the configuration endpoint again every `discoveryInterval` ms, and follows its changes. */
  private static followEndpoint(owner: ClusterController, endpoint: ServerSpec, version: number, waitMs: number): NodeJS.Timeout {
    let asking = false;
    return ClusterController.weakInterval(new WeakRef(owner), owner.options.discoveryInterval, (controller) => {
      if (asking || controller.stopped) return;
      asking = true;
      const self = new WeakRef(controller);
      fetchClusterConfig(endpoint, waitMs, controller.options.tls)
        .then((next) => {
          const current = self.deref();
          if (current === undefined || current.stopped || next.version === version) return;
          version = next.version;
          current.replaceServers(next.servers);
        })
        .catch((error: MemcachedError) => {
          const current = self.deref();
          if (current !== undefined && !current.stopped) current.events.emit('discovery:error', error);
        })
        .finally(() => {
          asking = false;
        });
    });
  }

  /** `settings` are the batchers'; their batch reports go to the health tracker. */
  constructor(
    members: ServerSpec[],
    private readonly options: ResolvedOptions<unknown>,
    settings: Omit<BatcherSettings, 'onBatchReport'>,
    private readonly events: ClusterEvents,
  ) {
    this.members = members;
    this.settings = { ...settings, onBatchReport: (report: BatchReport) => this.health.record(report) };
    const self = new WeakRef(this);
    this.health = new HealthTracker(
      { failureLimit: options.failureLimit, firstProbeDelay: FIRST_PROBE_DELAY, maxProbeDelay: options.deadTimeout },
      ClusterController.healthHooks(self),
    );
    for (const member of members) this.health.add(serverName(member));
    this.topology = new Topology(members, new Set(), options, this.settings);
    this.idleTrim = ClusterController.weakInterval(self, Math.max(10, Math.floor(options.idleTimeout / 2)), ClusterController.trimIdle);
  }

  /** From now on, follows the configuration endpoint the members came from (at `version`). */
  followConfigEndpoint(endpoint: ServerSpec, version: number, waitMs: number): void {
    this.discovery = ClusterController.followEndpoint(this, endpoint, version, waitMs);
  }

  /** The servers, as `host:port`, in the order given (dead ones included). */
  get servers(): readonly string[] {
    return Object.freeze(this.members.map(serverName));
  }

  /** The servers keys are placed on now. */
  get placedServers(): readonly string[] {
    return this.topology.placed;
  }

  /** The servers declared dead. */
  get deadServers(): readonly string[] {
    return [...this.health.dead()];
  }

  /** Operations issued and not yet settled, across every topology. */
  get pending(): number {
    let pending = this.topology.pending;
    for (const topology of this.retired) pending += topology.pending;
    return pending;
  }

  /** Sockets open to the servers now. */
  get connections(): number {
    return this.topology.connections;
  }

  /** The native pools of the current topology, for server-wide commands. */
  get natives(): readonly NativeClient[] {
    return this.topology.natives;
  }

  /** Replaced whenever the placement of keys may change (a new topology): compare two to tell. */
  get placementEpoch(): object {
    return this.topology;
  }

  /** The pool the operations on `key` run on. */
  poolFor(wire: WireKey, key: Key): number {
    return this.topology.poolFor(wire, key);
  }

  /** The server (`host:port`) that holds `key`. No I/O. */
  serverFor(wire: WireKey, key: Key): string {
    return this.topology.serverFor(wire, key);
  }

  /** Queues an operation on the batcher of its pool. */
  push(operation: Operation): void {
    this.topology.batchers[operation.pool]!.push(operation);
  }

  /** Queues operations on the batchers of their pools, in order. */
  pushAll(operations: readonly Operation[]): void {
    const batchers = this.topology.batchers;
    if (batchers.length === 1) {
      batchers[0]!.pushAll(operations);
      return;
    }
    const perPool = batchers.map((): Operation[] => []);
    for (const operation of operations) perPool[operation.pool]!.push(operation);
    perPool.forEach((pooled, pool) => batchers[pool]!.pushAll(pooled));
  }

  /**
   * Adds a server (`'host:port'` or `'host:port/weight'`). Operations already
   * issued finish where they were sent; new ones use the new placement.
   */
  addServer(server: string): void {
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

  /** Stops the probes, the discovery and the idle trim; nothing changes the servers after this. */
  stop(): void {
    this.stopped = true;
    this.health.close();
    clearInterval(this.discovery);
    clearInterval(this.idleTrim);
  }

  /** Resolves once every operation already issued has settled, in every topology. */
  async whenIdle(): Promise<void> {
    await Promise.all([this.topology, ...this.retired].map((topology) => topology.whenIdle()));
  }

  /** Settles every call with an operation queued or running, in every topology, at once with `error`. */
  abortAll(error: MemcachedError): void {
    for (const topology of [this.topology, ...this.retired]) topology.abortAll(error);
  }

  /** Frees the native pools. */
  close(): void {
    this.topology.close();
  }

  /** Makes `members` the members, in that order, in one topology change. */
  private replaceServers(members: ServerSpec[]): void {
    const names = new Set(members.map(serverName));
    for (const member of this.members) if (!names.has(serverName(member))) this.health.remove(serverName(member));
    for (const name of names) this.health.add(name);
    this.members = members;
    this.rebuild('discovered');
  }

  /** Puts a new topology in place; the old one closes once its operations have settled. */
  private rebuild(reason: ClientEvents['topology'][0]['reason']): void {
    const ejected = this.options.ejectFailedServers ? this.health.dead() : new Set<string>();
    const next = new Topology(this.members, ejected, this.options, this.settings);
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
    this.events.emit('topology', { servers: [...next.placed], reason });
  }

  private serverDown(server: string, error: MemcachedError, failures: number): void {
    if (this.stopped) return;
    this.topology.setServerDead(server, true, `${failures} failed tries in a row, the last: ${error.message}`);
    this.events.emit('server:down', { server, error, failures });
    if (this.options.ejectFailedServers) this.rebuild('ejected');
  }

  private serverUp(server: string, downMs: number): void {
    if (this.stopped) return;
    this.topology.setServerDead(server, false, '');
    this.events.emit('server:up', { server, downMs });
    if (this.options.ejectFailedServers) this.rebuild('readmitted');
  }

  /** Asks a dead server for its version on a connection of its own. */
  private probe(server: string): Promise<boolean> {
    const spec = this.members.find((member) => serverName(member) === server);
    if (spec === undefined || this.stopped) return Promise.resolve(false);
    const native = new binding.NativeClient(poolConfig([spec], this.options));
    return new Promise<boolean>((resolve) => {
      native.version((error, rows) => {
        native.close();
        resolve(!error && rows !== undefined && rows.length > 0 && rows.every((row) => row[2] === null));
      });
    });
  }
}
