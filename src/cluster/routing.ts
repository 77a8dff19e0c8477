/**
 * Which connection pool an operation goes to. libmemcached's own distributions
 * need one pool holding every server: libmemcached picks the server. The Python
 * clients' placements (python-memcached's CRC buckets, pymemcache's rendezvous
 * hashing) are computed here instead, with one single-server pool per server.
 */
import { type Key, type WireKey, wireKeyBytes } from '../keys.js';
import type { NativePoolConfig } from '../engine/native.js';
import { type ResolvedOptions, poolConfig } from '../options.js';
import { PythonMemcachedPlacement, RendezvousPlacement } from '../placement/index.js';
import { type ServerSpec, serverName } from './servers.js';

export interface Routing {
  /** The pools to build, in the order `route` numbers them. */
  pools: NativePoolConfig[];
  /** The pool for a key; undefined when libmemcached chooses within the only pool. */
  route: ((wire: WireKey, key: Key) => number) | undefined;
}

/**
 * Placement over `servers` with the servers in `ejected` taken out, each the way
 * its distribution's own clients take a dead server out: libmemcached's rebuild
 * their continuum from the live servers, python-memcached rehashes a key whose
 * server is dead, pymemcache removes the node from its rendezvous hash.
 */
export function createRouting(servers: ServerSpec[], options: ResolvedOptions<unknown>, ejected: ReadonlySet<string> = new Set()): Routing {
  const names = servers.map(serverName);
  const live = servers.filter((_, index) => !ejected.has(names[index]!));
  switch (options.distribution) {
    case 'python-memcached': {
      // python-memcached hashes the whole key it sends.
      const placement = new PythonMemcachedPlacement(servers);
      const isEjected = (index: number) => ejected.has(names[index]!);
      return {
        pools: servers.map((server) => poolConfig([{ ...server, weight: 1 }], options)),
        route:
          ejected.size === 0
            ? (wire) => placement.serverFor(wireKeyBytes(wire))
            : (wire) => {
                const bytes = wireKeyBytes(wire);
                const index = placement.serverForWithDead(bytes, isEjected);
                // python-memcached gives up after ten rehashes; the key's own server then fails fast.
                return index >= 0 ? index : placement.serverFor(bytes);
              },
      };
    }
    case 'pymemcache': {
      // pymemcache's HashClient hashes the key as the caller passed it, before
      // its key_prefix; keyPrefix here plays that part.
      const candidates = live.length > 0 ? live.map(serverName) : names;
      const placement = new RendezvousPlacement(candidates);
      const poolOf = candidates.map((name) => names.indexOf(name));
      return {
        pools: servers.map((server) => poolConfig([{ ...server, weight: 1 }], options)),
        route: (_wire, key) => poolOf[placement.serverFor(key)]!,
      };
    }
    default:
      // With every server ejected there is nothing to move keys to: keep them
      // where they are and let the calls fail fast.
      return { pools: [poolConfig(live.length > 0 ? live : servers, options)], route: undefined };
  }
}
