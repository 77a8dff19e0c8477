/**
 * HealthTracker with no server: batch reports are made up here, the hooks are
 * recorded, and each probe is answered when the test says so. Failures are
 * counted per report; probe scheduling runs on vitest's fake timers (and fake
 * Date, so `downMs` is exact), never on the wall clock.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { BatchReport } from '../../src/engine/batcher.js';
import { faultError, type MemcachedError } from '../../src/errors.js';
import { HealthTracker } from '../../src/cluster/health.js';

const A = 'a:11211';
const B = 'b:11211';
const INTERVAL = 30_000;

type FaultStatus = 'TIMEOUT' | 'CONNECTION' | 'SERVER_DOWN' | 'AUTH' | 'SERVER_ERROR' | 'CLIENT_ERROR' | 'NOT_NUMERIC' | 'PROTOCOL' | 'UNKNOWN';

/**
 * A batch report: the servers that answered, and a fault per failed server.
 * Sent after every failure counted so far, unless `sentAt` says otherwise.
 */
function report(failed: Record<string, FaultStatus> = {}, answered: string[] = [], sentAt = Number.POSITIVE_INFINITY): BatchReport {
  return {
    sentAt,
    answered,
    failed: new Map(Object.entries(failed).map(([server, status]) => [server, faultError(status, server, `${status.toLowerCase()} at ${server}`)])),
  };
}

interface Probe {
  server: string;
  answer(answered: boolean | undefined): void;
  fail(error: Error): void;
}

/** `firstProbeDelay` defaults to the cap: a probe every INTERVAL, which the tests of probes below count on. */
function watch(failureLimit = 3, servers = [A, B], firstProbeDelay = INTERVAL) {
  const downs: Array<{ server: string; error: MemcachedError; failures: number }> = [];
  const ups: Array<{ server: string; downMs: number }> = [];
  const probes: Probe[] = [];
  const health = new HealthTracker(
    { failureLimit, firstProbeDelay, maxProbeDelay: INTERVAL },
    {
      down: (server, error, failures) => downs.push({ server, error, failures }),
      up: (server, downMs) => ups.push({ server, downMs }),
      probe: (server) =>
        new Promise<boolean | undefined>((resolve, reject) => {
          probes.push({ server, answer: resolve, fail: reject });
        }),
    },
  );
  for (const server of servers) health.add(server);
  /** Records `count` reports in which `server` could not be reached. */
  const failTimes = (count: number, server = A, status: FaultStatus = 'TIMEOUT') => {
    for (let i = 0; i < count; i++) health.record(report({ [server]: status }));
  };
  return { health, downs, ups, probes, failTimes };
}

/** Lets the probe's promise reactions run (setImmediate is not faked here). */
function turn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

