/**
 * The Batcher's policy with no server: a fake NativeClient takes the batches.
 * It records every execute() (the keys read back from the key buffer through
 * the keyEnds column, threadAllowed), returns the BatchPlace the test chooses,
 * and answers when the test says so, the way the addon does: it writes the
 * status column (and the result columns of hits and counters) and calls back,
 * never from inside execute(). Nothing here waits on the clock: each step is a
 * turn of the event loop, and the tests count batches and their contents.
 */
import { describe, expect, it } from 'vitest';

import { type Columns, columnsOver } from '../../src/engine/batch-layout.js';
import { Batcher, type BatchReport, newCounters } from '../../src/engine/batcher.js';
import { type Codec, FLAG_TEXT, textCodec } from '../../src/codec.js';
import { ClientClosedError, type MemcachedError, TimeoutError } from '../../src/errors.js';
import { type BatchCallback, BatchPlace, binding, type NativeClient } from '../../src/engine/native.js';
import { Deferred, Operation, type Sink } from '../../src/engine/operation.js';
import { Modifier, Opcode, Status } from '../../src/engine/opcodes-statuses.js';
import { BatchSlots } from '../../src/engine/slots.js';

/** batcher.ts's mark for an operation the addon has not answered (not exported). */
const UNANSWERED = 0xff;
const OVERLAP_PER_SERVER = 8;

// ---- the fake addon ------------------------------------------------------------

type StatusName = keyof typeof Status;
/** An answer the server gave. */
interface Answer {
  status: StatusName;
  /** A hit's bytes. */
  value?: string | Buffer;
  /** A hit's flags. */
  flags?: number;
  /** A gets' CAS token, a counter's value. */
  number?: bigint;
}
/** A fault, with the detail the addon sends in the flat `faults` array. */
interface Fault {
  status: 'TIMEOUT' | 'CONNECTION' | 'SERVER_DOWN' | 'AUTH' | 'SERVER_ERROR' | 'CLIENT_ERROR' | 'NOT_NUMERIC' | 'PROTOCOL' | 'UNKNOWN';
  server: string;
  message?: string;
  systemCode?: string;
  skipped?: boolean;
}
type Reply = StatusName | Answer | Fault;

interface ReplyOptions {
  /** Another call follows for the rest of the batch. */
  more?: boolean;
  /** The callback's `answered`; every server (as a bit mask) unless given. */
  answered?: number | number[];
  /** The callback's `error`. */
  error?: Error;
  /** Hit values as an ArrayBuffer, as the addon sends small ones. */
  valuesAsArrayBuffer?: boolean;
}

/** One execute() call, and the means to answer it later. */
class FakeBatch {
  private done = false;

  constructor(
    readonly count: number,
    /** The keys as UTF-8 text. */
    readonly keys: string[],
    /** The key bytes, copied at execute(). */
    readonly keyBytes: Buffer[],
    /** The value bytes as UTF-8 text, copied at execute(). */
    readonly values: string[],
    readonly threadAllowed: boolean,
    readonly place: BatchPlace,
    private readonly columns: Columns,
    private readonly callback: BatchCallback,
    private readonly serverCount: number,
    /** The reply deadline the batch was given (0: the pool's). */
    readonly replyMs: number,
  ) {}

  /** Answers the operations at the given indexes; the final call unless `more`. */
  reply(replies: Record<number, Reply>, options: ReplyOptions = {}): void {
    if (this.done) throw new Error('the batch has had its final callback');
    if (this.place === BatchPlace.NotStarted) throw new Error('a batch that was not started gets no callback');
    const { columns } = this;
    const chunks: Buffer[] = [];
    let offset = 0;
    const faults: Array<number | string | boolean> = [];
    for (const [text, reply] of Object.entries(replies)) {
      const index = Number(text);
      if (index >= this.count) throw new Error(`no operation ${index} in a batch of ${this.count}`);
      const entry: Answer | Fault = typeof reply === 'string' ? { status: reply } : reply;
      columns.status[index] = Status[entry.status];
      if ('server' in entry) {
        faults.push(index, entry.server, entry.message ?? '', entry.systemCode ?? '', entry.skipped ?? false);
        continue;
      }
      const bytes = entry.value === undefined ? Buffer.alloc(0) : Buffer.from(entry.value);
      columns.resultOffsets[index] = offset;
      columns.resultLengths[index] = bytes.length;
      columns.resultFlags[index] = entry.flags ?? 0;
      columns.resultNumbers[index] = entry.number ?? 0n;
      chunks.push(bytes);
      offset += bytes.length;
    }
    let values: Buffer | ArrayBuffer | undefined = offset === 0 ? undefined : Buffer.concat(chunks);
    if (values && options.valuesAsArrayBuffer) values = new Uint8Array(values).buffer;
    this.done = !options.more;
    this.callback(options.error ?? null, values, faults.length > 0 ? faults : undefined, options.answered ?? 2 ** this.serverCount - 1, options.more ?? false);
  }

  /** The status column as the addon sees it now, for the batch's operations. */
  statuses(): number[] {
    return [...this.columns.status.subarray(0, this.count)];
  }
}

function unused(): never {
  throw new Error('the Batcher does not call this');
}

class FakeNative implements NativeClient {
  /** Every execute() call, NotStarted ones included. */
  readonly calls: FakeBatch[] = [];
  /** What execute() returns next, in order; Loop once these run out. */
  places: BatchPlace[] = [];
  /** Makes the next execute() throw this. */
  throwNext: Error | undefined;

