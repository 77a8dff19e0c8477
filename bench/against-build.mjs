// This build against another checkout's build, on getMany(N) at one in-flight
// count: the two clients take turns in rounds, in one process, against the
// same memcached, so a drift of the machine's speed weighs on both.
//   node bench/against-build.mjs /path/to/other/checkout          (its dist/ built)
//   N=100 IN_FLIGHT=256 ROUNDS=4 SECONDS=3 node bench/against-build.mjs ../old
// The calls read windows of N keys in turn over KEYS keys (default 1000): with
// KEYS / N below IN_FLIGHT, calls in flight at once share keys, which a
// client may ask the server for once; KEYS=100000 gives every call its own.
// A checkout of an earlier commit: `git worktree add ../old <commit>`, then in
// it `npm ci` (or a link to this node_modules), `npx node-gyp rebuild` and
// `node scripts/build-ts.mjs`.
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { benchServers } from './lib/servers.mjs';

const other = process.argv[2];
if (!other) throw new Error('usage: node bench/against-build.mjs /path/to/other/checkout');
const N = Number(process.env.N ?? 100);
const IN_FLIGHT = Number(process.env.IN_FLIGHT ?? 32);
const ROUNDS = Number(process.env.ROUNDS ?? 4);
const SECONDS = Number(process.env.SECONDS ?? 3);
const KEYS = Number(process.env.KEYS ?? 1000);

const builds = {
  other: pathToFileURL(path.resolve(other, 'dist/esm/index.mjs')).href,
  this: new URL('../dist/esm/index.mjs', import.meta.url).href,
};
const { servers, stop } = await benchServers(1);
const clients = {};
for (const [name, url] of Object.entries(builds)) {
  const { Client } = await import(url);
  clients[name] = new Client(servers, { protocol: process.env.PROTOCOL ?? 'ascii' });
}
const keys = Array.from({ length: KEYS }, (_, i) => `against:${i}`);
await clients.this.setMany(keys.map((key) => [key, 'v'.repeat(100)]));

/** getMany(N) calls per second over `seconds`, IN_FLIGHT loops each awaiting its call. */
async function drive(client, seconds) {
  let calls = 0;
  let next = 0;
  const end = performance.now() + seconds * 1000;
  async function loop() {
    while (performance.now() < end) {
      const start = (next += N) % KEYS;
      const batch = Array.from({ length: N }, (_, j) => keys[(start + j) % KEYS]);
      if ((await client.getMany(batch)).size !== N) throw new Error('a getMany missed keys that were stored');
      calls++;
    }
  }
  await Promise.all(Array.from({ length: IN_FLIGHT }, loop));
  return Math.round(calls / seconds);
}

const rates = { other: [], this: [] };
for (let round = 0; round < ROUNDS; round++) {
  for (const name of round % 2 === 0 ? ['other', 'this'] : ['this', 'other']) {
    await drive(clients[name], 0.3); // warm-up
    rates[name].push(await drive(clients[name], SECONDS));
  }
}
console.log(`getMany(${N}) at ${IN_FLIGHT} in flight, ${process.env.PROTOCOL ?? 'ascii'}, calls/s per round:`, JSON.stringify(rates));
for (const client of Object.values(clients)) await client.close();
await stop();
