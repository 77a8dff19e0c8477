// memcache (npm, github.com/jaredwray/memcache; ASCII protocol, Promise API,
// one connection per server, commands pipelined on it, keys placed by Ketama).
// In the TLS cells only: it connects with tls.connect() when given `tls`
// (passed through to Node). It stores and reads strings only (a value goes
// into the command line as text and comes back decoded as UTF-8), so it has
// no Buffer cells. A set it reports as not stored (false) is a failure here.
import { Memcache } from 'memcache';

export function create(servers, { tls } = {}) {
  const client = new Memcache({ nodes: servers, timeout: 5000, ...(tls ? { tls } : {}) });
  return {
    get: (key) => client.get(key),
    getBuffer: async () => {
      throw new Error('memcache reads values as strings only');
    },
    set: async (key, value) => {
      if (!(await client.set(key, value, 0, 0))) throw new Error('memcache: not stored');
    },
    getMany: async (keys) => (await client.gets(keys)).size,
    close: () => client.disconnect(),
  };
}
