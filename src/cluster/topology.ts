/**
 * One arrangement of a client's servers: the native pools, their batchers and
 * the routing between them. A topology is never changed: adding, removing,
 * ejecting or re-admitting a server builds a new one, which takes every new
 * operation, while the old one finishes what it already holds and then closes.
 */
import { Batcher, type BatcherSettings } from '../engine/batcher.js';
import { type Key, type WireKey, wireKeyBytes } from '../keys.js';
import { binding, type NativeClient } from '../engine/native.js';
import type { ResolvedOptions } from '../options.js';
import { createRouting, type Routing } from './routing.js';
import { type ServerSpec, serverName } from './servers.js';
import type { MemcachedError } from '../errors.js';

export class Topology {
  /** One per connection pool; see routing.ts. */
  readonly natives: NativeClient[];
  readonly batchers: Batcher[];
  /** The servers that keys are placed on (members minus the ejected), as `host:port`. */
  readonly placed: readonly string[];
  private readonly route: Routing['route'];
  /** For placements computed here: the server of each pool. */
  private readonly poolServers: readonly string[];

  constructor(members: readonly ServerSpec[], ejected: ReadonlySet<string>, options: ResolvedOptions<unknown>, settings: BatcherSettings) {
    const routing = createRouting([...members], options, ejected);
    this.route = routing.route;
    this.poolServers = members.map(serverName);
    const placed = this.poolServers.filter((name) => !ejected.has(name));
    this.placed = placed.length > 0 ? placed : this.poolServers;
    const natives: NativeClient[] = [];
    try {
      for (const pool of routing.pools) natives.push(new binding.NativeClient(pool));
    } catch (error) {
      for (const native of natives) native.close();
      throw error;
    }
    this.natives = natives;
    this.batchers = natives.map((native) => new Batcher(native, settings));
  }

  /** The pool an operation on this key goes to. */
  poolFor(wire: WireKey, key: Key): number {
    return this.route === undefined ? 0 : this.route(wire, key);
  }

  /** The server (`host:port`) that holds `key`. No I/O. */
  serverFor(wire: WireKey, key: Key): string {
    if (this.route !== undefined) return this.poolServers[this.route(wire, key)]!;
    return this.natives[0]!.serverFor(wireKeyBytes(wire));
  }

  /** Marks `server` dead (no traffic) or alive again in every pool that has it. */
  setServerDead(server: string, dead: boolean, reason: string): void {
    for (const native of this.natives) native.setServerDead(server, dead, reason);
  }

  /** Operations queued or running. */
  get pending(): number {
    return this.batchers.reduce((sum, batcher) => sum + batcher.pending, 0);
  }

  /** Sockets open to the servers, across the pools. */
  get connections(): number {
    return this.natives.reduce((sum, native) => sum + native.connectionSets().sockets, 0);
  }

  /** Closes connection sets idle for longer than `ms`. */
  trimIdle(ms: number): void {
    for (const native of this.natives) native.trimIdle(ms);
  }

  /** Resolves once nothing is queued or running. */
  async whenIdle(): Promise<void> {
    await Promise.all(this.batchers.map((batcher) => batcher.whenIdle()));
  }

  /** Settles every call with an operation queued or running at once with `error`. */
  abortAll(error: MemcachedError): void {
    for (const batcher of this.batchers) batcher.abortAll(error);
  }

  /** Frees the pools: at once, or, with batches in flight (a close by force, which interrupts those on libuv threads), when the last one ends. */
  close(): void {
    for (const native of this.natives) native.close();
    for (const batcher of this.batchers) batcher.close();
  }
}
