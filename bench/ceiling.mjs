// The ceiling of a get: how many gets per second of one value size a client
// that does no work at all gets from the same memcached (one socket per call
// in flight, one `get` at a time, the answer counted in bytes and dropped:
// no parsing, no copy, no promise per call), beside memcache-native.
// Whatever a real client does costs on top of that, so no client, in any
// language, gets past the ceiling: a goal of N times a peer is only reachable
// where the peer is below ceiling / N.
//   node bench/ceiling.mjs                      (500 KB and 10 KB, 32 in flight)
//   node bench/ceiling.mjs 500000 1 32          (a size, then in-flight counts)
//   BENCH_SECONDS=3 MEMCACHED_SERVERS=host:port node bench/ceiling.mjs
import net from 'node:net';

import { Client } from '../dist/esm/index.mjs';
import { benchServers } from './lib/servers.mjs';

const [sizeArgument, ...inFlightArguments] = process.argv.slice(2).map(Number);
const sizes = sizeArgument === undefined ? [500_000, 10_000] : [sizeArgument];
const inFlights = inFlightArguments.length > 0 ? inFlightArguments : [32];
const seconds = Number(process.env.BENCH_SECONDS ?? 3);
const KEYS = 64;

const { servers, stop } = await benchServers(1);
const [host, port] = [servers[0].slice(0, servers[0].lastIndexOf(':')), Number(servers[0].slice(servers[0].lastIndexOf(':') + 1))];
const client = new Client(servers);

/** Gets per second from `inFlight` loops of `get(key)`, each awaiting its answer. */
async function rate(inFlight, get) {
  let calls = 0;
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: inFlight }, async (_, loop) => {
      for (let i = loop; performance.now() < end; i++) {
        await get(`ceiling:${i % KEYS}`, loop);
        calls++;
      }
    }),
  );
  return Math.round(calls / seconds);
}

/** One socket per loop; an answer is done when it ends in END\r\n after at least `size` bytes. */
async function rawSockets(inFlight, size) {
  const sockets = await Promise.all(
    Array.from(
      { length: inFlight },
      () =>
        new Promise((resolve) => {
          const socket = net.connect(port, host, () => resolve(socket));
          socket.setNoDelay(true);
        }),
    ),
  );
  const result = await rate(inFlight, (key, loop) => {
    const socket = sockets[loop];
    return new Promise((resolve) => {
      let received = 0;
      const onData = (chunk) => {
        received += chunk.length;
        if (received >= size && chunk.subarray(-5).toString('latin1') === 'END\r\n') {
          socket.off('data', onData);
          resolve();
        }
      };
      socket.on('data', onData);
      socket.write(`get ${key}\r\n`);
    });
  });
  for (const socket of sockets) socket.destroy();
  return result;
}

console.log(`ceiling: Node ${process.version}, memcached at ${servers[0]}, ${seconds} s per cell, Buffer values`);
const rows = [];
for (const size of sizes) {
  const value = Buffer.alloc(size, 'x');
  for (let i = 0; i < KEYS; i++) await client.set(`ceiling:${i}`, value);
  for (const inFlight of inFlights) {
    const native = await rate(inFlight, async (key) => {
      if ((await client.get(key))?.length !== size) throw new Error(`a get of ${key} did not read ${size} bytes`);
    });
    const ceiling = await rawSockets(inFlight, size);
    rows.push({ size, inFlight, 'memcache-native gets/s': native, 'ceiling gets/s': ceiling, 'of the ceiling': `${((100 * native) / ceiling).toFixed(0)} %` });
    console.log(rows.at(-1));
  }
}
console.table(rows);
await client.close();
await stop();
