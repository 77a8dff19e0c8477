// memcache-client (ASCII protocol, Promise API, one connection per server by
// default). Its several-server mode is failover between redundant servers, not
// key distribution, so with several servers this driver keeps one client per
// server and picks one by a hash of the key (what a user would have to do);
// getMany then sends one multi-get per server. noDelay is turned on because its
// default (Nagle on) would measure delayed ACKs rather than the client; the
// other clients all set TCP_NODELAY. A Buffer goes out as its bytes with flag 8
// and comes back as a Buffer (compression only when asked for, and not here).
// In the TLS cells its `tls` option (passed to Node's tls.connect()) is set.
import { MemcacheClient } from 'memcache-client';

// FNV-1a: cheap and evenly spread; the placement only has to be stable.
function hash(key) {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export function create(servers, { tls } = {}) {
  const clients = servers.map((server) => new MemcacheClient({ server, noDelay: true, ...(tls ? { tls } : {}) }));
  const pick = (key) => clients[hash(key) % clients.length];
  const getMany = async (client, keys) => Object.keys(await client.get(keys)).length;
  const get = async (key) => (await pick(key).get(key))?.value;
  return {
    get,
    getBuffer: get,
    // Lifetime 0 (never expires) like the other drivers: its default is 60 s,
    // and its `lifetime: 0` option falls back to that (`0 || 60`), so only the
    // per-call option says 0. With 60 s its preloaded items expire in a run
    // and its gets become misses.
    set: (key, value) => pick(key).set(key, value, { lifetime: 0 }),
    getMany: async (keys) => {
      if (clients.length === 1) return getMany(clients[0], keys);
      const groups = new Map();
      for (const key of keys) {
        const client = pick(key);
        if (!groups.has(client)) groups.set(client, []);
        groups.get(client).push(key);
      }
      const hits = await Promise.all([...groups].map(([client, group]) => getMany(client, group)));
      return hits.reduce((a, b) => a + b, 0);
    },
    close: async () => clients.forEach((client) => client.shutdown()),
  };
}
