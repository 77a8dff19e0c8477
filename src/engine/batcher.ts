/**
 * Coalesces the operations for one native pool into columnar batches.
 * Operations that arrive while batches run wait and join the next one: batches
 * grow with load instead of queueing work items on libuv. The addon decides
 * where a batch runs (the event loop, or a libuv thread); a slot from the
 * client's BatchSlots is held while a batch holds a thread.
 *
 * Up to `maxConnections` batches of a pool run at once, each on a connection set (a
 * connection per server) of its own, when the work is there (see
 * OVERLAP_PER_SERVER): the pool grows with concurrent load, and the native side
 * closes connection sets that stay idle. Two running batches never share a key: an
 * operation whose key is in a running batch waits for it, and so does every
 * later operation on that key, so each key sees its operations in the order
 * they were issued.
 */
import type { Columns } from './batch-layout.js';
import { BatchMemoryCache } from './batch-memory.js';
import type { Codec } from '../codec.js';
import { faultError, type MemcachedError } from '../errors.js';
import { BatchPlace, binding, OWN_VALUE_BIT, type NativeClient } from './native.js';
import { wireKeyId } from '../keys.js';
import { Members, type Membership } from '../members.js';
import type { Operation } from './operation.js';
import { FIRST_FAULT, Modifier, Opcode, Status, statusName } from './opcodes-statuses.js';
import type { BatchSlots } from './slots.js';

// Operations per server that make a batch worth running beside another
// (measured on loopback: at 1 server, 32 in flight, two batches of 16 give
// 1.5x the throughput of one of 32; at 4 servers, two of 16 give 0.75x).
// Only batches on the event loop overlap: two on libuv threads at once gained
// nothing on a mixed load and grew RSS by a fifth (allocator arenas).
const OVERLAP_PER_SERVER = 8;
// Status column marks of the JS side: the addon has not answered the
// operation yet, or it has and the operation is settled. A batch on the event
// loop answers each server's operations as soon as that server is done.
const UNANSWERED = 0xff;
// Buffer values at least this long are written to the socket from the
// caller's own memory instead of being copied into the batch first: a copy
// of a 500 KB value costs more than the bookkeeping it saves.
const WRITTEN_IN_PLACE = 64 * 1024;
const NONE_IN_PLACE: readonly Buffer[] = Object.freeze([]);
const SETTLED = 0xfe;
// Marks of a batch that waits longer than the client's timeout (see expire).
const ANSWERED = 1;
const EXPIRED = 2;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** What a counter returns: a number while it is exact, a bigint beyond 2^53 - 1. */
export function counterValue(value: bigint): number | bigint {
  return value <= MAX_SAFE ? Number(value) : value;
}

/** Running totals of a client's operations, kept by its batchers. */
export interface Counters {
  /** Reads that found their key. */
  hits: number;
  /** Reads that did not. */
  misses: number;
  /** Operations that ended in a fault (timeouts, dead servers, ...), including those read as misses. */
  errors: number;
  /** Native batches run. */
  batches: number;
  /**
   * Of those, the batches that ran on the event loop: batches of at most 64
   * operations on connections already open skip the hop to a libuv thread
   * and back.
   */
  loopBatches: number;
  /** Operations sent in those batches. */
  operations: number;
}

export function newCounters(): Counters {
  return { hits: 0, misses: 0, errors: 0, batches: 0, loopBatches: 0, operations: 0 };
}

/** What one batch learnt about its servers: who answered, and each server's faults. */
export interface BatchReport {
  /** When the batch was sent (performance.now()): a fault of a batch sent before another fault was seen is not a new try. */
  sentAt: number;
  answered: readonly string[];
  /** Per server, the first fault of an operation that was sent to it (not one skipped). */
  failed: ReadonlyMap<string, MemcachedError>;
}

