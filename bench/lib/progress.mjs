// One stderr line per finished cell, with the time spent and an estimate of
// the time left, so a five-minute run never looks hung.

const clock = (s) => `${Math.floor(s / 60)}m${String(Math.round(s % 60)).padStart(2, '0')}s`;

export class Progress {
  /** `phases`: [{ count, seconds }], the expected number of cells and seconds per cell of each phase. */
  constructor(phases) {
    this.phases = phases.map((phase) => ({ ...phase, done: 0 }));
    this.total = phases.reduce((sum, phase) => sum + phase.count, 0);
    this.finished = 0;
    this.started = performance.now();
  }

  done(who, id, outcome) {
    const phase = this.phases[who === 'memaslap' ? 1 : 0];
    phase.done++;
    this.finished++;
    const elapsed = (performance.now() - this.started) / 1000;
    const left = this.phases.reduce((sum, p) => sum + Math.max(0, p.count - p.done) * p.seconds, 0);
    const what = outcome.error
      ? `ERROR ${outcome.error}`
      : `${Math.round(outcome.opsPerSec).toLocaleString('en-US')} ops/s` +
        (outcome.p99Ms !== undefined ? `  p50 ${outcome.p50Ms.toFixed(3)} ms  p99 ${outcome.p99Ms.toFixed(3)} ms` : '');
    const count = `${String(this.finished).padStart(String(this.total).length)}/${this.total}`;
    process.stderr.write(`[${count}] ${who.padEnd(15)} ${id.padEnd(24)} ${what}   (${clock(elapsed)} elapsed, ~${clock(left)} left)\n`);
  }
}