describe('counting failures', () => {
  it.each(['TIMEOUT', 'CONNECTION', 'SERVER_DOWN'] as const)('declares a server dead after exactly failureLimit reports of %s', (status) => {
    const { health, downs, failTimes } = watch(3);
    failTimes(2, A, status);
    expect(health.isDead(A)).toBe(false);
    expect(downs).toHaveLength(0);
    failTimes(1, A, status);
    expect(health.isDead(A)).toBe(true);
    expect([...health.dead()]).toEqual([A]);
    expect(downs).toHaveLength(1);
    expect(downs[0]).toMatchObject({ server: A, failures: 3, error: { code: `ERR_${status}`, server: A } });
    // Already dead: counted no more, declared no more.
    failTimes(5, A, status);
    expect(downs).toHaveLength(1);
  });

  it('declares a server dead at the first failure with failureLimit 1', () => {
    const { health, downs, failTimes } = watch(1);
    failTimes(1);
    expect(health.isDead(A)).toBe(true);
    expect(downs.map((down) => down.failures)).toEqual([1]);
  });

  it.each(['AUTH', 'SERVER_ERROR', 'CLIENT_ERROR', 'NOT_NUMERIC', 'PROTOCOL', 'UNKNOWN'] as const)('does not count %s: the server was reached', (status) => {
    const { health, downs, failTimes } = watch(3);
    failTimes(10, A, status);
    expect(health.isDead(A)).toBe(false);
    expect(downs).toHaveLength(0);
    // Nor do they add to a count of real failures.
    failTimes(2, A, 'TIMEOUT');
    expect(health.isDead(A)).toBe(false);
  });

  // With failureLimit 1 the answer's reset cannot hide a counted failure.
  it.each([1, 3])('does not count a failure of a server that also answered in the same report (failureLimit %i)', (limit) => {
    const { health, downs } = watch(limit);
    for (let i = 0; i < 10; i++) health.record(report({ [A]: 'TIMEOUT' }, [A]));
    expect(health.isDead(A)).toBe(false);
    expect(downs).toHaveLength(0);
  });

  it('starts the count again after an answer: failureLimit failures in a row', () => {
    const { health, failTimes } = watch(3);
    failTimes(2);
    health.record(report({}, [A]));
    failTimes(2);
    expect(health.isDead(A)).toBe(false);
    failTimes(1);
    expect(health.isDead(A)).toBe(true);
  });

  it("does not reset a server's count for another server's answer", () => {
    const { health, failTimes } = watch(3);
    failTimes(2);
    health.record(report({}, [B]));
    failTimes(1);
    expect(health.isDead(A)).toBe(true);
    expect(health.isDead(B)).toBe(false);
  });

  it('counts every server of a report on its own', () => {
    const { health, downs } = watch(2);
    health.record(report({ [A]: 'TIMEOUT', [B]: 'CONNECTION' }));
    health.record(report({ [A]: 'TIMEOUT' }, [B]));
    expect([...health.dead()]).toEqual([A]);
    health.record(report({ [B]: 'CONNECTION' }));
    expect(health.isDead(B)).toBe(false);
    health.record(report({ [B]: 'CONNECTION' }));
    expect([...health.dead()].sort()).toEqual([A, B]);
    expect(downs.map((down) => down.server)).toEqual([A, B]);
  });

  it('ignores servers it does not watch, and stops counting a removed one', () => {
    const { health, downs, failTimes } = watch(2);
    failTimes(5, 'z:1');
    expect(health.dead().size).toBe(0);
    failTimes(1, A);
    health.remove(A);
    failTimes(5, A);
    expect(health.isDead(A)).toBe(false);
    expect(downs).toHaveLength(0);
    // Watched again, it starts alive with a count of zero.
    health.add(A);
    failTimes(1, A);
    expect(health.isDead(A)).toBe(false);
  });

  it('keeps a dead server dead when a batch reports it answered: only a probe brings it back', () => {
    const { health, failTimes } = watch(2);
    failTimes(2);
    health.record(report({}, [A]));
    expect(health.isDead(A)).toBe(true);
  });
});

describe('probes', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('probes a dead server every probeInterval until it answers, then declares it up once', async () => {
    const { health, ups, probes, failTimes } = watch(3);
    failTimes(3);
    vi.advanceTimersByTime(INTERVAL - 1);
    expect(probes).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(probes.map((probe) => probe.server)).toEqual([A]);
    // No answer: another probe, one interval on.
    probes[0]!.answer(false);
    await turn();
    expect(health.isDead(A)).toBe(true);
    vi.advanceTimersByTime(INTERVAL - 1);
    expect(probes).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(probes).toHaveLength(2);
    probes[1]!.answer(true);
    await turn();
    expect(health.isDead(A)).toBe(false);
    expect(ups).toEqual([{ server: A, downMs: 2 * INTERVAL }]);
    // Up again: no more probes.
    vi.advanceTimersByTime(10 * INTERVAL);
    expect(probes).toHaveLength(2);
    expect(ups).toHaveLength(1);
  });

  it('counts from zero again after a server comes back up', async () => {
    const { health, downs, probes, failTimes } = watch(3);
    failTimes(3);
    vi.advanceTimersByTime(INTERVAL);
    probes[0]!.answer(true);
    await turn();
    failTimes(2);
    expect(health.isDead(A)).toBe(false);
    failTimes(1);
    expect(health.isDead(A)).toBe(true);
    expect(downs).toHaveLength(2);
  });

  it('takes a probe that rejects for no answer, and probes again', async () => {
    const { health, ups, probes, failTimes } = watch(1);
    failTimes(1);
    vi.advanceTimersByTime(INTERVAL);
    probes[0]!.fail(new Error('connection refused'));
    await turn();
    expect(health.isDead(A)).toBe(true);
    vi.advanceTimersByTime(INTERVAL);
    expect(probes).toHaveLength(2);
    expect(ups).toHaveLength(0);
  });

  it('probes each dead server on its own schedule', async () => {
    const { probes, failTimes } = watch(1);
    failTimes(1, A);
    vi.advanceTimersByTime(INTERVAL / 2);
    failTimes(1, B);
    vi.advanceTimersByTime(INTERVAL / 2);
    expect(probes.map((probe) => probe.server)).toEqual([A]);
    vi.advanceTimersByTime(INTERVAL / 2);
    expect(probes.map((probe) => probe.server)).toEqual([A, B]);
  });

  it('stops every probe on close(), and ignores a probe answered after it', async () => {
    const { health, ups, probes, failTimes } = watch(1);
    failTimes(1, A);
    vi.advanceTimersByTime(INTERVAL / 2);
    failTimes(1, B);
    vi.advanceTimersByTime(INTERVAL / 2);
    // A's probe is in flight, B's is scheduled.
    expect(probes).toHaveLength(1);
    health.close();
    probes[0]!.answer(true);
    await turn();
    vi.advanceTimersByTime(10 * INTERVAL);
    expect(probes).toHaveLength(1);
    expect(ups).toHaveLength(0);
    expect(health.isDead(A)).toBe(true);
  });

  it('stops every probe when a probe says the client is gone (undefined)', async () => {
    const { probes, ups, failTimes } = watch(1);
    failTimes(1, A);
    vi.advanceTimersByTime(INTERVAL / 2);
    failTimes(1, B);
    vi.advanceTimersByTime(INTERVAL / 2);
    probes[0]!.answer(undefined);
    await turn();
    vi.advanceTimersByTime(10 * INTERVAL);
    expect(probes.map((probe) => probe.server)).toEqual([A]);
    expect(ups).toHaveLength(0);
  });

  it("stops a removed server's probe, scheduled or in flight, and no other", async () => {
    const { health, ups, probes, failTimes } = watch(1);
    failTimes(1, A);
    failTimes(1, B);
    health.remove(A);
    vi.advanceTimersByTime(INTERVAL);
    expect(probes.map((probe) => probe.server)).toEqual([B]);
    // B's probe in flight when B is removed: its answer changes nothing.
    health.remove(B);
    probes[0]!.answer(true);
    await turn();
    expect(ups).toHaveLength(0);
    // Added back, B is a new server: alive, with no probe.
    health.add(B);
    expect(health.isDead(B)).toBe(false);
    vi.advanceTimersByTime(10 * INTERVAL);
    expect(probes).toHaveLength(1);
  });

  it('does not let a removed and re-added server inherit the old probe', async () => {
    const { health, ups, probes, failTimes } = watch(1);
    failTimes(1, A);
    vi.advanceTimersByTime(INTERVAL);
    health.remove(A);
    health.add(A);
    failTimes(1, A);
    // The first probe (of the removed server) answers: the new A stays dead.
    probes[0]!.answer(true);
    await turn();
    expect(health.isDead(A)).toBe(true);
    expect(ups).toHaveLength(0);
    vi.advanceTimersByTime(INTERVAL);
    expect(probes).toHaveLength(2);
    probes[1]!.answer(true);
    await turn();
    expect(ups).toEqual([{ server: A, downMs: INTERVAL }]);
  });
});