export interface BatcherSettings {
  slots: BatchSlots;
  maxBatchSize: number;
  /** The client's `timeout` in ms: what an operation without a timeout of its own waits for its answer. */
  timeout: number;
  /** Batches of one pool running at once. */
  maxConnections: number;
  /** The client's `idleTimeout` in ms: how long memory kept for large batches outlives its last use. */
  idleTimeout: number;
  codec: Codec<unknown>;
  counters: Counters;
  /** Called with each fault that an operation's `faultAsMiss` turned into a miss. */
  onSwallowedFault(error: MemcachedError): void;
  /** Called after every batch that reached the addon. */
  onBatchReport(report: BatchReport): void;
}

export class Batcher {
  /** Waiting operations: `queue[head]` onwards, in order (a batch taken from the front moves `head` instead of copying the rest). */
  private queue: Operation[] = [];
  private head = 0;
  /** Operations in running batches. */
  private running = 0;
  /** The operations of each running batch. */
  private readonly runningBatches = new Members<Operation[]>();
  private flushScheduled = false;
  private idleWaiters: Array<() => void> = [];
  private readonly memory: BatchMemoryCache;
  /** The pool's servers by position, and the same list as the answer of a batch they all answered. */
  private readonly serverNames: readonly string[];
  /** The callback's `answered` when every server answered (below 31 servers). */
  private readonly allAnswered: number;

  constructor(
    private readonly native: NativeClient,
    private readonly settings: BatcherSettings,
  ) {
    this.memory = new BatchMemoryCache(settings.idleTimeout);
    this.serverNames = Object.freeze(native.serverNames());
    this.allAnswered = 2 ** this.serverNames.length - 1;
  }

  /** Operations queued or running. */
  get pending(): number {
    return this.queued + this.running;
  }

  /** Operations waiting for a batch. */
  private get queued(): number {
    return this.queue.length - this.head;
  }

  push(operation: Operation): void {
    this.queue.push(operation);
    this.scheduleFlush();
  }

  /**
   * Queues many operations at once, in order: a multi-key call's. Copied in
   * one go when they outnumber what waits (two million pushes held the event
   * loop 100-200 ms), pushed one by one otherwise (copying a long queue for
   * each small call would make many calls in flight quadratic).
   */
  pushAll(operations: readonly Operation[]): void {
    if (operations.length === 0) return;
    if (this.queued === 0) {
      this.queue = operations.slice();
      this.head = 0;
    } else if (operations.length > this.queue.length) {
      this.queue = this.queue.concat(operations);
    } else {
      for (const operation of operations) this.queue.push(operation);
    }
    this.scheduleFlush();
  }

  /**
   * Settles every call with an operation queued or running at once with
   * `error`; drops the queued operations. The running batches end on their
   * own (at the latest at their reply deadline); what they answer is ignored.
   */
  abortAll(error: MemcachedError): void {
    const sinks = new Set<Operation['sink']>();
    for (let i = this.head; i < this.queue.length; i++) sinks.add(this.queue[i]!.sink);
    for (const batch of this.runningBatches.members()) for (const operation of batch) sinks.add(operation.sink);
    this.queue = [];
    this.head = 0;
    for (const sink of sinks) sink.abort(error);
    this.afterBatch();
  }

  /** Lets go of the memory kept for large batches: the client is closing. */
  close(): void {
    this.memory.close();
  }

