/**
 * A group whose members come and go all the time: the batches running on a
 * pool, the calls waiting on one AbortSignal.
 *
 * Kept in an array (a leaving member's place taken by the last one), not in a
 * Set: V8 rebuilds a Set's hash table once deleted entries fill it, and the
 * abandoned table keeps its entries and a link to its successor; when it is in
 * the old generation, the successor is allocated there too. Once a Set that
 * sees members come and go has reached the old generation (it lives through
 * two young collections, as when a client waits while the application
 * allocates), every later member, and what it holds (a batch, its calls'
 * promises, the values they resolved with), stays alive until the next full
 * collection. 10 KB string gets at 32 in flight then ran at under half their
 * speed, at a third when the calls shared a long-lived signal, with full
 * collections back to back (`node bench/full-collections.mjs`).
 */

/** One member's place in a {@link Members}; what `add` returns and `remove` takes. */
export interface Membership<T> {
  readonly member: T;
  /** Where the member is in the list; -1 once it has left. */
  index: number;
}

export class Members<T> {
  private readonly list: Array<Membership<T>> = [];

  get size(): number {
    return this.list.length;
  }

  add(member: T): Membership<T> {
    const membership = { member, index: this.list.length };
    this.list.push(membership);
    return membership;
  }

  /** Removes the member of a membership `add` returned; false if it had left already. */
  remove(membership: Membership<T>): boolean {
    const { index } = membership;
    if (index < 0) return false;
    // pop() clears the slot it empties: the array keeps no hold on a member that left.
    const last = this.list.pop()!;
    if (last !== membership) {
      this.list[index] = last;
      last.index = index;
    }
    membership.index = -1;
    return true;
  }

  /** The members now, in no particular order. */
  members(): T[] {
    return this.list.map((membership) => membership.member);
  }
}
