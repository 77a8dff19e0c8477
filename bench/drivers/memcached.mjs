// The `memcached` npm package (ASCII protocol, callback API, a pool of up to
// 10 connections per server by default). Each call is wrapped in its own
// Promise so it resolves or rejects per operation like the other drivers.
// A Buffer it stores with flag 4 as a Latin-1 string sent as UTF-8, with a
// backslash before every CR and LF: random bytes take ~1.5x their size on
// the wire and in memcached, and reading one reverses all that into a Buffer.
// That is what its users get when they pass a Buffer, so it is measured so.
import Memcached from 'memcached';

export function create(servers) {
  const client = new Memcached(servers);
  const call = (method, ...args) =>
    new Promise((resolve, reject) => {
      client[method](...args, (error, result) => (error ? reject(error) : resolve(result)));
    });
  const get = (key) => call('get', key);
  return {
    get,
    getBuffer: get,
    set: (key, value) => call('set', key, value, 0),
    getMany: async (keys) => Object.keys(await call('getMulti', keys)).length,
    close: async () => client.end(),
  };
}
