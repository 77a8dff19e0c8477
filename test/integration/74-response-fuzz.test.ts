/**
 * Fuzzes the reply parsing of the pipeline (reads and writes alike go through
 * it) with a fake server that spoils some replies at random: garbage,
 * replies cut short, a VALUE for another key, wrong byte counts, stray lines,
 * silence. Each seed runs in a child process (test/support/response-fuzz.mjs),
 * so a crash or a hang fails the test instead of taking the runner down.
 */
import { describe, expect, it } from 'vitest';

import { ensureDist, runNode } from '../support/util.js';

const SEEDS = [101, 202];
const OPERATIONS = 2000;

describe('replies a server should never send', () => {
  it.each(SEEDS)(
    "seed %i: every call settles with a correct result or a typed error, never another key's value",
    (seed) => {
      ensureDist();
      const run = runNode(['test/support/response-fuzz.mjs', String(seed), String(OPERATIONS)], {}, 120_000);
      expect(run.signal, run.stderr).toBeNull();
      const summary = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as { ok: number; typed: number; problems: string[] };
      expect(summary.problems).toEqual([]);
      expect(run.status).toBe(0);
      // The spoiling did happen, and most calls still went through.
      expect(summary.typed).toBeGreaterThan(OPERATIONS * 0.02);
      expect(summary.ok).toBeGreaterThan(OPERATIONS * 0.5);
    },
    150_000,
  );
});
