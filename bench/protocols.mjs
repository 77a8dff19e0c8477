// The ASCII and the binary protocol side by side, in one run against one
// memcached: closed-loop get, set, getMany(100) and getMany(1000) of 100-byte
// values at 32 calls in flight (IN_FLIGHT), each for BENCH_SECONDS (default 2)
// after a warm-up. The peers' getMany against both protocols of this client:
// BENCH_PROTOCOL=binary npm run bench -- --only getMany.
//   node bench/protocols.mjs
//   IN_FLIGHT=1 node bench/protocols.mjs
import { Client, textCodec } from '../dist/esm/index.mjs';
import { startMemcached } from '../scripts/lib/memcached.mjs';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
const IN_FLIGHT = Number(process.env.IN_FLIGHT ?? 32);
const value = 'v'.repeat(100);
const keys = Array.from({ length: 1000 }, (_, i) => `bench-key-${i}`);

const workloads = {
  get: (client, i) => client.get(keys[i % keys.length]),
  set: (client, i) => client.set(keys[i % keys.length], value),
  'getMany(100)': (client, i) => client.getMany(keys.slice((i * 100) % 900, ((i * 100) % 900) + 100)),
  // Every key, in one call.
  'getMany(1000)': (client) => client.getMany(keys),
};

async function closedLoop(client, call, seconds) {
  let done = 0;
  const end = performance.now() + seconds * 1000;
  const worker = async (offset) => {
    for (let i = offset; performance.now() < end; i += IN_FLIGHT) {
      await call(client, i);
      done++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: IN_FLIGHT }, (_, i) => worker(i)));
  return done / ((performance.now() - started) / 1000);
}

const memcached = await startMemcached(['-t', '1']);
const clients = {
  ascii: new Client(memcached.address, { codec: textCodec, protocol: 'ascii' }),
  binary: new Client(memcached.address, { codec: textCodec, protocol: 'binary' }),
};
await clients.ascii.setMany(keys.map((key) => [key, value]));
console.log(`| workload (${IN_FLIGHT} in flight) | ascii calls/s | binary calls/s | binary / ascii |`);
console.log('|---|---|---|---|');
for (const [name, call] of Object.entries(workloads)) {
  const rates = {};
  for (const protocol of ['ascii', 'binary']) {
    await closedLoop(clients[protocol], call, 0.3);
    rates[protocol] = await closedLoop(clients[protocol], call, SECONDS);
  }
  const fmt = (rate) => Math.round(rate).toLocaleString('en-US');
  console.log(`| ${name} | ${fmt(rates.ascii)} | ${fmt(rates.binary)} | ${(rates.binary / rates.ascii).toFixed(2)}x |`);
}
await Promise.all(Object.values(clients).map((client) => client.close()));
await memcached.stop();
