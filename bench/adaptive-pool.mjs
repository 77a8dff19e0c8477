// maxConnections under open-loop load: gets on fresh keys arrive in groups of
// 10 about every half millisecond for 2 s, against a memcached whose replies a
// proxy delays by 2 ms (a distant server). With one connection, arrivals wait
// for the batch in flight; with more, batches overlap.
//   node bench/adaptive-pool.mjs
import { Client, textCodec } from '../dist/esm/index.mjs';
import { latencyProxy } from '../scripts/lib/latency-proxy.mjs';
import { startMemcached } from '../scripts/lib/memcached.mjs';

const memcached = await startMemcached();
const proxy = await latencyProxy(memcached.address, 2);
for (const maxConnections of [1, 2, 4]) {
  const client = new Client(proxy.address, { codec: textCodec, maxConnections, maxConcurrentBatches: 4 });
  await client.get('warm-up');
  const latencies = [];
  const pending = [];
  let peak = 0;
  let next = 0;
  const end = performance.now() + 2000;
  while (performance.now() < end) {
    for (let i = 0; i < 10; i++) {
      const issued = performance.now();
      pending.push(client.get(`key${next++}`).then(() => latencies.push(performance.now() - issued)));
    }
    peak = Math.max(peak, client.counters.connections);
    await new Promise((resolve) => setTimeout(resolve, 0.5));
  }
  await Promise.all(pending);
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.floor(latencies.length * q)].toFixed(2);
  console.log(`maxConnections ${maxConnections}: ${latencies.length} gets, p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, connections up to ${peak}`);
  await client.close();
}
await proxy.close();
await memcached.stop();
