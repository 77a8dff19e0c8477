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
// Batches of large text values (Buffers of 64 KiB and more are written from
// the caller's memory) need megabytes of room for one batch. Fresh room costs
// a page fault per page on its first write: 500 KB string sets at 32 in flight
// took 4-7 faults per value and ran at half the speed of the same sets into
// kept room. So large rooms are kept too, up to LARGE_ROOMS_KEPT of them of at
// most LARGEST_ROOM bytes, while batches keep using them; they are let go once
// none has been used for the client's `idleTimeout`.
const LARGEST_ROOM = 32 * 1024 * 1024;
const LARGE_ROOMS_KEPT = 2;
const EMPTY = Buffer.alloc(0);

export class BatchMemoryCache {
  private readonly spare = new Map<number, BatchMemory[]>();
  /** Kept rooms for values beyond LARGEST_KEPT_BYTES, each a power of two long. */
  private largeRooms: Buffer[] = [];
  private largeRoomsUsedAt = 0;
  private largeRoomsTimer: NodeJS.Timeout | undefined;
  private closed = false;

  /** `idleTimeout`: ms after which large rooms no batch has used are let go. */
  constructor(private readonly idleTimeout: number) {}

  /** Memory for `count` operations with `keyBytes` of keys and `valueBytes` of values. */
  take(count: number, keyBytes: number, valueBytes: number): { memory: BatchMemory; values: Buffer } {
    const capacity = capacityFor(count);
    const memory = this.spare.get(capacity)?.pop() ?? { columns: allocateColumns(capacity), keys: EMPTY, values: EMPTY };
    if (memory.keys.length < keyBytes) memory.keys = Buffer.allocUnsafeSlow(roundUp(keyBytes));
    if (valueBytes === 0) return { memory, values: EMPTY };
    if (valueBytes > LARGEST_KEPT_BYTES) return { memory, values: this.takeLargeRoom(valueBytes) };
    if (memory.values.length < valueBytes) memory.values = Buffer.allocUnsafeSlow(roundUp(valueBytes));
    return { memory, values: memory.values };
  }

  /**
   * Takes back memory whose batch the addon is done with (it has called back
   * for the last time), and the `values` that `take` gave with it.
   */
  give(memory: BatchMemory, values: Buffer): void {
    if (values.length > LARGEST_KEPT_BYTES) this.keepLargeRoom(values);
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

  /** Lets the large rooms go, now and from now on: the client is closing. */
  close(): void {
    this.closed = true;
    clearTimeout(this.largeRoomsTimer);
    this.largeRoomsTimer = undefined;
    this.largeRooms = [];
  }

  /** Bytes of large rooms kept for the next batches. */
  get largeRoomBytes(): number {
    return this.largeRooms.reduce((sum, room) => sum + room.length, 0);
  }

  private takeLargeRoom(valueBytes: number): Buffer {
    if (valueBytes > LARGEST_ROOM) return Buffer.allocUnsafeSlow(valueBytes);
    // The smallest kept room that fits: a larger one stays for a larger batch.
    let best = -1;
    for (let i = 0; i < this.largeRooms.length; i++) {
      const length = this.largeRooms[i]!.length;
      if (length >= valueBytes && (best < 0 || length < this.largeRooms[best]!.length)) best = i;
    }
    if (best < 0) return Buffer.allocUnsafeSlow(roundUp(valueBytes));
    return this.largeRooms.splice(best, 1)[0]!;
  }

  private keepLargeRoom(room: Buffer): void {
    if (this.closed || room.length > LARGEST_ROOM) return;
    this.largeRoomsUsedAt = performance.now();
    if (this.largeRooms.length < LARGE_ROOMS_KEPT) {
      this.largeRooms.push(room);
    } else {
      // Full: the room replaces a smaller kept one, so what is kept fits the largest batches.
      const smallest = this.largeRooms.reduce((at, kept, i) => (kept.length < this.largeRooms[at]!.length ? i : at), 0);
      if (this.largeRooms[smallest]!.length < room.length) this.largeRooms[smallest] = room;
    }
    this.largeRoomsTimer ??= setTimeout(() => this.dropIdleLargeRooms(), this.idleTimeout).unref();
  }

  private dropIdleLargeRooms(): void {
    this.largeRoomsTimer = undefined;
    const idle = performance.now() - this.largeRoomsUsedAt;
    if (idle >= this.idleTimeout) this.largeRooms = [];
    else this.largeRoomsTimer = setTimeout(() => this.dropIdleLargeRooms(), this.idleTimeout - idle).unref();
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