describe('probe backoff', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Fails every probe that comes, and returns the waits (ms) before each of the first `count`. */
  async function waits(first: number, count: number): Promise<number[]> {
    const { probes, failTimes } = watch(1, [A], first);
    failTimes(1);
    const result: number[] = [];
    let waited = 0;
    while (result.length < count) {
      vi.advanceTimersByTime(1);
      waited++;
      if (probes.length > result.length) {
        result.push(waited);
        waited = 0;
        probes.at(-1)!.answer(false);
        await turn();
      }
    }
    return result;
  }

  it('probes first after firstProbeDelay, then doubles the wait up to the cap', async () => {
    expect(await waits(1000, 8)).toEqual([1000, 2000, 4000, 8000, 16_000, INTERVAL, INTERVAL, INTERVAL]);
  });

  it('never waits longer than the cap, even for the first probe', async () => {
    expect(await waits(2 * INTERVAL, 3)).toEqual([INTERVAL, INTERVAL, INTERVAL]);
  });

  it('starts again from firstProbeDelay when a server that came back dies again', async () => {
    const { health, probes, failTimes } = watch(1, [A], 1000);
    failTimes(1);
    vi.advanceTimersByTime(1000);
    probes[0]!.answer(false);
    await turn();
    vi.advanceTimersByTime(2000);
    expect(probes).toHaveLength(2);
    probes[1]!.answer(true);
    await turn();
    expect(health.isDead(A)).toBe(false);
    failTimes(1);
    vi.advanceTimersByTime(999);
    expect(probes).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(probes).toHaveLength(3);
  });
});

describe('batches in flight together', () => {
  it('count as one try: a failure counts only from a batch sent after the last one counted', () => {
    const { health, downs } = watch(3, [A]);
    const sentBefore = performance.now();
    health.record(report({ [A]: 'CONNECTION' }, [], sentBefore));
    // Two more batches that were sent with the first, failing with it.
    health.record(report({ [A]: 'CONNECTION' }, [], sentBefore));
    health.record(report({ [A]: 'TIMEOUT' }, [], sentBefore));
    expect(downs).toEqual([]);
    // Tries sent after it count.
    health.record(report({ [A]: 'CONNECTION' }));
    expect(downs).toEqual([]);
    health.record(report({ [A]: 'CONNECTION' }));
    expect(downs.map((down) => [down.server, down.failures])).toEqual([[A, 3]]);
  });
});
