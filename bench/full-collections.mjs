// Full garbage collections while one long-lived client reads 10 KB strings:
// busy runs separated by idle seconds in which the application allocates
// (young-generation collections go on while the client waits), as a server's
// cache client lives. Each run's gets a second, client CPU per get and the
// count of full (mark-compact) collections. Many full collections mean values
// the client let go of were kept alive into the old generation
// (bench/README.md, "A slow state of 10 KB string gets, found and removed").
//   node bench/full-collections.mjs
//   SIGNAL=1 node bench/full-collections.mjs   (every call given one long-lived AbortSignal)
//   RUNS=12 RUN_SECONDS=2 IDLE_SECONDS=1 IN_FLIGHT=32 SIZE=10000 node bench/full-collections.mjs
import { PerformanceObserver, constants } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';

import { Client, textCodec } from '../dist/esm/index.mjs';
import { benchServers } from './lib/servers.mjs';
import { preload } from './lib/workload.mjs';

const RUNS = Number(process.env.RUNS ?? 6);
const RUN_SECONDS = Number(process.env.RUN_SECONDS ?? 2);
const IDLE_SECONDS = Number(process.env.IDLE_SECONDS ?? 1);
const IN_FLIGHT = Number(process.env.IN_FLIGHT ?? 32);
const SIZE = Number(process.env.SIZE ?? 10_000);
const KEYS = 1000;

let full = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if (entry.detail.kind === constants.NODE_PERFORMANCE_GC_MAJOR) full++;
}).observe({ entryTypes: ['gc'] });

/** The application's own work while the client waits: short-lived objects, so young collections run. */
async function idle(seconds) {
  const end = performance.now() + seconds * 1000;
  let garbage = [];
  while (performance.now() < end) {
    for (let i = 0; i < 1000; i++) garbage.push({ item: [i, i + 1] });
    if (garbage.length > 100_000) garbage = [];
    await nextTurn();
  }
}

const { servers, stop } = await benchServers(1);
const client = new Client(servers, { codec: textCodec });
const value = 'v'.repeat(SIZE);
const signal = process.env.SIGNAL === '1' ? new AbortController().signal : undefined;
const options = signal === undefined ? undefined : { signal };
const keys = Array.from({ length: KEYS }, (_, i) => `gc:${i}`);
await preload(client, { keys, value });
console.log(
  `${SIZE} B string gets, ${IN_FLIGHT} in flight, one client, ${RUN_SECONDS} s runs ${IDLE_SECONDS} s apart${signal ? ', one signal for every call' : ''}:`,
);
console.log('run  gets/s  us/get  full collections');
for (let run = 1; run <= RUNS; run++) {
  full = 0;
  let done = 0;
  const cpu = process.cpuUsage();
  const end = performance.now() + RUN_SECONDS * 1000;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async (_, loop) => {
      for (let i = loop; performance.now() < end; i += IN_FLIGHT) {
        await client.get(keys[i % KEYS], options);
        done++;
      }
    }),
  );
  const used = process.cpuUsage(cpu);
  const row = [run, Math.round(done / RUN_SECONDS), ((used.user + used.system) / done).toFixed(1), full];
  console.log(row.map((cell, i) => String(cell).padStart(i === 0 ? 3 : 7)).join(' '));
  await idle(IDLE_SECONDS);
}
await client.close();
await stop();
