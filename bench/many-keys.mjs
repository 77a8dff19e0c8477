// Multi-key calls against their key count: setMany then getMany of N keys with
// 10-byte values, one call each; how long the call itself took to return its
// promise (its checks and encoding, which hold the event loop), and the
// longest the event loop was held after that (a 10 ms timer's worst lateness).
//   node bench/many-keys.mjs                  (100k, 400k and 2M keys)
//   node bench/many-keys.mjs 100000 400000    (the counts given)
//   MEMCACHED_SERVERS=host:port node bench/many-keys.mjs
import { monitorEventLoopDelay } from 'node:perf_hooks';

import { Client } from '../dist/esm/index.mjs';
import { benchServers } from './lib/servers.mjs';

const counts = process.argv.slice(2).map(Number);
if (counts.length === 0) counts.push(100_000, 400_000, 2_000_000);
const value = 'v'.repeat(10);

const { servers, stop } = await benchServers(1);
const client = new Client(servers);
console.log(`many-keys: Node ${process.version}, memcached at ${servers.join(',')}`);

async function timed(call) {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const start = performance.now();
  const promise = call();
  const returnMs = performance.now() - start;
  const result = await promise;
  const ms = performance.now() - start;
  delay.disable();
  return { result, ms, returnMs, maxLoopDelayMs: delay.max / 1e6 };
}

const rows = [];
for (const count of counts) {
  const keys = Array.from({ length: count }, (_, i) => `many:${i}`);
  const entries = keys.map((key) => [key, value]);
  const set = await timed(() => client.setMany(entries));
  const get = await timed(() => client.getMany(keys));
  if (get.result.size !== count) throw new Error(`getMany found ${get.result.size} of ${count} keys`);
  rows.push({
    keys: count,
    'setMany ms': Math.round(set.ms),
    'setMany returns ms': Math.round(set.returnMs),
    'setMany max loop delay ms': Math.round(set.maxLoopDelayMs),
    'getMany ms': Math.round(get.ms),
    'getMany returns ms': Math.round(get.returnMs),
    'getMany max loop delay ms': Math.round(get.maxLoopDelayMs),
  });
  console.log(rows.at(-1));
  await client.flush();
}
console.table(rows);
await client.close();
await stop();