  constructor(private readonly servers: string[] = ['a:11211']) {}

  execute(
    count: number,
    buffer: ArrayBuffer,
    keys: Buffer,
    values: Buffer,
    _valuesInPlace: readonly Buffer[],
    threadAllowed: boolean,
    callback: BatchCallback,
    replyMs = 0,
  ): BatchPlace {
    const thrown = this.throwNext;
    this.throwNext = undefined;
    if (thrown) throw thrown;
    const columns = columnsOver(buffer);
    const keyBytes: Buffer[] = [];
    const valueText: string[] = [];
    let keyStart = 0;
    let valueStart = 0;
    for (let i = 0; i < count; i++) {
      keyBytes.push(Buffer.from(keys.subarray(keyStart, columns.keyEnds[i])));
      keyStart = columns.keyEnds[i]!;
      valueText.push(values.subarray(valueStart, columns.valueEnds[i]).toString('utf8'));
      valueStart = columns.valueEnds[i]!;
      // What the Batcher must have written for the addon to see a new operation.
      if (columns.status[i] !== UNANSWERED) throw new Error(`operation ${i} is not marked unanswered`);
    }
    const place = this.places.shift() ?? BatchPlace.Loop;
    const batch = new FakeBatch(
      count,
      keyBytes.map((key) => key.toString('utf8')),
      keyBytes,
      valueText,
      threadAllowed,
      place,
      columns,
      callback,
      this.servers.length,
      replyMs,
    );
    this.calls.push(batch);
    return place;
  }

  /** The calls that started a batch. */
  get started(): FakeBatch[] {
    return this.calls.filter((call) => call.place !== BatchPlace.NotStarted);
  }

  /** The last call. */
  get last(): FakeBatch {
    const call = this.calls.at(-1);
    if (!call) throw new Error('no execute() call yet');
    return call;
  }

  serverNames(): string[] {
    return [...this.servers];
  }

  stats = unused;
  version = unused;
  flush = unused;
  serverFor = unused;
  setServerDead = unused;
  trimIdle = unused;
  connectionSets = unused;
  close = unused;
}

// ---- operations and their outcomes ---------------------------------------------

type Outcome = { value: unknown } | { error: MemcachedError };

/** A sink for many operations, one slot each; settling a slot twice is an error. */
class Outcomes implements Sink {
  readonly bySlot = new Map<number, Outcome>();
  readonly settled = false;

  abort(error: MemcachedError): void {
    throw new Error(`aborted: ${error.message}`);
  }

  ok(slot: number, result: unknown): void {
    this.settle(slot, { value: result });
  }

  fail(slot: number, error: MemcachedError): void {
    this.settle(slot, { error });
  }

  value(slot: number): unknown {
    const outcome = this.bySlot.get(slot);
    if (!outcome || !('value' in outcome)) throw new Error(`slot ${slot}: ${outcome ? `failed: ${outcome.error.message}` : 'not settled'}`);
    return outcome.value;
  }

  error(slot: number): MemcachedError {
    const outcome = this.bySlot.get(slot);
    if (!outcome || !('error' in outcome)) throw new Error(`slot ${slot}: ${outcome ? 'succeeded' : 'not settled'}`);
    return outcome.error;
  }

  private settle(slot: number, outcome: Outcome): void {
    if (this.bySlot.has(slot)) throw new Error(`slot ${slot} settled twice`);
    this.bySlot.set(slot, outcome);
  }
}

interface HarnessOptions {
  servers?: string[];
  maxConnections?: number;
  maxBatchSize?: number;
  slots?: BatchSlots;
  codec?: Codec<unknown>;
  timeout?: number;
}

interface OperationOptions {
  opcode?: number;
  data?: string;
  flags?: number;
  modifiers?: number;
  number?: bigint;
  faultAsMiss?: boolean;
  /** The call's own timeout (ms). */
  timeout?: number;
}

/** The operation its factory makes for `op` (a get unless told). */
function operationOf(key: string | Buffer, op: OperationOptions, sink: Sink, slot: number): Operation {
  const operation = baseOperationOf(key, op, sink, slot);
  operation.timeout = op.timeout ?? 0;
  return operation;
}

function baseOperationOf(key: string | Buffer, op: OperationOptions, sink: Sink, slot: number): Operation {
  const wire = { key, bytes: typeof key === 'string' ? Buffer.byteLength(key) : key.length };
  const opcode = op.opcode ?? Opcode.GET;
  const modifiers = op.modifiers ?? 0;
  switch (opcode) {
    case Opcode.GET:
    case Opcode.GETS:
      return Operation.read(opcode, wire, sink, slot, op.faultAsMiss ?? false);
    case Opcode.DELETE:
    case Opcode.TOUCH:
      return Operation.keyOnly(opcode, wire, sink, slot, 0, modifiers);
    case Opcode.INCR:
    case Opcode.DECR:
      return Operation.counter(opcode, wire, sink, slot, op.flags ?? 0, 0, modifiers, op.number ?? 0n, undefined);
    default: {
      const data = op.data ?? '';
      return Operation.store(opcode, wire, sink, slot, data, Buffer.byteLength(data), op.flags ?? 0, 0, modifiers, op.number);
    }
  }
}

