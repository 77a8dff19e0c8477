/**
 * The memory a batch is written into, kept from one batch to the next. A
 * batch's columns are one ArrayBuffer and fourteen views over it: allocating
 * them was the largest single cost of a one-operation call (1.6 us of the
 * 15 us between a reply arriving and the next request going out). The addon
 * reads a column buffer longer than the batch (see BatchColumns::Map), so
 * memory made for a batch of up to 2^k operations serves every batch up to
 * that size.
 */
import { allocateColumns, type Columns } from './batch-layout.js';

export interface BatchMemory {
  /** Columns for up to `columns.status.length` operations. */
  readonly columns: Columns;
  /** Room for the batch's keys, kept with the columns; replaced when a batch needs more. */
  keys: Buffer;
  /** Room for small batches' values, kept likewise; empty until one needs it. */
  values: Buffer;
}

// Each batch gets room for at least this many operations, so that batches of
// slightly different sizes share memory.
const SMALLEST_CAPACITY = 8;
// What is kept stays small: a rare huge batch (or one with huge values) gets
// memory of its own, freed with it, instead of pinning its size for the
// client's lifetime.
const LARGEST_KEPT_CAPACITY = 4096;
const LARGEST_KEPT_BYTES = 64 * 1024;
// Spare memory kept per capacity: the batches of one pool that run at once.
const KEPT_PER_CAPACITY = 2;
const SMALLEST_BYTES = 256;
const EMPTY = Buffer.alloc(0);

export class BatchMemoryCache {
  private readonly spare = new Map<number, BatchMemory[]>();

  /** Memory for `count` operations with `keyBytes` of keys and `valueBytes` of values. */
  take(count: number, keyBytes: number, valueBytes: number): { memory: BatchMemory; values: Buffer } {
    const capacity = capacityFor(count);
    const memory = this.spare.get(capacity)?.pop() ?? { columns: allocateColumns(capacity), keys: EMPTY, values: EMPTY };
    if (memory.keys.length < keyBytes) memory.keys = Buffer.allocUnsafeSlow(roundUp(keyBytes));
    if (valueBytes === 0) return { memory, values: EMPTY };
    if (valueBytes > LARGEST_KEPT_BYTES) return { memory, values: Buffer.allocUnsafe(valueBytes) };
    if (memory.values.length < valueBytes) memory.values = Buffer.allocUnsafeSlow(roundUp(valueBytes));
    return { memory, values: memory.values };
  }

  /** Takes back memory whose batch the addon is done with: it has called back for the last time. */
  give(memory: BatchMemory): void {
    const capacity = memory.columns.status.length;
    if (capacity > LARGEST_KEPT_CAPACITY) return;
    if (memory.keys.length > LARGEST_KEPT_BYTES) memory.keys = EMPTY;
    let kept = this.spare.get(capacity);
    if (kept === undefined) {
      kept = [];
      this.spare.set(capacity, kept);
    }
    if (kept.length < KEPT_PER_CAPACITY) kept.push(memory);
  }
}

function capacityFor(count: number): number {
  let capacity = SMALLEST_CAPACITY;
  while (capacity < count) capacity *= 2;
  return capacity;
}

function roundUp(bytes: number): number {
  let rounded = SMALLEST_BYTES;
  while (rounded < bytes) rounded *= 2;
  return rounded;
}
