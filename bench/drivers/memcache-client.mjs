// memcache-client (ASCII protocol, Promise API, one connection per server by
// default). Its several-server mode is failover between redundant servers, not
// key distribution, so with several servers this driver keeps one client per
// server and picks one by a hash of the key (what a user would have to do);
// getMany then sends one multi-get per server. noDelay is turned on because its
// default (Nagle on) would measure delayed ACKs rather than the client; the
// other clients all set TCP_NODELAY.
import { MemcacheClient } from 'memcache-client';

// FNV-1a: cheap and evenly spread; the placement only has to be stable.
function hash(key) {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export function create(servers) {
  const clients = servers.map((server) => new MemcacheClient({ server, noDelay: true }));
  const pick = (key) => clients[hash(key) % clients.length];
  const getMany = async (client, keys) => Object.keys(await client.get(keys)).length;
  return {
    get: async (key) => (await pick(key).get(key))?.value,
    set: (key, value) => pick(key).set(key, value),
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
