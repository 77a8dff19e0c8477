// What a cell asks of a client: its keys and value, the preload that makes
// every get a hit, the check that a get returns what was stored, and the
// operation the closed loop repeats.
import { randomBytes } from 'node:crypto';

// 1,000 keys per value size; fewer at 500 KB so a size's data set stays ~50 MB
// per client and type and never gets evicted by memcached.
export function keyCount(size) {
  return size >= 100_000 ? 100 : 1000;
}

// Made once per size and type, so every round and cell of a client stores
// and reads the same bytes and a read can be compared with what was stored.
const workloads = new Map();

/**
 * The keys and value of a cell for the client whose keys start with
 * `namespace`. Each client has keys of its own: the clients store a value
 * with different flags (memcache-native's textCodec 16 for a string, the
 * others 0; for a Buffer memcached 4, memcache-client 8, the others 0) and
 * read another's by its flags, so on shared keys a client would read a peer's
 * item as something else than it stored (memcache-native a string as a
 * Buffer, skipping its decoding; memcache-client a `memcached` Buffer as a
 * number), and what a cell measured would depend on which client wrote last.
 */
export function workload(cell, namespace) {
  const id = `${namespace}:${cell.size}:${cell.value}`;
  if (!workloads.has(id)) {
    const count = keyCount(cell.size);
    // A namespace per value size and type so cells never read each other's items.
    const prefix = `${namespace}:${cell.size}${cell.value === 'buffer' ? 'b' : ''}`;
    const keys = Array.from({ length: count }, (_, i) => `${prefix}:${i}`);
    // Random bytes: incompressible, and not text any client could take for
    // a string; strings stay one repeated ASCII letter, as before.
    const value = cell.value === 'buffer' ? randomBytes(cell.size) : 'v'.repeat(cell.size);
    workloads.set(id, { keys, value, id });
  }
  return workloads.get(id);
}

/** Stores every key of the cell's size and type with the driver itself (its own key placement). */
export async function preload(driver, { keys, value }) {
  for (let i = 0; i < keys.length; i += 32) {
    await Promise.all(keys.slice(i, i + 32).map((key) => driver.set(key, value)));
  }
}

/** The driver's read for values like `value`: memjs hands strings back only when asked for one. */
const reader = (driver, value) => (Buffer.isBuffer(value) ? driver.getBuffer : driver.get);

/**
 * Reads the cell's first key once and throws unless it comes back as what was
 * stored: a string for a string, a Buffer of the same bytes for a Buffer. A
 * cell where a client returned something else would compare different work.
 */
export async function verify(driver, { keys, value }) {
  const got = await reader(driver, value)(keys[0]);
  const same = Buffer.isBuffer(value) ? Buffer.isBuffer(got) && value.equals(got) : got === value;
  if (same) return;
  const kind = (v) => (Buffer.isBuffer(v) ? `a Buffer of ${v.length} bytes` : typeof v === 'string' ? `a string of ${v.length} characters` : String(v));
  const otherBytes = Buffer.isBuffer(got) && Buffer.isBuffer(value) && got.length === value.length ? ' (other bytes)' : '';
  throw new Error(`get returned ${kind(got)}${otherBytes}, not the stored ${kind(value)}`);
}

/**
 * The operation for loop iteration `i`. Returns the number of misses (a miss
 * after the preload means the client or the server lost data: reported, not hidden).
 */
export function operation(driver, cell, work) {
  const { keys, value } = work;
  const n = keys.length;
  const isMiss = (v) => v === undefined || v === null || v === false;
  const get = reader(driver, value);
  switch (cell.command) {
    case 'get':
      return async (i) => (isMiss(await get(keys[i % n])) ? 1 : 0);
    case 'set':
      return async (i) => (await driver.set(keys[i % n], value), 0);
    case 'mixed':
      // Every tenth operation is a set: 90% get / 10% set, the same keys.
      return async (i) => {
        if (i % 10 === 0) return (await driver.set(keys[i % n], value), 0);
        return isMiss(await get(keys[i % n])) ? 1 : 0;
      };
    case 'getMany': {
      // Call i reads `batch` consecutive keys from key i on, wrapping around
      // (with 1,000 keys, getMany(1000) reads them all in a rotated order).
      // Made once per workload: at 1,000 keys a call they are 1 M entries,
      // not to be rebuilt every round.
      const { batch } = cell;
      work.batches ??= new Map();
      if (!work.batches.has(batch)) {
        work.batches.set(
          batch,
          Array.from({ length: n }, (_, i) => Array.from({ length: batch }, (_, j) => keys[(i + j) % n])),
        );
      }
      const batches = work.batches.get(batch);
      return async (i) => batch - (await driver.getMany(batches[i % n]));
    }
    default:
      throw new Error(`unknown command ${cell.command}`);
  }
}
