// A closed loop like lib/drive.mjs (`inFlight` loops, each awaiting one
// operation at a time) that also records what each operation cost: latency
// per operation, CPU time of this process and its peak RSS. Run one client per
// process (bench/worker.mjs) so CPU and RSS belong to that client alone.

// Latencies go into a fixed reservoir (Algorithm R) so a long cell neither
// allocates while it is measured nor grows without bound; 256 Ki samples keep
// p99 to well under 1% error.
const RESERVOIR = 1 << 18;

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

/** The middle value (the upper one of an even count). */
export function median(values) {
  return percentile(
    [...values].sort((a, b) => a - b),
    0.5,
  );
}

/**
 * What the rounds of one cell add up to. A cell is measured in rounds, the
 * clients taking turns, so a drift of the machine's speed touches them all
 * alike; the recorder sums the rounds and keeps each round's rate.
 */
export class Recorder {
  samples = new Float64Array(RESERVOIR);

  constructor() {
    this.reset();
  }

  reset() {
    this.recorded = 0;
    this.done = 0;
    this.errors = 0;
    this.misses = 0;
    this.firstError = undefined;
    this.seconds = 0;
    this.cpuMicros = 0;
    this.peakRss = 0;
    this.roundOpsPerSec = [];
    return this;
  }

  latency(ms) {
    if (this.recorded < RESERVOIR) this.samples[this.recorded] = ms;
    else {
      const slot = Math.floor(Math.random() * (this.recorded + 1));
      if (slot < RESERVOIR) this.samples[slot] = ms;
    }
    this.recorded++;
  }

  summary() {
    const sorted = this.samples.subarray(0, Math.min(this.recorded, RESERVOIR)).slice().sort();
    const succeeded = this.done - this.errors;
    return {
      ops: succeeded,
      seconds: this.seconds,
      opsPerSec: succeeded / this.seconds,
      roundOpsPerSec: this.roundOpsPerSec,
      p50Ms: percentile(sorted, 0.5),
      p99Ms: percentile(sorted, 0.99),
      cpuMsPer1k: this.done ? (this.cpuMicros / 1000 / this.done) * 1000 : NaN,
      peakRssMb: this.peakRss / 2 ** 20,
      misses: this.misses,
      errors: this.errors,
      firstError: this.firstError && String(this.firstError.message ?? this.firstError),
    };
  }
}

/** Runs one round into `recorder` and returns the summary of its rounds so far. */
export async function measure(operation, { inFlight, seconds }, recorder = new Recorder()) {
  let done = 0;
  let errors = 0;
  let stop = false;

  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 50);

  const deadline = performance.now() + seconds * 1000;
  // The loops look at the clock every 64 operations only; a client that does
  // a few operations a second (memcached reading 500 KB Buffers: ~2/s at 32
  // in flight) would run long past the deadline, so a timer stops it too.
  const timer = setTimeout(() => {
    stop = true;
  }, seconds * 1000);
  const loop = async (worker) => {
    let i = worker;
    while (!stop) {
      const start = process.hrtime.bigint();
      try {
        recorder.misses += await operation(i);
      } catch (error) {
        errors++;
        recorder.firstError ??= error;
      }
      recorder.latency(Number(process.hrtime.bigint() - start) / 1e6);
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
  clearTimeout(timer);

  recorder.done += done;
  recorder.errors += errors;
  recorder.seconds += elapsed;
  recorder.cpuMicros += cpu.user + cpu.system;
  recorder.peakRss = Math.max(recorder.peakRss, peakRss, process.memoryUsage().rss);
  recorder.roundOpsPerSec.push((done - errors) / elapsed);
  return recorder.summary();
}
