// Resident memory over a long run: 5 million mixed operations (gets, sets,
// getMany of 20, incr, deletes, misses) at 256 in flight on one client, RSS
// sampled every 250,000 operations. After a warm-up of 1 million operations RSS
// must stay within 10% of the warm-up level; the script exits 1 if it does not.
//   npm run bench:memory
//   OPERATIONS=20000000 npm run bench:memory
//   MEMCACHED_SERVERS=host:port npm run bench:memory
import { Client, nativeResources, textCodec } from '../dist/esm/index.mjs';
import { sampledLoad } from '../scripts/lib/sampled-load.mjs';
import { benchServers } from './lib/servers.mjs';

const OPERATIONS = Number(process.env.OPERATIONS ?? 5_000_000);
const WARM_UP = Math.min(1_000_000, OPERATIONS / 5);
const SAMPLE_EVERY = 250_000;
const IN_FLIGHT = 256;
const KEYS = 10_000;
const LIMIT = 0.1;

const { servers, stop } = await benchServers(1);
const client = new Client(servers, { codec: textCodec });
const values = [10, 100, 1000, 10_000].map((size) => 'x'.repeat(size));

// One operation; each returns how many operations it counts for.
async function step(i) {
  const key = `mem:${(i * 7919) % KEYS}`;
  switch (i % 20) {
    case 0:
      await client.getMany(Array.from({ length: 20 }, (_, j) => `mem:${(i + j * 13) % KEYS}`));
      return 20;
    case 1:
    case 2:
      await client.set(key, values[i % values.length]);
      return 1;
    case 3:
      await client.incr(`mem:counter:${i % 100}`, 1, { initial: 0 });
      return 1;
    case 4:
      await client.delete(`mem:missing:${i}`);
      return 1;
    case 5:
      await client.get(`mem:missing:${i}`);
      return 1;
    default:
      await client.get(key);
      return 1;
  }
}

const started = performance.now();
const { done, samples } = await sampledLoad({
  operations: OPERATIONS,
  inFlight: IN_FLIGHT,
  firstSample: WARM_UP,
  sampleEvery: SAMPLE_EVERY,
  step,
  sample: (operations) => ({
    operations,
    rss: process.memoryUsage.rss(),
    heap: process.memoryUsage().heapTotal,
    spare: nativeResources().spareValueBytes,
  }),
});
const seconds = (performance.now() - started) / 1000;
await client.close();
await stop();

const baseline = samples[0].rss;
const mib = (bytes) => (bytes / 1024 / 1024).toFixed(1);
const worst = samples.reduce((far, sample) => (Math.abs(sample.rss - baseline) > Math.abs(far.rss - baseline) ? sample : far));
const drift = (worst.rss - baseline) / baseline;
for (const sample of samples) {
  process.stdout.write(
    `${String(sample.operations).padStart(10)} ops  RSS ${mib(sample.rss)} MiB  (JS heap committed ${mib(sample.heap)}, spare value memory ${mib(sample.spare)})\n`,
  );
}
process.stdout.write(
  `${done} operations in ${seconds.toFixed(1)} s (${Math.round(done / seconds)} ops/s); ` +
    `RSS after warm-up ${mib(baseline)} MiB, furthest ${mib(worst.rss)} MiB (${(drift * 100).toFixed(1)}%), limit ±${LIMIT * 100}%\n`,
);
process.exitCode = Math.abs(drift) <= LIMIT ? 0 : 1;
