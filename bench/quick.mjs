// A quick comparison with memjs: get and set of 100-byte values at 1, 32 and
// 256 operations in flight, each operation with its own result.
//   node bench/quick.mjs            (starts its own memcached)
//   MEMCACHED_SERVERS=host:port node bench/quick.mjs
import memjs from 'memjs';

import { Client } from '../dist/esm/index.mjs';
import { drive } from './lib/drive.mjs';
import { benchServers } from './lib/servers.mjs';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 1.5);
const KEYS = 1000;
const value = 'v'.repeat(100);
const key = (i) => `quick:${i % KEYS}`;

const { servers, stop } = await benchServers(1);
const ours = new Client(servers);
const theirs = memjs.Client.create(servers.join(','), { logger: { log() {} } });

const clients = {
  'memcache-native': { get: (i) => ours.get(key(i)), set: (i) => ours.set(key(i), value) },
  memjs: { get: (i) => theirs.get(key(i)), set: (i) => theirs.set(key(i), value) },
};

await Promise.all(Array.from({ length: KEYS }, (_, i) => ours.set(key(i), value)));
console.log(`quick benchmark: 100-byte values, ${SECONDS}s per cell, memcached at ${servers.join(',')}`);
const rows = [];
for (const command of ['get', 'set']) {
  for (const inFlight of [1, 32, 256]) {
    const row = { command, inFlight };
    for (const [name, client] of Object.entries(clients)) {
      await drive(client[command], { inFlight, seconds: 0.2 }); // warm-up
      row[name] = Math.round(await drive(client[command], { inFlight, seconds: SECONDS }));
    }
    row.ratio = `${(row['memcache-native'] / row.memjs).toFixed(2)}x`;
    rows.push(row);
    process.stdout.write(`  ${command} @${inFlight}: ${row['memcache-native']} vs ${row.memjs} ops/s\n`);
  }
}
console.table(rows);
await ours.close();
theirs.close();
await stop();
