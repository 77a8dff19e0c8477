// What a cell asks of a client: its keys and value, the preload that makes
// every get a hit, and the operation the closed loop repeats.

export const GET_MANY_KEYS = 100;

// 1,000 keys per value size; fewer at 500 KB so a size's data set stays ~50 MB
// per client and never gets evicted by memcached.
export function keyCount(size) {
  return size >= 100_000 ? 100 : 1000;
}

export function workload(cell) {
  const count = keyCount(cell.size);
  // A namespace per value size so cells of different sizes never read each other's items.
  const keys = Array.from({ length: count }, (_, i) => `bench:${cell.size}:${i}`);
  const value = 'v'.repeat(cell.size);
  return { keys, value };
}

/** Stores every key of the cell's size with the driver itself (its own key placement). */
export async function preload(driver, { keys, value }) {
  for (let i = 0; i < keys.length; i += 32) {
    await Promise.all(keys.slice(i, i + 32).map((key) => driver.set(key, value)));
  }
}

/**
 * The operation for loop iteration `i`. Returns the number of misses (a miss
 * after the preload means the client or the server lost data: reported, not hidden).
 */
export function operation(driver, cell, { keys, value }) {
  const n = keys.length;
  const isMiss = (v) => v === undefined || v === null || v === false;
  switch (cell.command) {
    case 'get':
      return async (i) => (isMiss(await driver.get(keys[i % n])) ? 1 : 0);
    case 'set':
      return async (i) => (await driver.set(keys[i % n], value), 0);
    case 'mixed':
      // Every tenth operation is a set: 90% get / 10% set, the same keys.
      return async (i) => {
        if (i % 10 === 0) return (await driver.set(keys[i % n], value), 0);
        return isMiss(await driver.get(keys[i % n])) ? 1 : 0;
      };
    case 'getMany': {
      const batches = Array.from({ length: n }, (_, i) =>
        Array.from({ length: GET_MANY_KEYS }, (_, j) => keys[(i + j) % n]),
      );
      return async (i) => GET_MANY_KEYS - (await driver.getMany(batches[i % n]));
    }
    default:
      throw new Error(`unknown command ${cell.command}`);
  }
}
