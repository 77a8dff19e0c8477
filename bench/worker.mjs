// Runs the cells of one client in its own process, so the CPU time and RSS it
// reports are that client's alone. Started by bench/run.mjs with a job
// { client, servers, seconds, warmup } as argv[2]; the parent sends one cell
// at a time ({ cell }), and gets { cell, result } or { cell, error } back;
// { done: true } closes the drivers and ends the process.
import { measure } from './lib/measure.mjs';
import { operation, preload, workload } from './lib/workload.mjs';

const job = JSON.parse(process.argv[2]);
const { create } = await import(`./drivers/${job.client}.mjs`);

// One driver per server count, created once: connection set-up is not measured.
const drivers = new Map();
const driverFor = (count) => {
  if (!drivers.has(count)) drivers.set(count, create(job.servers.slice(0, count)));
  return drivers.get(count);
};
const loaded = new Set();

async function run(cell) {
  if (job.servers.length < cell.servers) {
    throw new Error(`needs ${cell.servers} servers, MEMCACHED_SERVERS has ${job.servers.length}`);
  }
  const driver = driverFor(cell.servers);
  const work = workload(cell);
  const loadKey = `${cell.size}/${cell.servers}`;
  if (!loaded.has(loadKey)) {
    await preload(driver, work);
    loaded.add(loadKey);
  }
  const op = operation(driver, cell, work);
  await measure(op, { inFlight: cell.inFlight, seconds: job.warmup });
  return measure(op, { inFlight: cell.inFlight, seconds: job.seconds });
}

process.on('message', async (message) => {
  if (message.done) {
    await Promise.all([...drivers.values()].map((driver) => driver.close()));
    // Some peers keep timers or sockets alive after close; the results are sent.
    process.disconnect();
    process.exit(0);
  }
  const { cell } = message;
  try {
    process.send({ cell, result: await run(cell) });
  } catch (error) {
    process.send({ cell, error: String(error?.message ?? error) });
  }
});
