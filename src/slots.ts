/**
 * Caps how many native batches run at once across all of a client's pools.
 * Each running batch holds a libuv thread for as long as its servers take to
 * answer; leaving threads free keeps fs, dns.lookup, crypto and zlib flowing.
 */
export class BatchSlots {
  private free: number;
  private readonly waiting: Array<() => void> = [];

  constructor(count: number) {
    this.free = count;
  }

  /** Takes a slot if one is free; otherwise `onFree` runs once a slot is released. */
  acquire(onFree: () => void): boolean {
    if (this.free > 0) {
      this.free--;
      return true;
    }
    if (!this.waiting.includes(onFree)) this.waiting.push(onFree);
    return false;
  }

  release(): void {
    this.free++;
    const next = this.waiting.shift();
    if (next !== undefined) next();
  }
}
