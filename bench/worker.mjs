// Runs one cell of one client in a process of its own, so the CPU time and
// RSS it reports are that client's and that cell's alone. Started by bench/run.mjs with a job
// { client, servers, namespace, tls } as argv[2] (namespace: the start of this
// client's keys, its own so no client reads what another stored; tls: the TLS
// options for the driver, in the TLS cells, or absent); the parent
// sends one round of a cell at a time ({ cell, round, seconds, warmup }), and
// gets { cell, result } (the cell's rounds so far) or { cell, error } back;
// { done: true } closes the drivers and ends the process.
import { Recorder, measure } from './lib/measure.mjs';
import { operation, preload, verify, workload } from './lib/workload.mjs';

const job = JSON.parse(process.argv[2]);
const { create } = await import(`./drivers/${job.client}.mjs`);

// One driver per server count, created once: connection set-up is not measured.
const drivers = new Map();
const driverFor = (count) => {
  if (!drivers.has(count)) drivers.set(count, create(job.servers.slice(0, count), { tls: job.tls }));
  return drivers.get(count);
};
const loaded = new Set();
// Made once: a reservoir is 2 MB, not to be allocated while RSS is watched.
const warmUp = new Recorder();
const rounds = new Recorder();

async function run({ cell, round, seconds, warmup }) {
  if (job.servers.length < cell.servers) {
    throw new Error(`needs ${cell.servers} servers, MEMCACHED_SERVERS has ${job.servers.length}`);
  }
  const driver = driverFor(cell.servers);
  const work = workload(cell, job.namespace);
  const loadKey = `${work.id}/${cell.servers}`;
  if (!loaded.has(loadKey)) {
    await preload(driver, work);
    loaded.add(loadKey);
  }
  const op = operation(driver, cell, work);
  if (round === 0) {
    // Once per cell, before its warm-up: a get must return what was stored
    // (a Buffer of the same bytes for a Buffer), or the cell fails.
    await verify(driver, work);
    rounds.reset();
  }
  await measure(op, { inFlight: cell.inFlight, seconds: warmup }, warmUp.reset());
  return measure(op, { inFlight: cell.inFlight, seconds }, rounds);
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
    process.send({ cell, result: await run(message) });
  } catch (error) {
    process.send({ cell, error: String(error?.message ?? error) });
  }
});
