/**
 * Caps how many native batches hold a libuv thread at once across all of a
 * client's pools. A batch on a thread holds it for as long as its servers take
 * to answer; leaving threads free keeps fs, dns.lookup, crypto and zlib
 * flowing. Batches on the event loop hold no thread and take no slot.
 */
export class BatchSlots {
  private free: number;
  private readonly waiting: Array<() => void> = [];

  constructor(count: number) {
    this.free = count;
  }

  /** Takes a slot if one is free. */
  tryAcquire(): boolean {
    if (this.free === 0) return false;
    this.free--;
    return true;
  }

  /** Runs `onFree` once, when a slot is next released. */
  waitFor(onFree: () => void): void {
    if (!this.waiting.includes(onFree)) this.waiting.push(onFree);
  }

  /**
   * Gives a slot back and wakes every waiter: one woken may no longer need a
   * slot (its queue went out on the event loop meanwhile), and must not
   * swallow the wake-up of the next. Those that find none wait again.
   */
  release(): void {
    this.free++;
    for (const onFree of this.waiting.splice(0)) onFree();
  }
}
