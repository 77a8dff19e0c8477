// What the `callStacks` option costs on the get path: gets of a 100-byte value
// at 1 and 256 operations in flight, without and with the option, alternating
// rounds; reports operations per second and CPU microseconds per get.
//   node bench/call-stacks.mjs
//   MEMCACHED_SERVERS=host:port node bench/call-stacks.mjs
import { Client } from '../dist/esm/index.mjs';
import { drive } from './lib/drive.mjs';
import { benchServers } from './lib/servers.mjs';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 1.5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const { servers, stop } = await benchServers(1);
const clients = { off: new Client(servers), on: new Client(servers, { callStacks: true }) };
await clients.off.set('stacks', 'v'.repeat(100));
console.log(`call-stacks: Node ${process.version}, memcached at ${servers.join(',')}, ${ROUNDS} rounds of ${SECONDS}s`);

const rows = [];
for (const inFlight of [1, 256]) {
  const totals = { off: { ops: 0, cpu: 0, seconds: 0 }, on: { ops: 0, cpu: 0, seconds: 0 } };
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of round % 2 === 0 ? ['off', 'on'] : ['on', 'off']) {
      const client = clients[name];
      await drive(() => client.get('stacks'), { inFlight, seconds: 0.2 });
      const cpu = process.cpuUsage();
      const opsPerSecond = await drive(() => client.get('stacks'), { inFlight, seconds: SECONDS });
      const used = process.cpuUsage(cpu);
      totals[name].ops += opsPerSecond * SECONDS;
      totals[name].cpu += used.user + used.system;
      totals[name].seconds += SECONDS;
    }
  }
  for (const name of ['off', 'on']) {
    const total = totals[name];
    rows.push({
      inFlight,
      callStacks: name,
      'gets/s': Math.round(total.ops / total.seconds),
      'CPU us/get': (total.cpu / total.ops).toFixed(2),
    });
  }
}
console.table(rows);
await clients.off.close();
await clients.on.close();
await stop();
