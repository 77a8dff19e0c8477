// Pauses in a stream of calls: one client keeps IN_FLIGHT calls going for
// RUN_SECONDS, a new client per run, and each run reports its calls a second
// and every stretch of more than 3 ms in which no call settled. A client that
// waits where it has something to read shows as pauses as long as its
// `timeout` (bench/README.md, "A TLS read that waited for the reply deadline").
//   node bench/pauses.mjs                  (TLS, 10 KB string gets, 32 in flight)
//   TLS=0 node bench/pauses.mjs            (plaintext, on the same memcached)
//   CMD=set SIZE=100 IN_FLIGHT=256 RUNS=10 RUN_SECONDS=1.5 node bench/pauses.mjs
import { Client, textCodec } from '../dist/esm/index.mjs';
import { drive } from './lib/drive.mjs';
import { tlsServer } from './lib/tls.mjs';
import { preload } from './lib/workload.mjs';

const TLS = process.env.TLS !== '0';
const CMD = process.env.CMD ?? 'get';
const SIZE = Number(process.env.SIZE ?? 10_000);
const IN_FLIGHT = Number(process.env.IN_FLIGHT ?? 32);
const RUNS = Number(process.env.RUNS ?? 12);
const RUN_SECONDS = Number(process.env.RUN_SECONDS ?? 1.5);
const PAUSE_MS = 3;

const server = await tlsServer();
const keys = Array.from({ length: 100 }, (_, i) => `pauses:${i}`);
const value = 'v'.repeat(SIZE);
console.log(`${TLS ? 'TLS' : 'plaintext'} ${CMD} of ${SIZE} B strings, ${IN_FLIGHT} in flight, a new client per ${RUN_SECONDS} s run:`);
console.log('run   calls/s  pauses  ms paused  longest (ms)');
for (let run = 1; run <= RUNS; run++) {
  const client = new Client([TLS ? server.tlsAddress : server.plainAddress], { codec: textCodec, ...(TLS ? { tls: server.tls } : {}) });
  await preload(client, { keys, value });
  const pauses = [];
  let last = performance.now();
  const callsPerSecond = await drive(
    async (i) => {
      const key = keys[i % keys.length];
      await (CMD === 'get' ? client.get(key) : client.set(key, value));
      const now = performance.now();
      if (now - last > PAUSE_MS) pauses.push(now - last);
      last = now;
    },
    { inFlight: IN_FLIGHT, seconds: RUN_SECONDS },
  );
  await client.close();
  const paused = pauses.reduce((sum, pause) => sum + pause, 0);
  const longest = pauses
    .sort((a, b) => b - a)
    .slice(0, 3)
    .map((pause) => pause.toFixed(1));
  const row = [run, Math.round(callsPerSecond), pauses.length, Math.round(paused)];
  console.log(`${row.map((cell, i) => String(cell).padStart([3, 9, 7, 10][i])).join(' ')}  ${longest.join(', ')}`);
}
await server.stop();
