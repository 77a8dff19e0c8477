/**
 * One queued memcached command, and the sinks that receive its outcome: a
 * single call's promise, or a collector shared by the keys of a multi-key call.
 */
import { errorOfCall, type MemcachedError } from '../errors.js';
import type { Key, WireKey } from '../keys.js';

/** Receives the outcome of the operations that carry it, each under its slot number. */
export interface Sink {
  ok(slot: number, result: unknown): void;
  fail(slot: number, error: MemcachedError): void;
  /**
   * Settles the whole call at once with `error` (its timeout passed, its
   * signal aborted, the client was closed by force); what its operations
   * report afterwards is ignored.
   */
  abort(error: MemcachedError): void;
  /** The call has settled: its operations not sent yet need not be. */
  readonly settled: boolean;
}

/**
 * Made through a factory named for its kind of command (read, store, keyOnly,
 * counter), each taking only what that kind carries.
 */
export class Operation {
  private constructor(
    readonly opcode: number,
    /** The key as sent: prefix applied, validated. */
    readonly key: string | Buffer,
    readonly keyBytes: number,
    readonly sink: Sink,
    readonly slot: number,
    readonly data: string | Buffer | undefined = undefined,
    readonly dataBytes = 0,
    readonly flags = 0,
    readonly ttl = 0,
    readonly modifiers = 0,
    /** CAS: the token; INCR/DECR: the delta. */
    readonly number: bigint | undefined = undefined,
    readonly initial: bigint | undefined = undefined,
    /** A fault resolves as a miss (undefined) instead of failing. */
    readonly faultAsMiss = false,
  ) {}

  /** The connection pool this operation runs on (see cluster/routing.ts). */
  pool = 0;

  /** The call's own timeout in ms (the `timeout` call option), 0 for the client's. */
  timeout = 0;

  /** get or gets. */
  static read(opcode: number, wire: WireKey, sink: Sink, slot: number, faultAsMiss: boolean): Operation {
    return new Operation(opcode, wire.key, wire.bytes, sink, slot, undefined, 0, 0, 0, 0, undefined, undefined, faultAsMiss);
  }

  /** set, add, replace, append, prepend, or cas with the token it compares. */
  static store(
    opcode: number,
    wire: WireKey,
    sink: Sink,
    slot: number,
    data: string | Buffer,
    dataBytes: number,
    flags: number,
    ttl: number,
    modifiers: number,
    casToken: bigint | undefined,
  ): Operation {
    return new Operation(opcode, wire.key, wire.bytes, sink, slot, data, dataBytes, flags, ttl, modifiers, casToken);
  }

  /** delete, or touch with its new ttl. */
  static keyOnly(opcode: number, wire: WireKey, sink: Sink, slot: number, ttl: number, modifiers: number): Operation {
    return new Operation(opcode, wire.key, wire.bytes, sink, slot, undefined, 0, 0, ttl, modifiers);
  }

  /**
   * incr or decr by `delta`; with `initial` (and Modifier.HAS_INITIAL), a
   * missing counter is created with `flags` and `ttl`.
   */
  static counter(
    opcode: number,
    wire: WireKey,
    sink: Sink,
    slot: number,
    flags: number,
    ttl: number,
    modifiers: number,
    delta: bigint,
    initial: bigint | undefined,
  ): Operation {
    return new Operation(opcode, wire.key, wire.bytes, sink, slot, undefined, 0, flags, ttl, modifiers, delta, initial);
  }
}

/**
 * The sink of a single-key call: settles its promise. Its error names the
 * call's command and key (see errorOfCall).
 */
export class Deferred<T> implements Sink {
  readonly promise: Promise<T>;
  settled = false;
  private resolve!: (value: T) => void;
  private reject!: (error: Error) => void;

  /**
   * @param command the method called, for the error
   * @param key the key as the caller gave it, for the error
   * @param callSite with `callStacks`: captured at the call, its frames go in an error's stack
   */
  constructor(
    private readonly command = '',
    private readonly key: Key | undefined = undefined,
    private readonly callSite: { stack?: string } | undefined = undefined,
  ) {
    this.promise = new Promise<T>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }

  ok(_slot: number, result: unknown): void {
    this.settled = true;
    this.resolve(result as T);
  }

  fail(_slot: number, error: MemcachedError): void {
    this.settled = true;
    this.reject(this.command === '' ? error : errorOfCall(error, this.command, this.key, this.callSite));
  }

  abort(error: MemcachedError): void {
    this.fail(0, error);
  }
}
