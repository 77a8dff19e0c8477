/**
 * Work over many items split across turns of the event loop: a multi-key call
 * of millions of keys would otherwise hold the loop for seconds while its keys
 * and values are checked and encoded. Timers, I/O and other calls are served
 * between runs.
 */

/** Items per turn: a few milliseconds of key and value encoding. */
export const ITEMS_PER_TURN = 16_384;

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Calls `run(from, to)` over `[0, count)` in runs of {@link ITEMS_PER_TURN},
 * one run per turn of the event loop. Between runs, `stopped()` may end the
 * work early: the promise then resolves `false`.
 */
export async function inTurns(count: number, run: (from: number, to: number) => void, stopped: () => boolean): Promise<boolean> {
  for (let from = 0; from < count; from += ITEMS_PER_TURN) {
    if (from > 0) {
      await nextTurn();
      if (stopped()) return false;
    }
    run(from, Math.min(count, from + ITEMS_PER_TURN));
  }
  return true;
}
