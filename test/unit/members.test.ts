/**
 * Members: the group the batcher keeps its running batches in and a signal
 * its waiting calls in. Checked against a Set as the model, in random orders
 * of joining and leaving.
 */
import { describe, expect, it } from 'vitest';

import { Members, type Membership } from '../../src/members.js';

/** A deterministic stream of numbers in [0, 1), so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const sorted = (values: number[]) => [...values].sort((a, b) => a - b);

describe('Members', () => {
  it('holds what was added and not removed, whatever the order of leaving', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const next = random(seed);
      const members = new Members<number>();
      const model = new Set<number>();
      const joined: Array<Membership<number>> = [];
      for (let step = 0; step < 500; step++) {
        if (joined.length === 0 || next() < 0.55) {
          joined.push(members.add(step));
          model.add(step);
        } else {
          const leaving = joined.splice(Math.floor(next() * joined.length), 1)[0]!;
          expect(members.remove(leaving)).toBe(true);
          model.delete(leaving.member);
        }
        expect(members.size).toBe(model.size);
      }
      expect(sorted(members.members())).toEqual(sorted([...model]));
    }
  });

  it('removes a member once: leaving again changes nothing and says so', () => {
    const members = new Members<string>();
    const a = members.add('a');
    const b = members.add('b');
    const c = members.add('c');
    expect(members.remove(a)).toBe(true);
    expect(members.remove(a)).toBe(false);
    expect(members.size).toBe(2);
    expect(members.members().sort()).toEqual(['b', 'c']);
    // The last member moved into the place a left: its membership still removes it.
    expect(members.remove(c)).toBe(true);
    expect(members.members()).toEqual(['b']);
    expect(members.remove(b)).toBe(true);
    expect(members.size).toBe(0);
    expect(members.members()).toEqual([]);
  });

  it('counts the same member added twice as two members', () => {
    const members = new Members<object>();
    const batch = {};
    const first = members.add(batch);
    members.add(batch);
    expect(members.size).toBe(2);
    members.remove(first);
    expect(members.members()).toEqual([batch]);
  });

  it('gives a snapshot: members leaving while it is walked are all still visited', () => {
    const members = new Members<number>();
    const memberships = [1, 2, 3, 4].map((n) => members.add(n));
    const visited: number[] = [];
    for (const member of members.members()) {
      visited.push(member);
      // Leaving as the signal's calls do when it aborts: each settles and lets go.
      members.remove(memberships[member - 1]!);
    }
    expect(sorted(visited)).toEqual([1, 2, 3, 4]);
    expect(members.size).toBe(0);
  });
});
