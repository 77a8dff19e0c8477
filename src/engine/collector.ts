/** The sink of a multi-key call: gathers every key's outcome into one promise. */
import { BatchError, errorOfCall, MemcachedError } from '../errors.js';
import type { Sink } from './operation.js';

export class Collector<K, R> implements Sink {
  readonly promise: Promise<Map<K, R>>;
  private readonly results = new Map<K, R>();
  private errors: Map<K, MemcachedError> | undefined;
  private remaining: number;
  settled = false;
  private resolve!: (results: Map<K, R>) => void;
  private reject!: (error: Error) => void;

  /**
   * @param keys the caller's key for each slot
   * @param keepUndefined whether an `undefined` outcome (a miss) is kept in the results
   * @param command the method called (`'getMany'`, ...), named by each key's error and the BatchError
   * @param callSite with `callStacks`: captured at the call, its frames go in the BatchError's stack
   */
  constructor(
    private readonly keys: readonly K[],
    private readonly keepUndefined: boolean,
    private readonly command = '',
    private readonly callSite: { stack?: string } | undefined = undefined,
  ) {
    this.remaining = keys.length;
    this.promise = new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    if (this.remaining === 0) {
      this.settled = true;
      this.resolve(this.results);
    }
  }

  ok(slot: number, result: unknown): void {
    if (this.settled) return;
    if (result !== undefined || this.keepUndefined) this.results.set(this.keys[slot]!, result as R);
    this.done();
  }

  fail(slot: number, error: MemcachedError): void {
    if (this.settled) return;
    const key = this.keys[slot]!;
    (this.errors ??= new Map()).set(key, this.command === '' ? error : errorOfCall(error, this.command, key as string | Buffer));
    this.done();
  }

  /** Also takes what a caller's codec threw while the call was being built: it reaches the caller as thrown. */
  abort(error: Error): void {
    if (this.settled) return;
    this.settled = true;
    this.reject(this.command === '' || !(error instanceof MemcachedError) ? error : errorOfCall(error, this.command, undefined, this.callSite));
  }

  private done(): void {
    if (--this.remaining > 0) return;
    this.settled = true;
    if (this.errors === undefined) this.resolve(this.results);
    else {
      const error = new BatchError(this.results, this.errors);
      this.reject(this.command === '' ? error : errorOfCall(error, this.command, undefined, this.callSite));
    }
  }
}
