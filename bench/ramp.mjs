// How fast each client gets up to speed in a new process: gets of one value
// size, a speed and a page-fault count per quarter-second, each client in a
// process of its own (as in the suite, whose cells give a client 0.25 s of
// warm-up: a client that needs longer is measured partly on its way up).
//   node bench/ramp.mjs                          (500 KB Buffers, 32 in flight, 3 s)
//   node bench/ramp.mjs 10000 str                (a size, then buf or str)
//   IN_FLIGHT=256 BENCH_SECONDS=5 node bench/ramp.mjs
//   CLIENTS=memcache-native,memcached node bench/ramp.mjs
//   MEMCACHED_SERVERS=host:port node bench/ramp.mjs
import { fork } from 'node:child_process';

import { benchServers } from './lib/servers.mjs';
import { preload, workload } from './lib/workload.mjs';

// The memcached package takes ~12 s a 500 KB Buffer get at 32 in flight (bench/README.md): left out unless asked for.
const CLIENTS = (process.env.CLIENTS ?? 'memcache-native,memjs,memcache-client').split(',');
const STEP_MS = 250;

const [sizeArgument, typeArgument, role, clientName, server] = process.argv.slice(2);
const size = Number(sizeArgument ?? 500_000);
const type = typeArgument ?? 'buf';
const inFlight = Number(process.env.IN_FLIGHT ?? 32);
const seconds = Number(process.env.BENCH_SECONDS ?? 3);

if (role === 'worker') {
  await measure(clientName, server);
} else {
  const { servers, stop } = await benchServers(1);
  console.log(`gets of ${size} B ${type === 'buf' ? 'Buffers' : 'strings'}, ${inFlight} in flight, ${seconds} s in a new process per client`);
  console.log(`ops/s and page faults per ${STEP_MS} ms, from the first get:`);
  for (const name of CLIENTS) {
    const child = fork(new URL(import.meta.url), [String(size), type, 'worker', name, servers[0]]);
    await new Promise((resolve, reject) => child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${name}: exit ${code}`)))));
  }
  await stop();
}

async function measure(name, address) {
  const { create } = await import(`./drivers/${name}.mjs`);
  const driver = create([address]);
  // The suite's keys and value for this size and type (100 keys at 500 KB, 1,000 below).
  const work = workload({ size, value: type === 'buf' ? 'buffer' : 'string' }, `ramp:${name}`);
  const { keys } = work;
  await preload(driver, work);
  const read = type === 'buf' ? driver.getBuffer : driver.get;
  let done = 0;
  let next = 0;
  const counts = [];
  const faults = [];
  let lastFaults = process.resourceUsage().minorPageFault;
  const sample = setInterval(() => {
    counts.push(done);
    const now = process.resourceUsage().minorPageFault;
    faults.push(now - lastFaults);
    lastFaults = now;
  }, STEP_MS);
  const end = performance.now() + seconds * 1000;
  // One counter for every loop, as in the suite: calls in flight read different keys.
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (performance.now() < end) {
        await read(keys[next++ % keys.length]);
        done++;
      }
    }),
  );
  clearInterval(sample);
  const rates = counts.map((count, i) => Math.round(((count - (counts[i - 1] ?? 0)) * 1000) / STEP_MS));
  console.log(`${name.padEnd(16)} ops/s   ${rates.join(' ')}`);
  console.log(`${''.padEnd(16)} faults  ${faults.join(' ')}`);
  await driver.close();
  process.exit(0);
}
