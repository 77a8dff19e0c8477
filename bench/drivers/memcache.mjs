// memcache (npm, github.com/jaredwray/memcache; ASCII protocol, Promise API,
// one connection per server, commands pipelined on it, keys placed by Ketama).
// In the TLS cells only: it connects with tls.connect() when given `tls`
// (passed through to Node). It stores and reads strings only (a value goes
// into the command line as text and comes back decoded as UTF-8), so it has
// no Buffer cells. A set it reports as not stored (false) is a failure here.
//
// Calls wait for connect() here: a call made while its node is still
// connecting opens another socket (the bench's preload, 32 sets on a fresh
// client, left 31 of them open, unused), and when one of those idles out (its
// 5 s socket timeout) its close marks the node disconnected, after which
// calls on the socket in use never settled.
import { Memcache } from 'memcache';

export function create(servers, { tls } = {}) {
  const client = new Memcache({ nodes: servers, timeout: 5000, ...(tls ? { tls } : {}) });
  let connected = false;
  const ready = client.connect().then(() => {
    connected = true;
  });
  const connectedFirst =
    (call) =>
    (...args) =>
      connected ? call(...args) : ready.then(() => call(...args));
  const get = connectedFirst((key) => client.get(key));
  return {
    get,
    getBuffer: async () => {
      throw new Error('memcache reads values as strings only');
    },
    set: connectedFirst(async (key, value) => {
      if (!(await client.set(key, value, 0, 0))) throw new Error('memcache: not stored');
    }),
    getMany: connectedFirst(async (keys) => (await client.gets(keys)).size),
    close: () => client.disconnect(),
  };
}
