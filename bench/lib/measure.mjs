// A closed loop like lib/drive.mjs (`inFlight` loops, each awaiting one
// operation at a time) that also records what each operation cost: latency
// per operation, CPU time of this process and its peak RSS. Run one client per
// process (bench/worker.mjs) so CPU and RSS belong to that client alone.

// Latencies go into a fixed reservoir (Algorithm R) so a long cell neither
// allocates while it is measured nor grows without bound; 256 Ki samples keep
// p99 to well under 1% error.
const RESERVOIR = 1 << 18;
const samples = new Float64Array(RESERVOIR);

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

export async function measure(operation, { inFlight, seconds }) {
  let done = 0;
  let recorded = 0;
  let misses = 0;
  let errors = 0;
  let firstError;
  let stop = false;

  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 50);

  const deadline = performance.now() + seconds * 1000;
  const loop = async (worker) => {
    let i = worker;
    while (!stop) {
      const start = process.hrtime.bigint();
      try {
        misses += await operation(i);
      } catch (error) {
        errors++;
        firstError ??= error;
      }
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (recorded < RESERVOIR) samples[recorded] = ms;
      else {
        const slot = Math.floor(Math.random() * (recorded + 1));
        if (slot < RESERVOIR) samples[slot] = ms;
      }
      recorded++;
      i += inFlight;
      if (++done % 64 === 0 && performance.now() >= deadline) stop = true;
    }
  };

  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await Promise.all(Array.from({ length: inFlight }, (_, worker) => loop(worker)));
  const elapsed = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);

  const sorted = samples.subarray(0, Math.min(recorded, RESERVOIR)).slice().sort();
  const succeeded = done - errors;
  return {
    ops: succeeded,
    seconds: elapsed,
    opsPerSec: succeeded / elapsed,
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
    cpuMsPer1k: done ? ((cpu.user + cpu.system) / 1000 / done) * 1000 : NaN,
    peakRssMb: peakRss / 2 ** 20,
    misses,
    errors,
    firstError: firstError && String(firstError.message ?? firstError),
  };
}
