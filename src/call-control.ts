/** The `timeout` and `signal` options every call takes: their checks, and the abort listeners. */
import { type CALL_OPTIONS, type OptionsRead, shown } from './arguments.js';
import type { Sink } from './engine/operation.js';
import { AbortError, InvalidArgumentError } from './errors.js';
import { Members, type Membership } from './members.js';

/** What the `timeout` and `signal` call options ask of a call. */
export interface CallControl {
  /** Milliseconds, 0 for the client's `timeout`. */
  timeout: number;
  signal: AbortSignal | undefined;
}

/** The longest per-call timeout: an hour, as the client's `timeout`. */
const MAX_CALL_TIMEOUT_MS = 3_600_000;

/** The `timeout` and `signal` of a call's options, as readOptions read them; undefined when it sets neither. */
export function checkCallOptions(read: OptionsRead<typeof CALL_OPTIONS>): CallControl | undefined {
  const { timeout, signal } = read;
  if (timeout === undefined && signal === undefined) return undefined;
  if (timeout !== undefined && (!Number.isInteger(timeout) || (timeout as number) < 1 || (timeout as number) > MAX_CALL_TIMEOUT_MS)) {
    throw new InvalidArgumentError(
      'ERR_INVALID_ARGUMENT',
      `Expected timeout to be a whole number of milliseconds from 1 to ${MAX_CALL_TIMEOUT_MS}, got ${shown(timeout)}`,
    );
  }
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw new InvalidArgumentError('ERR_INVALID_ARGUMENT', `Expected signal to be an AbortSignal, got ${shown(signal)}`);
  }
  return { timeout: (timeout as number | undefined) ?? 0, signal };
}

/**
 * The calls waiting on each signal, behind one 'abort' listener per signal:
 * a signal shared by many calls in flight gets one listener, not one each
 * (which would also trip Node's MaxListenersExceededWarning). A long-lived
 * signal sees calls come and go all the time: see Members for why they are
 * not kept in a Set.
 */
const abortWatches = new WeakMap<AbortSignal, { sinks: Members<Sink>; onAbort: () => void }>();

/** Settles `sink` with an AbortError when `signal` aborts, until unwatchAbort is given what this returns. */
export function watchAbort(signal: AbortSignal, sink: Sink): Membership<Sink> {
  let watch = abortWatches.get(signal);
  if (watch === undefined) {
    const sinks = new Members<Sink>();
    const onAbort = () => {
      abortWatches.delete(signal);
      const error = new AbortError(signal.reason);
      for (const waiting of sinks.members()) waiting.abort(error);
    };
    watch = { sinks, onAbort };
    abortWatches.set(signal, watch);
    signal.addEventListener('abort', onAbort, { once: true });
  }
  return watch.sinks.add(sink);
}

export function unwatchAbort(signal: AbortSignal, watching: Membership<Sink>): void {
  const watch = abortWatches.get(signal);
  if (watch === undefined || !watch.sinks.remove(watching) || watch.sinks.size > 0) return;
  abortWatches.delete(signal);
  signal.removeEventListener('abort', watch.onAbort);
}
