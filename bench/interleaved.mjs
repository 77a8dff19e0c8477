// One cell, every client, in interleaved rounds: where ratios sit near a
// threshold (one in flight), single runs on a shared machine say little, and
// the median of rounds taken turn about says more.
//   node bench/interleaved.mjs                      get and set, 1 in flight, 5 rounds of 1 s
//   IN_FLIGHT=32 ROUNDS=7 SECONDS=2 node bench/interleaved.mjs
//   MEMCACHED_SERVERS=host:port node bench/interleaved.mjs
import { drive } from './lib/drive.mjs';
import { median } from './lib/measure.mjs';
import { benchServers } from './lib/servers.mjs';

const CLIENTS = ['memcache-native', 'memjs', 'memcached', 'memcache-client'];
const IN_FLIGHT = Number(process.env.IN_FLIGHT ?? 1);
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const SECONDS = Number(process.env.SECONDS ?? 1);
const KEYS = 1000;
const value = 'v'.repeat(100);
const key = (i) => `interleaved:${i % KEYS}`;

const { servers, stop } = await benchServers(1);
const clients = {};
for (const name of CLIENTS) clients[name] = (await import(`./drivers/${name}.mjs`)).create(servers);
await Promise.all(Array.from({ length: KEYS }, (_, i) => clients['memcache-native'].set(key(i), value)));

const rates = {};
for (let round = 1; round <= ROUNDS; round++) {
  for (const command of ['get', 'set']) {
    for (const [name, client] of Object.entries(clients)) {
      const operation = command === 'get' ? (i) => client.get(key(i)) : (i) => client.set(key(i), value);
      await drive(operation, { inFlight: IN_FLIGHT, seconds: 0.2 });
      (rates[`${command} ${name}`] ??= []).push(await drive(operation, { inFlight: IN_FLIGHT, seconds: SECONDS }));
    }
  }
  process.stderr.write(`round ${round}/${ROUNDS} done\n`);
}
console.log(`${ROUNDS} interleaved rounds of ${SECONDS} s, ${IN_FLIGHT} in flight, 100-byte values, ${servers[0]}`);
for (const command of ['get', 'set']) {
  const medians = Object.fromEntries(CLIENTS.map((name) => [name, median(rates[`${command} ${name}`])]));
  const best = Math.max(...CLIENTS.slice(1).map((name) => medians[name]));
  for (const name of CLIENTS) {
    const rounds = rates[`${command} ${name}`].map((rate) => Math.round(rate)).join(' ');
    console.log(`${command} ${name.padEnd(16)} median ${Math.round(medians[name]).toString().padStart(7)} ops/s  (${rounds})`);
  }
  console.log(`${command}: memcache-native ${(medians['memcache-native'] / best).toFixed(2)}x the best peer's median`);
}
for (const client of Object.values(clients)) await client.close();
await stop();
