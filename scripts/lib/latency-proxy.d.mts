export interface LatencyProxy {
  /** `127.0.0.1:port` to point clients at. */
  address: string;
  /** Client connections accepted so far. */
  readonly accepted: number;
  close(): Promise<void>;
}

/** A proxy to `target` (`host:port`) that delays the server's replies by `delayMs`. */
export function latencyProxy(target: string, delayMs: number): Promise<LatencyProxy>;
