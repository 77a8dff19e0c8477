/**
 * Which servers are dead, decided for the whole client from what its batches
 * report: a server that fails `failureLimit` tries in a row is dead until a probe
 * of its own gets an answer. The native pools already skip a server that
 * refused for `retryTimeout` ms; this is the longer-term verdict on top.
 *
 * Probes back off: the first comes `firstProbeDelay` after the server was
 * declared dead, and each next one after twice the wait before it, capped at
 * `maxProbeDelay`. A server that was only restarted is back within about a
 * second; one that stays down costs a probe per `maxProbeDelay`.
 */
import type { BatchReport } from '../engine/batcher.js';
import type { MemcachedError } from '../errors.js';

/** Faults that say a server could not be reached or did not answer in time. */
const UNREACHABLE = new Set(['ERR_CONNECTION', 'ERR_TIMEOUT', 'ERR_SERVER_DOWN', 'ERR_TLS']);

export interface HealthPolicy {
  failureLimit: number;
  /** Milliseconds from a server's death to its first probe. */
  firstProbeDelay: number;
  /** Milliseconds between probes of a dead server, at most (deadTimeout). */
  maxProbeDelay: number;
}

/** The first probe of a dead server comes this many milliseconds after its death (or after deadTimeout, if shorter). */
export const FIRST_PROBE_DELAY = 1000;

export interface HealthHooks {
  /** `server` has just been declared dead after `failures` failed tries; `error` is the last. */
  down(server: string, error: MemcachedError, failures: number): void;
  /** `server` answered a probe after being dead for `downMs`. */
  up(server: string, downMs: number): void;
  /** Asks `server` something cheap; resolves true when it answered, undefined when the client is gone. */
  probe(server: string): Promise<boolean | undefined>;
}

interface ServerState {
  failures: number;
  /** When the last failure was counted (performance.now()). */
  failedAt: number;
  /** When it was declared dead, or undefined while it is alive. */
  deadSince: number | undefined;
  probe: NodeJS.Timeout | undefined;
  /** Milliseconds before the next probe is sent. */
  probeDelay: number;
}

export class HealthTracker {
  private readonly servers = new Map<string, ServerState>();
  private closed = false;

  constructor(
    private readonly policy: HealthPolicy,
    private readonly hooks: HealthHooks,
  ) {}

  /** Starts watching `server`, alive. */
  add(server: string): void {
    if (!this.servers.has(server)) this.servers.set(server, { failures: 0, failedAt: -Infinity, deadSince: undefined, probe: undefined, probeDelay: 0 });
  }

  /** Stops watching `server`. */
  remove(server: string): void {
    const state = this.servers.get(server);
    if (state?.probe) clearTimeout(state.probe);
    this.servers.delete(server);
  }

  isDead(server: string): boolean {
    return this.servers.get(server)?.deadSince !== undefined;
  }

  /** The servers declared dead. */
  dead(): Set<string> {
    const dead = new Set<string>();
    for (const [server, state] of this.servers) if (state.deadSince !== undefined) dead.add(server);
    return dead;
  }

  /**
   * Counts one try for each server the batch reached. Batches that were in
   * flight together when a server failed are one try: a failure counts only
   * from a batch sent after the last one counted.
   */
  record(report: BatchReport): void {
    for (const server of report.answered) {
      const state = this.servers.get(server);
      if (state && state.deadSince === undefined) state.failures = 0;
    }
    for (const [server, error] of report.failed) {
      const state = this.servers.get(server);
      if (!state || state.deadSince !== undefined || !UNREACHABLE.has(error.code)) continue;
      if (report.answered.includes(server)) continue;
      if (report.sentAt <= state.failedAt) continue;
      state.failures++;
      state.failedAt = performance.now();
      if (state.failures >= this.policy.failureLimit) {
        state.deadSince = Date.now();
        state.probeDelay = Math.min(this.policy.firstProbeDelay, this.policy.maxProbeDelay);
        this.hooks.down(server, error, state.failures);
        this.scheduleProbe(server, state);
      }
    }
  }

  /** Stops every probe. */
  close(): void {
    this.closed = true;
    for (const state of this.servers.values()) if (state.probe) clearTimeout(state.probe);
  }

  private scheduleProbe(server: string, state: ServerState): void {
    if (this.closed) return;
    const delay = state.probeDelay;
    state.probeDelay = Math.min(delay * 2, this.policy.maxProbeDelay);
    state.probe = setTimeout(() => {
      state.probe = undefined;
      void this.hooks.probe(server).then(
        (answered) => this.afterProbe(server, state, answered),
        () => this.afterProbe(server, state, false),
      );
    }, delay);
    // Probes never keep the process alive on their own.
    state.probe.unref();
  }

  private afterProbe(server: string, state: ServerState, answered: boolean | undefined): void {
    if (answered === undefined) this.close();
    if (this.closed || this.servers.get(server) !== state || state.deadSince === undefined) return;
    if (!answered) {
      this.scheduleProbe(server, state);
      return;
    }
    const downMs = Date.now() - state.deadSince;
    state.deadSince = undefined;
    state.failures = 0;
    this.hooks.up(server, downMs);
  }
}
