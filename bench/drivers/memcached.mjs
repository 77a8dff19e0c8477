// The `memcached` npm package (ASCII protocol, callback API, a pool of up to
// 10 connections per server by default). Each call is wrapped in its own
// Promise so it resolves or rejects per operation like the other drivers.
import Memcached from 'memcached';

export function create(servers) {
  const client = new Memcached(servers);
  const call = (method, ...args) =>
    new Promise((resolve, reject) => {
      client[method](...args, (error, result) => (error ? reject(error) : resolve(result)));
    });
  return {
    get: (key) => call('get', key),
    set: (key, value) => call('set', key, value, 0),
    getMany: async (keys) => Object.keys(await call('getMulti', keys)).length,
    close: async () => client.end(),
  };
}
