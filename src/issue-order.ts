/**
 * Keeps the operations of a client's calls in the order the calls were made
 * while a call of many keys is still being built (see in-turns.ts): the calls
 * made after it wait behind it, so `setMany(entries)` followed by `get(k)`
 * reads what the setMany stored, as with any other pair of calls. Operations
 * that waited while the servers changed are placed again.
 */
import type { ClusterController } from './cluster/controller.js';
import type { Operation } from './engine/operation.js';
import type { MemcachedError } from './errors.js';
import type { Key } from './keys.js';

interface Waiting {
  /** Undefined while the call is being built. */
  operations: Operation[] | undefined;
  /** The caller's key of each operation, to place it again. */
  keys: readonly Key[];
  /** The placement its operations were built for. */
  placement: object;
}

export class IssueOrder {
  /** Calls behind a call still being built, in call order; empty when none is. */
  private readonly waiting: Waiting[] = [];

  constructor(private readonly cluster: ClusterController) {}

  /** Queues a built call's operations now, or behind a call still being built. */
  issue(operations: Operation[], keys: readonly Key[]): void {
    if (this.waiting.length === 0) this.queue(operations);
    else this.waiting.push({ operations, keys, placement: this.cluster.placementEpoch });
  }

  /**
   * Holds the place of a call about to be built over several turns; the
   * function returned gives its operations (none if it settled or failed
   * meanwhile) and lets the calls behind it go.
   */
  reserve(keys: readonly Key[]): (operations: Operation[] | undefined) => void {
    const waiting: Waiting = { operations: undefined, keys, placement: this.cluster.placementEpoch };
    this.waiting.push(waiting);
    return (operations) => {
      waiting.operations = operations ?? [];
      this.drain();
    };
  }

  /** Settles every waiting call with `error` (the client was closed by force); nothing waits any more. */
  abortAll(error: MemcachedError): void {
    const held = this.waiting.splice(0);
    for (const waiting of held) for (const operation of waiting.operations ?? []) operation.sink.abort(error);
  }

  private drain(): void {
    while (this.waiting.length > 0 && this.waiting[0]!.operations !== undefined) {
      const { operations, keys, placement } = this.waiting.shift()!;
      if (placement !== this.cluster.placementEpoch) {
        for (let i = 0; i < operations!.length; i++) {
          const operation = operations![i]!;
          operation.pool = this.cluster.poolFor({ key: operation.key, bytes: operation.keyBytes }, keys[i]!);
        }
      }
      this.queue(operations!);
    }
  }

  private queue(operations: Operation[]): void {
    if (operations.length === 1) this.cluster.push(operations[0]!);
    else this.cluster.pushAll(operations);
  }
}