  /** Resolves once nothing is queued or running. */
  whenIdle(): Promise<void> {
    if (this.queued === 0 && this.running === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private readonly scheduleFlush = (): void => {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    // nextTick runs after the promise continuations of the current tick, so
    // everything they issue lands in the same batch.
    process.nextTick(this.flush);
  };

  private readonly flush = (): void => {
    this.flushScheduled = false;
    while (this.queued > 0 && this.runningBatches.size < this.settings.maxConnections) {
      const overlapAt = OVERLAP_PER_SERVER * this.serverNames.length;
      const beside = this.runningBatches.size > 0;
      // A batch beside a running one costs a round of sends and wake-ups per
      // server: it pays only when it carries enough operations for each, and
      // only when the whole queue goes in it, in a batch the event loop takes.
      // A longer queue waits and goes out as one batch: cut into many small
      // ones beside a large one, it cost three times the CPU per key, and two
      // large batches on libuv threads at once contend for the cores and the
      // allocator.
      const queued = this.queued;
      if (beside && (queued < overlapAt || queued > binding.maxLoopBatch)) return;
      let limit = this.settings.maxBatchSize;
      // With nothing running, enough work for two batches the event loop
      // takes is split in two, so one is prepared and settled while the
      // servers answer the other.
      const half = Math.ceil(queued / 2);
      const smallerHalf = Math.floor(queued / 2);
      if (!beside && this.settings.maxConnections > 1 && smallerHalf >= overlapAt && half <= binding.maxLoopBatch) {
        limit = Math.min(limit, half);
      }
      const batch = this.take(limit);
      if (batch.length === 0) {
        // What it looked at was dropped (its calls settled while it waited)
        // or waits for a key of a running batch.
        if (this.runningBatches.size === 0 && this.queued > 0) continue;
        if (this.queued === 0) this.afterBatch();
        return;
      }
      // A batch that needs a libuv thread (to connect, or for its size) gets
      // one only with a slot free; the slot is given back at once if it ran
      // on the event loop.
      const threadAllowed = this.settings.slots.tryAcquire();
      if (!this.dispatch(batch, threadAllowed)) {
        // Back to the front of the queue, in order, until a slot is released.
        this.putBack(batch);
        this.settings.slots.waitFor(this.flush);
        return;
      }
    }
  };

  /**
   * Takes up to `limit` queued operations, in order, whose keys no running
   * batch holds. Linear in what it takes, not in what waits: a call of
   * millions of keys is cut into many batches, and copying the rest of the
   * queue for each made such a call quadratic.
   */
  private take(limit: number): Operation[] {
    const queue = this.queue;
    const head = this.head;
    if (this.runningBatches.size === 0) {
      if (queue.length - head <= limit) {
        this.queue = [];
        this.head = 0;
        return unsettled(head === 0 ? queue : queue.slice(head));
      }
      const batch = unsettled(queue.slice(head, head + limit));
      this.release(head, head + limit);
      return batch;
    }
    // Collected here, not kept up to date per operation: most batches run
    // alone, and a batch beside another is small.
    const busy = new Set<string>();
    for (const running of this.runningBatches.members()) {
      for (const operation of running) busy.add(wireKeyId(operation.key));
    }
    const batch: Operation[] = [];
    const skipped: Operation[] = [];
    let next = head;
    for (; next < queue.length && batch.length < limit; next++) {
      const operation = queue[next]!;
      // Dropped: its call timed out or was aborted while it waited.
      if (operation.sink.settled) continue;
      if (busy.has(wireKeyId(operation.key))) skipped.push(operation);
      else batch.push(operation);
    }
    // The skipped wait where the taken ones were, still in order and ahead of the rest.
    for (let i = 0; i < skipped.length; i++) queue[next - skipped.length + i] = skipped[i]!;
    this.release(head, next - skipped.length);
    return batch;
  }

  /**
   * Moves the head past the taken operations at `from` up to `to`, dropping
   * the queue's hold on them (a value waiting to be written is not kept alive
   * by the queue once its batch has settled).
   */
  private release(from: number, to: number): void {
    this.queue.fill(undefined as unknown as Operation, from, to);
    this.head = to;
    this.compact();
  }

  /** Puts a batch that could not start back at the front of the queue, in order. */
  private putBack(batch: Operation[]): void {
    if (this.head >= batch.length) {
      this.head -= batch.length;
      for (let i = 0; i < batch.length; i++) this.queue[this.head + i] = batch[i]!;
    } else {
      this.queue = batch.concat(this.queue.slice(this.head));
      this.head = 0;
    }
  }

  /** Drops the taken front of the queue once it is most of it: each operation is copied at most once on average. */
  private compact(): void {
    if (this.head === this.queue.length) {
      this.queue = [];
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
  }

  /**
   * Hands `batch` to the addon; false when it was not started (it needs a
   * thread and `threadAllowed` is false), with nothing changed. A slot the
   * caller took for it is released here unless the batch holds a thread.
   */
  private dispatch(batch: Operation[], threadAllowed: boolean): boolean {
    const count = batch.length;
    let keyBytes = 0;
    let valueBytes = 0;
    // The batch waits for its answers as long as its most patient operation
    // (the addon never waits less than the client's timeout).
    let replyMs = 0;
    for (const operation of batch) {
      keyBytes += operation.keyBytes;
      if (operation.timeout > replyMs) replyMs = operation.timeout;
      if (!isWrittenInPlace(operation.data)) valueBytes += operation.dataBytes;
    }
    // A batch that waits longer than the client's timeout for a patient
    // operation still settles the others in time: with a TimeoutError once
    // theirs passes; their answers are read and dropped.
    const expired = replyMs > this.settings.timeout ? new Uint8Array(count) : undefined;
    const expiry = expired === undefined ? undefined : setTimeout(() => this.expire(batch, expired), this.settings.timeout);
    const { memory, values } = this.memory.take(count, keyBytes, valueBytes);
    const { columns, keys } = memory;
    let keyEnd = 0;
    let valueEnd = 0;
    let inPlace: Buffer[] | undefined;
    for (let i = 0; i < count; i++) {
      const operation = batch[i]!;
      const { key, data } = operation;
      keyEnd += typeof key === 'string' ? keys.write(key, keyEnd, 'utf8') : key.copy(keys, keyEnd);
      columns.keyEnds[i] = keyEnd;
      // Written for every operation: the memory may hold an earlier batch's.
      columns.numbers[i] = operation.number ?? 0n;
      columns.initials[i] = operation.initial ?? 0n;
      columns.modifiers[i] = operation.modifiers;
      if (isWrittenInPlace(data)) {
        // Its number in `inPlace` goes where storage commands have no initial.
        inPlace ??= [];
        columns.initials[i] = BigInt(inPlace.push(data as Buffer) - 1);
        columns.modifiers[i] = operation.modifiers | Modifier.VALUE_IN_PLACE;
      } else if (data !== undefined) {
        valueEnd += typeof data === 'string' ? values.write(data, valueEnd, 'utf8') : data.copy(values, valueEnd);
      }
      columns.valueEnds[i] = valueEnd;
      columns.status[i] = UNANSWERED;
      columns.opcodes[i] = operation.opcode;
      columns.flags[i] = operation.flags;
      columns.ttls[i] = operation.ttl;
    }

    this.running += count;
    const membership = this.runningBatches.add(batch);
    let holdsThread = false;
    let place: BatchPlace;
    const sentAt = performance.now();
    try {
      // Called once per batch, or on the event loop once per group of servers
      // done, `more` set on all but the last. Never from inside execute().
      place = this.native.execute(
        count,
        columns.buffer,
        keys,
        values,
        inPlace ?? NONE_IN_PLACE,
        threadAllowed,
        (error, hitValues, faults, answered, more, ownValues) => {
          // Never throw back into the addon: a throwing 'fault' listener, say,
          // surfaces as an uncaught exception on the next tick instead.
          try {
            if (!more) {
              clearTimeout(expiry);
              this.finished(membership, holdsThread);
            }
            if (error) {
              this.failAll(batch, columns, faultError('UNKNOWN', '', error.message), expired);
            } else {
              // Small values come as an ArrayBuffer: a Buffer view is cheaper made here than in the addon.
              const hits = hitValues instanceof ArrayBuffer ? Buffer.from(hitValues) : hitValues;
              const failed = this.settle(batch, columns, hits, ownValues, faults, expired);
              this.settings.onBatchReport({ sentAt, answered: this.answeredServers(answered), failed });
              if (!more) this.failUnanswered(batch, columns, expired);
            }
            if (!more) this.afterBatch();
          } catch (thrown) {
            process.nextTick(() => {
              throw thrown;
            });
          }
          // The addon calls no more and the operations are settled: the memory
          // may serve the next batch.
          if (!more) this.memory.give(memory, values);
        },
        replyMs,
      );
    } catch (error) {
      clearTimeout(expiry);
      if (threadAllowed) this.settings.slots.release();
      this.finished(membership, false);
      this.failAll(batch, columns, faultError('UNKNOWN', '', (error as Error).message));
      this.memory.give(memory, values);
      this.afterBatch();
      return true;
    }
    holdsThread = place === BatchPlace.Thread;
    if (threadAllowed && !holdsThread) this.settings.slots.release();
    if (place === BatchPlace.NotStarted) {
      clearTimeout(expiry);
      this.running -= count;
      this.runningBatches.remove(membership);
      this.memory.give(memory, values);
      return false;
    }
    this.settings.counters.batches++;
    this.settings.counters.operations += count;
    if (place === BatchPlace.Loop) this.settings.counters.loopBatches++;
    return true;
  }

  /** The names of the servers a callback says answered. */
  private answeredServers(answered: number | number[] | undefined): readonly string[] {
    const names = this.serverNames;
    if (typeof answered === 'number') {
      if (answered === this.allAnswered) return names;
      const list: string[] = [];
      for (let position = 0; answered !== 0; position++, answered >>>= 1) {
        if ((answered & 1) !== 0) list.push(names[position]!);
      }
      return list;
    }
    return answered === undefined ? [] : answered.map((position) => names[position]!);
  }

  private finished(membership: Membership<Operation[]>, holdsThread: boolean): void {
    this.running -= membership.member.length;
    this.runningBatches.remove(membership);
    if (holdsThread) this.settings.slots.release();
  }

  private afterBatch(): void {
    if (this.queued > 0) {
      // From a microtask: the promise reactions of the batch just settled run
      // first, so what they issue joins what waited.
      queueMicrotask(this.scheduleFlush);
    } else if (this.running === 0 && this.idleWaiters.length > 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  /** After a batch's last call: no operation is left waiting, whatever the addon did. */
  private failUnanswered(batch: Operation[], columns: Columns, expired: Uint8Array | undefined): void {
    if (columns.status.includes(UNANSWERED)) {
      this.failAll(batch, columns, faultError('UNKNOWN', '', 'the batch ended without an answer for this operation'), expired);
    }
  }

  /**
   * The client's timeout passed in a batch that waits longer for a patient
   * operation: fails the operations that have no timeout of their own and no
   * answer yet, and marks them in `expired` so that their answer is dropped.
   */
  private expire(batch: Operation[], expired: Uint8Array): void {
    const error = faultError('TIMEOUT', '', `No answer within ${this.settings.timeout} ms`);
    for (let i = 0; i < batch.length; i++) {
      const operation = batch[i]!;
      if (operation.timeout !== 0 || expired[i] === ANSWERED) continue;
      expired[i] = EXPIRED;
      this.settings.counters.errors++;
      operation.sink.fail(operation.slot, error);
    }
  }

  /** Fails every operation not settled yet (nor `expired`). */
  private failAll(batch: Operation[], columns: Columns, error: MemcachedError, expired?: Uint8Array): void {
    for (let i = 0; i < batch.length; i++) {
      if (columns.status[i] === SETTLED) continue;
      columns.status[i] = SETTLED;
      if (expired?.[i] === EXPIRED) continue;
      batch[i]!.sink.fail(batch[i]!.slot, error);
    }
  }

  /**
   * Settles the operations the addon has answered since the last call; returns
   * each server's first fault that was not a skip. `hitValues` is undefined
   * when every hit (if any) is empty; `ownValues` holds the large values, a
   * Buffer each (see BatchCallback).
   */
  private settle(
    batch: Operation[],
    columns: Columns,
    hitValues: Buffer | undefined,
    ownValues: Buffer[] | undefined,
    faults: Array<number | string | boolean> | undefined,
    expired: Uint8Array | undefined,
  ): Map<string, MemcachedError> {
    const failed = new Map<string, MemcachedError>();
    const { counters } = this.settings;
    const faultAt = faults === undefined ? undefined : indexFaults(faults);
    for (let i = 0; i < batch.length; i++) {
      const operation = batch[i]!;
      const status = columns.status[i]!;
      if (status === UNANSWERED || status === SETTLED) continue;
      columns.status[i] = SETTLED;
      if (expired !== undefined) {
        if (expired[i] === EXPIRED) continue;
        expired[i] = ANSWERED;
      }
      if (status >= FIRST_FAULT) {
        const [server, message, systemCode, skipped] = faultAt?.get(i) ?? NO_FAULT_DETAIL;
        const error = faultError(statusName[status] ?? 'UNKNOWN', server, message, systemCode);
        counters.errors++;
        if (server && !skipped && !failed.has(server)) failed.set(server, error);
        if (operation.faultAsMiss) {
          this.settings.onSwallowedFault(error);
          operation.sink.ok(operation.slot, undefined);
        } else {
          operation.sink.fail(operation.slot, error);
        }
        continue;
      }
      let result: unknown;
      try {
        switch (operation.opcode) {
          case Opcode.GET:
          case Opcode.GETS: {
            if (status !== Status.OK) {
              counters.misses++;
              break;
            }
            counters.hits++;
            const offset = columns.resultOffsets[i]!;
            // Each hit has bytes of its own, even a key read twice.
            const data =
              offset >= OWN_VALUE_BIT
                ? ownValues![offset - OWN_VALUE_BIT]!
                : hitValues === undefined
                  ? Buffer.alloc(0)
                  : hitValues.subarray(offset, offset + columns.resultLengths[i]!);
            const flags = columns.resultFlags[i]!;
            const value = this.settings.codec.decode(data, flags);
            result = operation.opcode === Opcode.GET ? value : { value, cas: columns.resultNumbers[i]!, flags };
            break;
          }
          case Opcode.INCR:
          case Opcode.DECR:
            if (status === Status.OK && (operation.modifiers & Modifier.NO_REPLY) === 0) {
              result = counterValue(columns.resultNumbers[i]!);
            }
            break;
          default:
            result = status === Status.OK;
        }
      } catch (error) {
        operation.sink.fail(operation.slot, error as MemcachedError);
        continue;
      }
      operation.sink.ok(operation.slot, result);
    }
    return failed;
  }
}

function isWrittenInPlace(data: string | Buffer | undefined): boolean {
  return data !== undefined && typeof data !== 'string' && data.length >= WRITTEN_IN_PLACE;
}

/** What the addon says of one fault: server, message, system code ('' for none), skipped. */
type FaultDetail = [server: string, message: string, systemCode: string, skipped: boolean];

const NO_FAULT_DETAIL: FaultDetail = ['', '', '', false];

function indexFaults(flat: Array<number | string | boolean>): Map<number, FaultDetail> {
  const byIndex = new Map<number, FaultDetail>();
  const fields = binding.faultFields;
  for (let i = 0; i < flat.length; i += fields) {
    byIndex.set(flat[i] as number, [flat[i + 1] as string, flat[i + 2] as string, flat[i + 3] as string, flat[i + 4] as boolean]);
  }
  return byIndex;
}

/**
 * The operations whose calls have not settled: a call that timed out or was
 * aborted while its operations waited in the queue has settled, and they are
 * not sent.
 */
function unsettled(operations: Operation[]): Operation[] {
  return operations.some((operation) => operation.sink.settled) ? operations.filter((operation) => !operation.sink.settled) : operations;
}
