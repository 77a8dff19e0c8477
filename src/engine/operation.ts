/**
 * One queued memcached command, and the sinks that receive its outcome: a
 * single call's promise, or a collector shared by the keys of a multi-key call.
 */
import type { MemcachedError } from '../errors.js';

/** Receives the outcome of the operations that carry it, each under its slot number. */
export interface Sink {
  ok(slot: number, result: unknown): void;
  fail(slot: number, error: MemcachedError): void;
}

export class Operation {
  constructor(
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

  /** The connection pool this operation runs on (see routing.ts). */
  pool = 0;
}

/** The sink of a single-key call: settles its promise. */
export class Deferred<T> implements Sink {
  readonly promise: Promise<T>;
  private resolve!: (value: T) => void;
  private reject!: (error: Error) => void;

  constructor() {
    this.promise = new Promise<T>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }

  ok(_slot: number, result: unknown): void {
    this.resolve(result as T);
  }

  fail(_slot: number, error: MemcachedError): void {
    this.reject(error);
  }
}
