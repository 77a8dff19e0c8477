// Soak: 5 million mixed operations, faults included, while clients come and
// go. Checks that resident memory, open file descriptors and native pools,
// handles and sockets stay bounded, and exits 1 if they do not.
//
// Alongside a main client running gets, sets, getMany, incr, deletes and
// rejected inputs at 128 in flight against a real memcached, it keeps making:
// short-lived clients that are closed, clients that are dropped without
// close() (collected by the GC), clients of a server that never answers
// (timeouts) and of a port that refuses (connection errors).
//   node --expose-gc scripts/soak.mjs            (npm run soak)
//   OPERATIONS=20000000 node --expose-gc scripts/soak.mjs
import { readdirSync } from 'node:fs';
import * as net from 'node:net';

import { Client, MemcachedError, nativeResources, textCodec } from '../dist/esm/index.mjs';
import { freePort, startMemcached } from './lib/memcached.mjs';
import { sampledLoad } from './lib/sampled-load.mjs';

const OPERATIONS = Number(process.env.OPERATIONS ?? 5_000_000);
const WARM_UP = Math.min(1_000_000, OPERATIONS / 5);
const SAMPLE_EVERY = 250_000;
const IN_FLIGHT = 128;
// Bounds after warm-up: RSS at most 25% above its warm-up level; descriptors
// and native objects at most a fixed number above it. Dropped side clients are
// collected a GC or two after they go (about a second's worth, 5-20, is
// pending at any sample); a leak of them would pass 150 within the run.
const RSS_LIMIT = 0.25;
const SLACK = { fds: 100, pools: 32, handles: 32, sockets: 32 };

if (typeof globalThis.gc !== 'function') {
  console.error('soak: run with node --expose-gc');
  process.exit(2);
}

const memcached = await startMemcached();
const silent = net.createServer((socket) => socket.resume());
await new Promise((resolve) => silent.listen(0, '127.0.0.1', resolve));
const silentAddress = `127.0.0.1:${silent.address().port}`;
const refusedAddress = `127.0.0.1:${await freePort()}`;

const main = new Client(memcached.address, { codec: textCodec });
const value = 'v'.repeat(200);
const tooLarge = Buffer.alloc(1024 * 1024 + 1);
const tally = { ok: 0, typed: 0, untyped: 0 };
const settle = (promise) =>
  promise.then(
    () => tally.ok++,
    (error) => (error instanceof MemcachedError ? tally.typed++ : (tally.untyped++, console.error(error))),
  );

async function step(i) {
  const key = `soak:${i % 5000}`;
  switch (i % 16) {
    case 0:
      await settle(main.getMany([key, `soak:${(i + 1) % 5000}`, `soak:${(i + 2) % 5000}`, `soak:missing:${i}`]));
      return 4;
    case 1:
    case 2:
      await settle(main.set(key, value));
      return 1;
    case 3:
      await settle(main.incr(`soak:n:${i % 50}`, 1, { initial: 0 }));
      return 1;
    case 4:
      await settle(main.delete(`soak:missing:${i}`));
      return 1;
    case 5:
      await settle(main.get(`bad key ${i}`)); // rejected before any I/O
      return 1;
    case 6:
      await settle(main.set(key, tooLarge)); // too large: rejected before any I/O
      return 1;
    default:
      await settle(main.get(key));
      return 1;
  }
}

// Side traffic, one kind after another, never more than one side client at once.
let sideRound = 0;
let running = true;
async function sideTraffic() {
  while (running) {
    const round = sideRound++;
    const kind = round % 4;
    // Each kind of side client in turn under either protocol.
    const protocol = Math.floor(round / 4) % 2 === 0 ? 'ascii' : 'binary';
    const options = { codec: textCodec, timeout: 50, connectTimeout: 50, retryTimeout: 0, protocol };
    const address = [memcached.address, memcached.address, silentAddress, refusedAddress][kind];
    const client = new Client(address, options);
    await Promise.all(Array.from({ length: 20 }, (_, i) => settle(i % 2 ? client.get(`side:${i}`) : client.set(`side:${i}`, 'v'))));
    // One in four is dropped without close(): its finalizer must free it.
    if (kind !== 1) await client.close();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function sample(operations) {
  globalThis.gc();
  return {
    operations,
    rss: process.memoryUsage.rss(),
    fds: readdirSync('/proc/self/fd').length,
    ...nativeResources(),
  };
}

const started = performance.now();
const side = sideTraffic();
const { done, samples } = await sampledLoad({
  operations: OPERATIONS,
  inFlight: IN_FLIGHT,
  firstSample: WARM_UP,
  sampleEvery: SAMPLE_EVERY,
  step,
  sample,
});
running = false;
await side;
const seconds = (performance.now() - started) / 1000;
await main.close();
silent.close();
await memcached.stop();

const base = samples[0];
const mib = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const failures = [];
for (const s of samples) {
  if ((s.rss - base.rss) / base.rss > RSS_LIMIT) failures.push(`RSS ${mib(s.rss)} at ${s.operations} (warm-up ${mib(base.rss)})`);
  for (const [name, slack] of Object.entries(SLACK)) {
    if (s[name] > base[name] + slack) failures.push(`${name} ${s[name]} at ${s.operations} (warm-up ${base[name]})`);
  }
}
if (tally.untyped > 0) failures.push(`${tally.untyped} untyped errors`);
const last = samples.at(-1);
console.log(
  `soak: ${done} operations in ${seconds.toFixed(1)} s (${Math.round(done / seconds)}/s), ${sideRound} side clients; ` +
    `${tally.ok} ok, ${tally.typed} typed errors; after warm-up -> end: RSS ${mib(base.rss)} -> ${mib(last.rss)}, ` +
    `fds ${base.fds} -> ${last.fds}, pools ${base.pools} -> ${last.pools}, handles ${base.handles} -> ${last.handles}, ` +
    `sockets ${base.sockets} -> ${last.sockets}`,
);
if (failures.length > 0) {
  console.error(`soak: FAILED\n  ${failures.slice(0, 10).join('\n  ')}`);
  process.exit(1);
}
console.log('soak: ok');
