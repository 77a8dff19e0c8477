/**
 * Which connection pool an operation goes to. libmemcached's own distributions
 * need one pool holding every server: libmemcached picks the server. The Python
 * clients' placements (python-memcached's CRC buckets, pymemcache's rendezvous
 * hashing) are computed here instead, with one single-server pool per server.
 */
import { type Key, type WireKey, wireKeyBytes } from './keys.js';
import type { NativePoolConfig } from './native.js';
import { type ResolvedOptions, poolConfig } from './options.js';
import { PythonMemcachedPlacement, RendezvousPlacement } from './placement/index.js';
import { type ServerSpec, serverName } from './servers.js';

export interface Routing {
  /** The pools to build, in the order `route` numbers them. */
  pools: NativePoolConfig[];
  /** The pool for a key; undefined when libmemcached chooses within the only pool. */
  route: ((wire: WireKey, key: Key) => number) | undefined;
}

export function createRouting(servers: ServerSpec[], options: ResolvedOptions<unknown>): Routing {
  switch (options.distribution) {
    case 'python-memcached': {
      // python-memcached hashes the whole key it sends.
      const placement = new PythonMemcachedPlacement(servers);
      return {
        pools: servers.map((server) => poolConfig([{ ...server, weight: 1 }], options)),
        route: (wire) => placement.serverFor(wireKeyBytes(wire)),
      };
    }
    case 'pymemcache': {
      // pymemcache's HashClient hashes the key as the caller passed it, before
      // its key_prefix; keyPrefix here plays that part.
      const placement = new RendezvousPlacement(servers.map(serverName));
      return {
        pools: servers.map((server) => poolConfig([{ ...server, weight: 1 }], options)),
        route: (_wire, key) => placement.serverFor(key),
      };
    }
    default:
      return { pools: [poolConfig(servers, options)], route: undefined };
  }
}