function harness(options: HarnessOptions = {}) {
  const native = new FakeNative(options.servers);
  const reports: BatchReport[] = [];
  const swallowed: MemcachedError[] = [];
  const counters = newCounters();
  const outcomes = new Outcomes();
  const batcher = new Batcher(native, {
    slots: options.slots ?? new BatchSlots(2),
    maxBatchSize: options.maxBatchSize ?? 2048,
    timeout: options.timeout ?? 500,
    maxConnections: options.maxConnections ?? 2,
    idleTimeout: 30_000,
    codec: options.codec ?? textCodec,
    counters,
    onSwallowedFault: (error) => swallowed.push(error),
    onBatchReport: (report) => reports.push(report),
  });
  let nextSlot = 0;
  /** Queues an operation (a get unless told) on `key`; returns its slot in `outcomes`. */
  const push = (key: string | Buffer, op: OperationOptions = {}, sink: Sink = outcomes): number => {
    const slot = nextSlot++;
    batcher.push(operationOf(key, op, sink, slot));
    return slot;
  };
  const pushMany = (keys: Array<string | Buffer>, op: OperationOptions = {}): number[] => keys.map((key) => push(key, op));
  return { native, batcher, reports, swallowed, counters, outcomes, push, pushMany };
}

/** Lets every nextTick and microtask run: the Batcher's flush, and what settling set off. */
function turn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Runs `fn` from a macrotask of its own, as the addon calls back from the event loop, then lets the ticks run. */
async function fromLoop(fn: () => void): Promise<void> {
  await new Promise<void>((resolve) => {
    setImmediate(() => {
      fn();
      resolve();
    });
  });
  await turn();
}

/** A set of a one-byte value: answered OK, it resolves true. */
const STORE: OperationOptions = { opcode: Opcode.SET, data: 'v' };

function names(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}${i}`);
}

// ---- the tests -----------------------------------------------------------------

describe('the fake addon', () => {
  it('sends faults with the fields the Batcher reads', () => {
    // [index, server, message, systemCode, skipped]
    expect(binding.faultFields).toBe(5);
  });
});

describe('coalescing', () => {
  it('sends the operations pushed in one tick as one execute, none before the tick ends', async () => {
    const { native, pushMany } = harness({ maxConnections: 1 });
    pushMany(['a', 'b', 'c']);
    expect(native.calls).toHaveLength(0);
    await turn();
    expect(native.calls.map((call) => call.keys)).toEqual([['a', 'b', 'c']]);
    expect(native.last.count).toBe(3);
  });

  it('writes each operation into the columns: keys through keyEnds, values through valueEnds', async () => {
    const { native, push } = harness();
    push('k1', { opcode: Opcode.SET, data: 'first' });
    push('key-two');
    push('k3', { opcode: Opcode.SET, data: 'ünïcode' });
    await turn();
    expect(native.last.keys).toEqual(['k1', 'key-two', 'k3']);
    expect(native.last.values).toEqual(['first', '', 'ünïcode']);
  });

  it('holds operations pushed while a batch runs, and sends them together as the next batch', async () => {
    const { native, push, counters, outcomes } = harness({ maxConnections: 1 });
    const a = push('a');
    await turn();
    push('b');
    await turn();
    push('c');
    await turn();
    expect(native.calls).toHaveLength(1);
    await fromLoop(() => native.calls[0]!.reply({ 0: 'NOT_FOUND' }));
    expect(outcomes.value(a)).toBeUndefined();
    expect(native.calls.map((call) => call.keys)).toEqual([['a'], ['b', 'c']]);
    expect(counters).toMatchObject({ batches: 2, operations: 3, loopBatches: 2 });
  });

  it('puts what the settled operations issue in the same batch as the operations that waited', async () => {
    const { native, push } = harness({ maxConnections: 1 });
    const first = new Deferred<unknown>();
    // A caller that issues its next call as soon as its first one resolves.
    void first.promise.then(() => push('c'));
    push('a', {}, first);
    await turn();
    push('b');
    await turn();
    // Called back from the event loop, as the addon does.
    await fromLoop(() => native.calls[0]!.reply({ 0: 'NOT_FOUND' }));
    expect(native.calls.map((call) => call.keys)).toEqual([['a'], ['b', 'c']]);
  });

  it('cuts batches at maxBatchSize, one running at a time with maxConnections 1', async () => {
    const { native, pushMany } = harness({ maxConnections: 1, maxBatchSize: 3 });
    pushMany(names('k', 7));
    await turn();
    expect(native.calls.map((call) => call.count)).toEqual([3]);
    await fromLoop(() => native.last.reply({}));
    expect(native.calls.map((call) => call.count)).toEqual([3, 3]);
    await fromLoop(() => native.last.reply({}));
    expect(native.calls.map((call) => call.keys)).toEqual([names('k', 7).slice(0, 3), names('k', 7).slice(3, 6), ['k6']]);
  });
  it('takes a long queue batch by batch in time linear in its length', async () => {
    // Copying what waits behind each batch made a call of 2 million keys take
    // minutes. Ten times the operations must take about ten times as long,
    // not a hundred (a generous bound: 30).
    async function drain(count: number): Promise<number> {
      const { native, pushMany, outcomes } = harness({ maxConnections: 1, maxBatchSize: 100 });
      const start = performance.now();
      pushMany(names('k', count));
      await turn();
      while (outcomes.bySlot.size < count) {
        native.last.reply({});
        await turn();
      }
      return performance.now() - start;
    }
    await drain(20_000); // warm-up
    const small = await drain(20_000);
    const large = await drain(200_000);
    expect(large / small).toBeLessThan(30);
  });
});

describe('key identity', () => {
  /**
   * 'k' runs in a first batch; `other` and seven more keys are queued, enough
   * for a second batch beside it (one server: 8 operations). The second batch
   * carries `other` only if it is not the running key.
   */
  async function secondBatchBeside(running: string | Buffer, other: string | Buffer) {
    const h = harness({ maxConnections: 2 });
    h.push(running);
    await turn();
    h.push(other);
    h.pushMany(names('o', 7));
    await turn();
    expect(h.native.calls).toHaveLength(2);
    return h;
  }

  const same: Array<[string, string | Buffer, string | Buffer]> = [
    ['a string and the same string', 'k', 'k'],
    ["'k' and Buffer.from('k')", 'k', Buffer.from('k')],
    ["Buffer.from('k') and 'k'", Buffer.from('k'), 'k'],
    ['a non-ASCII string and its UTF-8 Buffer', 'ключ-é', Buffer.from('ключ-é', 'utf8')],
    ['a UTF-8 Buffer and the non-ASCII string', Buffer.from('日本', 'utf8'), '日本'],
  ];
  it.each(same)('%s are one key: the operation waits for the running batch', async (_, running, other) => {
    const { native } = await secondBatchBeside(running, other);
    expect(native.calls[1]!.keys).toEqual(names('o', 7));
    // Beside the second batch one operation is too few to start a third: it goes when both are done.
    await fromLoop(() => native.calls[0]!.reply({}));
    expect(native.calls).toHaveLength(2);
    await fromLoop(() => native.calls[1]!.reply({}));
    expect(native.calls).toHaveLength(3);
    expect(native.calls[2]!.keyBytes).toEqual([Buffer.from(other)]);
  });

  const different: Array<[string, string | Buffer, string | Buffer]> = [
    ['k and K', 'k', 'K'],
    ['k and kk', 'k', Buffer.from('kk')],
    // 'é' is C3 A9 in UTF-8; the one byte E9 is another key.
    ["'é' and Buffer [e9]", 'é', Buffer.from([0xe9])],
    // Neither is UTF-8: as text both would read as U+FFFD.
    ['Buffer [e9] and Buffer [ea]', Buffer.from([0xe9]), Buffer.from([0xea])],
  ];
  it.each(different)('%s are different keys: the operation does not wait', async (_, running, other) => {
    const { native } = await secondBatchBeside(running, other);
    expect(native.calls[1]!.keyBytes).toEqual([Buffer.from(other), ...names('o', 7).map((key) => Buffer.from(key))]);
  });

  it('holds every later operation on a busy key too, and sends them in the order issued', async () => {
    const { native, push, pushMany } = harness({ maxConnections: 2 });
    push('k');
    await turn();
    push(Buffer.from('k'), { opcode: Opcode.SET, data: 'one' });
    pushMany(names('o', 8));
    push('k', { opcode: Opcode.SET, data: 'two' });
    await turn();
    expect(native.calls[1]!.keys).toEqual(names('o', 8));
    await fromLoop(() => native.calls[0]!.reply({}));
    await fromLoop(() => native.calls[1]!.reply({}));
    expect(native.calls[2]!.keys).toEqual(['k', 'k']);
    expect(native.calls[2]!.values).toEqual(['one', 'two']);
  });

  it('sends nothing beside a running batch when every queued operation waits for one of its keys', async () => {
    const { native, pushMany } = harness({ maxConnections: 2 });
    pushMany(['x', 'y']);
    await turn();
    pushMany(['x', 'y', 'x', 'y', 'x', 'y', 'x', 'y']);
    await turn();
    expect(native.calls).toHaveLength(1);
    await fromLoop(() => native.calls[0]!.reply({}));
    expect(native.calls.map((call) => call.count)).toEqual([2, 8]);
  });
});

describe('overlap', () => {
  it('starts a batch beside a running one only with 8 operations per server queued', async () => {
    const servers = ['a:1', 'b:2'];
    const { native, push, pushMany } = harness({ servers, maxConnections: 2 });
    push('first');
    await turn();
    pushMany(names('k', OVERLAP_PER_SERVER * servers.length - 1));
    await turn();
    expect(native.calls).toHaveLength(1);
    push('enough');
    await turn();
    expect(native.calls.map((call) => call.count)).toEqual([1, 16]);
    expect(native.calls[1]!.keys.at(-1)).toBe('enough');
  });

  it('never starts a batch beside another with maxConnections 1', async () => {
    const { native, push, pushMany } = harness({ maxConnections: 1 });
    push('first');
    await turn();
    pushMany(names('k', 100));
    await turn();
    expect(native.calls).toHaveLength(1);
  });

  it('starts a batch beside a running one only when the whole queue fits the event loop', async () => {
    const { native, push, pushMany } = harness({ maxConnections: 2 });
    push('first');
    await turn();
    pushMany(names('k', 100));
    await turn();
    expect(binding.maxLoopBatch).toBe(64);
    // 100 is more than one batch the event loop takes: it waits, whole.
    expect(native.calls.map((call) => call.count)).toEqual([1]);
    // With nothing running, it is split in two halves the event loop takes.
    await fromLoop(() => native.calls[0]!.reply({}));
    expect(native.calls.map((call) => call.count)).toEqual([1, 50, 50]);
  });

  it('starts a queue that fits the event loop beside a running batch at once', async () => {
    const { native, push, pushMany } = harness({ maxConnections: 2 });
    push('first');
    await turn();
    pushMany(names('m', 40));
    await turn();
    expect(native.calls.map((call) => call.count)).toEqual([1, 40]);
    expect(native.calls[1]!.keys).toEqual(names('m', 40));
  });

  it('caps a batch beside a running one at maxBatchSize when that is lower', async () => {
    const { native, push, pushMany } = harness({ maxConnections: 3, maxBatchSize: 10 });
    push('first');
    await turn();
    pushMany(names('k', 30));
    await turn();
    expect(native.calls.map((call) => call.count)).toEqual([1, 10, 10]);
  });

  it.each([
    // [queued, maxConnections, batch sizes sent at once]
    [40, 2, [20, 20]],
    [128, 2, [64, 64]],
    [16, 2, [8, 8]],
    // Half is below 8 per server: not worth a second batch.
    [14, 2, [14]],
    // Half is more than the event loop takes: one batch.
    [130, 2, [130]],
    [40, 1, [40]],
  ])('with nothing running, splits %i queued operations (maxConnections %i) into %j', async (queued, maxConnections, sizes) => {
    const { native, pushMany } = harness({ maxConnections });
    const keys = names('k', queued);
    pushMany(keys);
    await turn();
    expect(native.calls.map((call) => call.count)).toEqual(sizes);
    expect(native.calls.flatMap((call) => call.keys)).toEqual(keys);
  });

  it('counts the overlap threshold per server: 2 servers need 16 per half', async () => {
    const servers = ['a:1', 'b:2'];
    for (const [queued, sizes] of [
      [30, [30]],
      [32, [16, 16]],
    ] as const) {
      const { native, pushMany } = harness({ servers, maxConnections: 2 });
      pushMany(names('k', queued));
      await turn();
      expect(
        native.calls.map((call) => call.count),
        `${queued} queued`,
      ).toEqual(sizes);
    }
  });

  // An odd queue of 2 * 8 - 1 split as 8 + 7 would leave 7, below the
  // threshold for a batch beside the first, waiting a whole round trip.
  it('sends every operation of a split queue at once (15 on one server)', async () => {
    const { native, pushMany } = harness({ maxConnections: 2 });
    pushMany(names('k', 2 * OVERLAP_PER_SERVER - 1));
    await turn();
    expect(native.calls.reduce((sum, call) => sum + call.count, 0)).toBe(15);
  });
});

describe('batch slots', () => {
  it('allows a thread only while a slot is free', async () => {
    const slots = new BatchSlots(1);
    const a = harness({ slots });
    const b = harness({ slots });
    a.native.places = [BatchPlace.Thread];
    a.push('a');
    await turn();
    expect(a.native.last.threadAllowed).toBe(true);
    b.push('b');
    await turn();
    expect(b.native.last.threadAllowed).toBe(false);
    await fromLoop(() => b.native.last.reply({}));
    await fromLoop(() => a.native.last.reply({}));
    b.push('c');
    await turn();
    expect(b.native.last.threadAllowed).toBe(true);
    expect(a.counters).toMatchObject({ batches: 1, loopBatches: 0 });
    expect(b.counters).toMatchObject({ batches: 2, loopBatches: 2 });
  });

  it('gives the slot back as soon as execute() says the batch runs on the event loop', async () => {
    const slots = new BatchSlots(1);
    const a = harness({ slots });
    const b = harness({ slots });
    a.push('a');
    await turn();
    expect(a.native.last).toMatchObject({ threadAllowed: true, place: BatchPlace.Loop });
    // a's batch is still running.
    b.push('b');
    await turn();
    expect(b.native.last.threadAllowed).toBe(true);
  });

  it('keeps the slot of a batch on a thread until its final callback', async () => {
    const slots = new BatchSlots(1);
    const a = harness({ slots });
    const b = harness({ slots });
    a.native.places = [BatchPlace.Thread];
    a.pushMany(['a1', 'a2']);
    await turn();
    await fromLoop(() => a.native.last.reply({ 0: 'OK' }, { more: true }));
    b.push('b1');
    await turn();
    expect(b.native.last.threadAllowed).toBe(false);
    await fromLoop(() => b.native.last.reply({}));
    await fromLoop(() => a.native.last.reply({ 1: 'OK' }));
    b.push('b2');
    await turn();
    expect(b.native.last.threadAllowed).toBe(true);
  });

  it('puts a batch that was not started back at the front, in order, and starts it when a slot is released', async () => {
    const slots = new BatchSlots(1);
    const a = harness({ slots });
    const b = harness({ slots, maxConnections: 1, maxBatchSize: 2 });
    a.native.places = [BatchPlace.Thread];
    a.push('a');
    await turn();
    b.native.places = [BatchPlace.NotStarted, BatchPlace.NotStarted, BatchPlace.Thread];
    // Two go in the batch, 'z' stays queued behind it.
    b.pushMany(['x', 'y', 'z'], STORE);
    await turn();
    expect(b.native.calls.map((call) => [call.keys, call.threadAllowed])).toEqual([[['x', 'y'], false]]);
    expect(b.batcher.pending).toBe(3);
    // Pushed after the batch was refused: it goes behind everything.
    b.push('w', STORE);
    await turn();
    expect(b.native.calls.map((call) => [call.keys, call.threadAllowed])).toEqual([
      [['x', 'y'], false],
      [['x', 'y'], false],
    ]);
    expect(b.counters.batches).toBe(0);
    // a's batch releases the slot: b's batch goes out at once, on a thread.
    a.native.last.reply({ 0: 'NOT_FOUND' });
    expect(b.native.calls).toHaveLength(3);
    expect(b.native.last).toMatchObject({ keys: ['x', 'y'], threadAllowed: true, place: BatchPlace.Thread });
    expect(b.counters).toMatchObject({ batches: 1, operations: 2 });
    await fromLoop(() => b.native.last.reply({ 0: 'OK', 1: 'OK' }));
    // Its slot came back with its final callback: the rest may take it.
    expect(b.native.last).toMatchObject({ keys: ['z', 'w'], threadAllowed: true });
    await fromLoop(() => b.native.last.reply({ 0: 'OK', 1: 'NOT_STORED' }));
    expect(b.batcher.pending).toBe(0);
    expect([0, 1, 2, 3].map((slot) => b.outcomes.value(slot))).toEqual([true, true, true, false]);
  });

  it('releases the slot taken for a batch when execute() throws, and fails its operations', async () => {
    const slots = new BatchSlots(1);
    const a = harness({ slots });
    const b = harness({ slots });
    a.native.throwNext = new Error('the pool is closed');
    const slot = a.push('a');
    await turn();
    expect(a.outcomes.error(slot)).toMatchObject({ code: 'ERR_UNKNOWN', message: 'the pool is closed' });
    expect(a.batcher.pending).toBe(0);
    expect(a.counters.batches).toBe(0);
    b.native.places = [BatchPlace.Thread];
    b.push('b');
    await turn();
    expect(b.native.last.threadAllowed).toBe(true);
    // And a's batcher goes on.
    a.push('again');
    await turn();
    expect(a.native.last.keys).toEqual(['again']);
  });

  // A batcher that waits for a slot but has meanwhile sent its queue on the
  // event loop takes nothing when woken: the next waiter must still be called.
  it('wakes the next batcher waiting for a slot when the one woken needs none any more', async () => {
    const slots = new BatchSlots(1);
    const a = harness({ slots });
    const b = harness({ slots, maxConnections: 2 });
    const c = harness({ slots });
    // a holds the only slot.
    a.native.places = [BatchPlace.Thread];
    a.push('a');
    await turn();
    // b: one batch on the event loop, and one beside it that needs a new
    // connection, so a thread: not started.
    b.native.places = [BatchPlace.Loop, BatchPlace.NotStarted];
    b.push('b');
    await turn();
    b.pushMany(names('b', 8));
    await turn();
    // c needs a thread too (say, to connect): not started.
    c.native.places = [BatchPlace.NotStarted];
    c.push('c');
    await turn();
    expect([b.native.last.place, c.native.last.place]).toEqual([BatchPlace.NotStarted, BatchPlace.NotStarted]);
    // b's first batch ends: its queue now goes on the free connection, on the event loop.
    await fromLoop(() => b.native.calls[0]!.reply({}));
    expect(b.native.last).toMatchObject({ count: 8, place: BatchPlace.Loop });
    // a's batch ends and releases the slot: c should get it.
    await fromLoop(() => a.native.last.reply({}));
    expect(c.native.calls).toHaveLength(2);
    expect(c.native.last.threadAllowed).toBe(true);
  });
});

describe('settling', () => {
  it('settles each answer by its opcode, and counts hits and misses', async () => {
    const { native, push, outcomes, counters } = harness();
    const slots = [
      push('text'),
      push('bytes'),
      push('miss'),
      push('gets', { opcode: Opcode.GETS }),
      push('counter', { opcode: Opcode.INCR, number: 1n }),
      push('big', { opcode: Opcode.INCR, number: 1n }),
      push('quiet', { opcode: Opcode.INCR, number: 1n, modifiers: Modifier.NO_REPLY }),
      push('set', { opcode: Opcode.SET, data: 'v' }),
      push('add', { opcode: Opcode.ADD, data: 'v' }),
      push('delete', { opcode: Opcode.DELETE }),
      push('decr-miss', { opcode: Opcode.DECR, number: 1n }),
    ];
    await turn();
    await fromLoop(() =>
      native.last.reply({
        0: { status: 'OK', value: 'héllo', flags: FLAG_TEXT },
        1: { status: 'OK', value: Buffer.from([1, 2, 3]), flags: 0 },
        2: 'NOT_FOUND',
        3: { status: 'OK', value: 'g', flags: FLAG_TEXT, number: 42n },
        4: { status: 'OK', number: 7n },
        5: { status: 'OK', number: 2n ** 60n },
        6: { status: 'OK', number: 9n },
        7: 'OK',
        8: 'NOT_STORED',
        9: 'NOT_FOUND',
        10: 'NOT_FOUND',
      }),
    );
    expect(slots.map((slot) => outcomes.value(slot))).toEqual([
      'héllo',
      Buffer.from([1, 2, 3]),
      undefined,
      { value: 'g', cas: 42n, flags: FLAG_TEXT },
      7,
      2n ** 60n,
      undefined,
      true,
      false,
      false,
      undefined,
    ]);
    expect(counters).toMatchObject({ hits: 3, misses: 1, errors: 0 });
  });

  it('reads hit values sent as an ArrayBuffer, and an empty hit with no values at all', async () => {
    const { native, pushMany, outcomes } = harness();
    pushMany(['a', 'b']);
    await turn();
    await fromLoop(() => native.last.reply({ 0: { status: 'OK', value: 'xyz', flags: FLAG_TEXT } }, { valuesAsArrayBuffer: true, more: true }));
    expect(outcomes.value(0)).toBe('xyz');
    await fromLoop(() => native.last.reply({ 1: { status: 'OK', value: '', flags: FLAG_TEXT } }));
    expect(outcomes.value(1)).toBe('');
  });

  it('reports a server in `failed` for a fault of an operation sent to it, not for a skipped one', async () => {
    const servers = ['a:1', 'b:2'];
    const { native, pushMany, outcomes, reports, counters } = harness({ servers });
    pushMany(['k0', 'k1', 'k2', 'k3'], STORE);
    await turn();
    await fromLoop(() =>
      native.last.reply(
        {
          0: { status: 'CONNECTION', server: 'a:1', message: 'connection refused', systemCode: 'ECONNREFUSED', skipped: false },
          1: { status: 'SERVER_DOWN', server: 'b:2', message: 'marked dead', skipped: true },
          2: { status: 'TIMEOUT', server: 'a:1', message: 'later', systemCode: 'ETIMEDOUT', skipped: false },
          3: 'OK',
        },
        { answered: 0 },
      ),
    );
    expect(reports).toHaveLength(1);
    const [report] = reports;
    expect(report!.answered).toEqual([]);
    // One entry per server, its first fault; b's only fault was a skip.
    expect([...report!.failed.keys()]).toEqual(['a:1']);
    expect(report!.failed.get('a:1')).toMatchObject({ code: 'ERR_CONNECTION', server: 'a:1', systemCode: 'ECONNREFUSED' });
    expect(outcomes.error(0)).toMatchObject({ code: 'ERR_CONNECTION', systemCode: 'ECONNREFUSED', message: 'connection refused (server a:1)' });
    const skipped = outcomes.error(1);
    expect(skipped).toMatchObject({ code: 'ERR_SERVER_DOWN', server: 'b:2' });
    expect(skipped.systemCode).toBeUndefined();
    expect(outcomes.error(2)).toMatchObject({ code: 'ERR_TIMEOUT', systemCode: 'ETIMEDOUT' });
    expect(outcomes.value(3)).toBe(true);
    expect(counters.errors).toBe(3);
  });

  it("names the servers of the callback's `answered`, as a bit mask or as positions", async () => {
    const servers = ['a:1', 'b:2', 'c:3'];
    const { native, push, reports } = harness({ servers, maxConnections: 1 });
    const answers: Array<number | number[]> = [0b111, 0b101, 0, [1], []];
    for (const answered of answers) {
      push('k');
      await turn();
      await fromLoop(() => native.last.reply({ 0: 'NOT_FOUND' }, { answered }));
    }
    expect(reports.map((report) => report.answered)).toEqual([servers, ['a:1', 'c:3'], [], ['b:2'], []]);
  });

  it('settles part of a batch with each `more` callback and the rest with the final one', async () => {
    const { native, batcher, pushMany, outcomes, reports } = harness();
    pushMany(['a', 'b', 'c'], STORE);
    await turn();
    let idle = false;
    void batcher.whenIdle().then(() => (idle = true));
    await fromLoop(() => native.last.reply({ 1: 'OK' }, { more: true }));
    expect([...outcomes.bySlot.keys()]).toEqual([1]);
    expect(batcher.pending).toBe(3);
    // What was answered is marked settled; the rest is still unanswered.
    expect(native.last.statuses()).toEqual([UNANSWERED, 0xfe, UNANSWERED]);
    await fromLoop(() => native.last.reply({ 0: 'NOT_STORED' }, { more: true }));
    expect([...outcomes.bySlot.keys()]).toEqual([1, 0]);
    expect(idle).toBe(false);
    await fromLoop(() => native.last.reply({ 2: 'OK' }));
    expect([0, 1, 2].map((slot) => outcomes.value(slot))).toEqual([false, true, true]);
    expect(reports).toHaveLength(3);
    expect(batcher.pending).toBe(0);
    expect(idle).toBe(true);
  });

  it('fails an operation the addon never answered at the final callback, not before', async () => {
    const { native, pushMany, outcomes } = harness();
    pushMany(['a', 'b', 'c'], STORE);
    await turn();
    await fromLoop(() => native.last.reply({ 0: 'OK' }, { more: true }));
    expect(outcomes.bySlot.size).toBe(1);
    await fromLoop(() => native.last.reply({ 2: 'OK' }));
    expect(outcomes.value(0)).toBe(true);
    expect(outcomes.value(2)).toBe(true);
    expect(outcomes.error(1)).toMatchObject({ code: 'ERR_UNKNOWN', message: 'the batch ended without an answer for this operation' });
  });

  it('fails every unsettled operation with a callback error, keeping what was settled, and reports nothing for it', async () => {
    const { native, batcher, pushMany, outcomes, reports } = harness();
    pushMany(['a', 'b', 'c'], STORE);
    await turn();
    await fromLoop(() => native.last.reply({ 0: 'OK' }, { more: true }));
    await fromLoop(() => native.last.reply({}, { error: new Error('out of memory') }));
    expect(outcomes.value(0)).toBe(true);
    expect(outcomes.error(1)).toMatchObject({ code: 'ERR_UNKNOWN', message: 'out of memory' });
    expect(outcomes.error(2)).toMatchObject({ code: 'ERR_UNKNOWN', message: 'out of memory' });
    expect(reports).toHaveLength(1);
    expect(batcher.pending).toBe(0);
  });

  it('turns the fault of a faultAsMiss operation into a miss, and hands the fault on', async () => {
    const { native, push, outcomes, swallowed, counters, reports } = harness();
    const soft = push('soft', { faultAsMiss: true });
    const hard = push('hard');
    await turn();
    await fromLoop(() =>
      native.last.reply({
        0: { status: 'TIMEOUT', server: 'a:11211', message: 'timed out' },
        1: { status: 'TIMEOUT', server: 'a:11211', message: 'timed out' },
      }),
    );
    expect(outcomes.value(soft)).toBeUndefined();
    expect(outcomes.error(hard)).toMatchObject({ code: 'ERR_TIMEOUT' });
    expect(swallowed.map((error) => error.code)).toEqual(['ERR_TIMEOUT']);
    expect(counters).toMatchObject({ errors: 2, misses: 0 });
    expect(reports[0]!.failed.get('a:11211')).toMatchObject({ code: 'ERR_TIMEOUT' });
  });

  it('fails only the operation whose value the codec cannot decode', async () => {
    const codec: Codec<unknown> = {
      encode: () => ({ data: '', flags: 0 }),
      decode(data) {
        if (data.toString() === 'bad') throw Object.assign(new Error('cannot decode'), { code: 'ERR_DECODE' });
        return data.toString();
      },
    };
    const { native, pushMany, outcomes } = harness({ codec });
    pushMany(['a', 'b']);
    await turn();
    await fromLoop(() => native.last.reply({ 0: { status: 'OK', value: 'bad' }, 1: { status: 'OK', value: 'good' } }));
    expect(outcomes.error(0)).toMatchObject({ message: 'cannot decode', code: 'ERR_DECODE' });
    expect(outcomes.value(1)).toBe('good');
  });

  it('resolves whenIdle once the queue and every batch are done', async () => {
    const { native, batcher, push, pushMany } = harness({ maxConnections: 1 });
    await batcher.whenIdle();
    push('a');
    await turn();
    pushMany(['b', 'c']);
    let idle = false;
    void batcher.whenIdle().then(() => (idle = true));
    await fromLoop(() => native.calls[0]!.reply({}));
    expect(idle).toBe(false);
    expect(batcher.pending).toBe(2);
    await fromLoop(() => native.calls[1]!.reply({}));
    expect(idle).toBe(true);
  });
});

describe('calls that settle before their answer', () => {
  it('sends nothing for a call that settled while its operations waited in the queue', async () => {
    const h = harness({ maxConnections: 1 });
    h.push('k');
    await turn();
    const early = new Deferred<unknown>();
    h.push('k', {}, early);
    h.push('other');
    early.abort(new TimeoutError('ERR_TIMEOUT', 'gone'));
    await expect(early.promise).rejects.toBeInstanceOf(TimeoutError);
    await fromLoop(() => h.native.last.reply({}));
    expect(h.native.calls.map((call) => call.keys)).toEqual([['k'], ['other']]);
    await fromLoop(() => h.native.last.reply({}));
    expect(h.batcher.pending).toBe(0);
  });

  it('abortAll settles the calls queued and running at once; the answers that come later are dropped', async () => {
    const h = harness({ maxConnections: 1 });
    const running = new Deferred<unknown>();
    const queued = new Deferred<unknown>();
    h.push('a', {}, running);
    await turn();
    h.push('a', {}, queued);
    const error = new ClientClosedError();
    h.batcher.abortAll(error);
    await expect(running.promise).rejects.toBe(error);
    await expect(queued.promise).rejects.toBe(error);
    expect(h.batcher.pending).toBe(1);
    await fromLoop(() => h.native.last.reply({ 0: { status: 'OK', value: 'late' } }));
    expect(h.native.calls).toHaveLength(1);
    expect(h.batcher.pending).toBe(0);
    await h.batcher.whenIdle();
  });

  it("gives the addon the longest timeout of a batch's operations, 0 when none has one", async () => {
    const h = harness();
    h.push('a');
    h.push('b', { timeout: 100 });
    h.push('c', { timeout: 2000 });
    await turn();
    expect(h.native.last.replyMs).toBe(2000);
    await fromLoop(() => h.native.last.reply({}));
    h.push('d');
    await turn();
    expect(h.native.last.replyMs).toBe(0);
  });

  it("fails the operations without a timeout of their own at the client's timeout in a batch that waits longer, once", async () => {
    const h = harness({ timeout: 30 });
    const hasty = h.push('a');
    const patient = h.push('b', { timeout: 5000 });
    await turn();
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(h.outcomes.error(hasty)).toBeInstanceOf(TimeoutError);
    expect(h.outcomes.bySlot.has(patient)).toBe(false);
    expect(h.counters.errors).toBe(1);
    // Outcomes throws on a second settling: the late answer to 'a' must be dropped.
    await fromLoop(() => h.native.last.reply({ 0: { status: 'OK', value: 'late' }, 1: { status: 'OK', value: 'in time', flags: FLAG_TEXT } }));
    expect(h.outcomes.value(patient)).toBe('in time');
    expect(h.batcher.pending).toBe(0);
  });
});
