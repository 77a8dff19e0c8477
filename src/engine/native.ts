/** Loads the compiled addon: a prebuild for this platform, or a local build. */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface NativeServerConfig {
  host: string;
  port: number;
  weight: number;
  /** The name TLS checks the certificate for, when not `host` (see ServerSpec). */
  tlsName?: string;
}

export interface NativePoolConfig {
  servers: NativeServerConfig[];
  /** libmemcached behaviors of the placement: distribution and hash, as [id, value]. */
  behaviors: Array<[number, number]>;
  /** Milliseconds. */
  connectTimeout: number;
  /** Milliseconds: the deadline of a server's answers. */
  timeout: number;
  /** Milliseconds a server that failed is skipped. */
  retryTimeout: number;
  binary: boolean;
  tcpNoDelay: boolean;
  tcpKeepAlive: boolean;
  sasl?: { username: string; password: string };
  /** PEM as strings; see options.ts. */
  tls?: {
    ca?: string[];
    cert?: string;
    key?: string;
    passphrase?: string;
    servername?: string;
    rejectUnauthorized: boolean;
    minVersion?: string;
    maxVersion?: string;
    ciphers?: string;
  };
}

/**
 * `values`: the hit values under 64 KiB, concatenated (as an ArrayBuffer when
 * small); undefined when there are none (or all are empty). Each hit has bytes
 * of its own there, even when a batch reads a key twice. A hit's
 * `resultOffsets` entry is its offset there, or, with `OWN_VALUE_BIT` set, the
 * position in `ownValues` of a Buffer holding that value alone (larger values:
 * a value the caller keeps holds no other value's memory). `faults` is flat, `faultFields` entries per fault:
 * [index, server, message, systemCode ('' for none), skipped, ...], where
 * `skipped` says the operation was never sent (its server was down, or had
 * already failed in this batch).
 * `answered`: the positions (see `serverNames`) of the servers that answered
 * something, as a number with a bit per position when every position is below
 * 31, else as an array. `more`: the batch answered some of its operations;
 * another call follows for the rest.
 */
export type BatchCallback = (
  error: Error | null,
  values?: Buffer | ArrayBuffer,
  faults?: Array<number | string | boolean>,
  answered?: number | number[],
  more?: boolean,
  ownValues?: Buffer[],
) => void;

/** Marks a hit's offset as a position in `ownValues` (native/engine/batch.h ValueBuffer::kOwnBlockBit). */
export const OWN_VALUE_BIT = 0x8000_0000;
export type AdminRow = [
  server: string,
  entries: string[] | null,
  faultStatus: string | null,
  faultMessage: string | null,
  systemCode: string,
  skipped: boolean,
  /** Milliseconds from sending the command to the server's whole answer (connecting included); 0 for a fault. */
  answeredMs: number,
];
export type AdminCallback = (error: Error | null, rows?: AdminRow[]) => void;

/** Where `execute` put a batch (native/addon/client.h BatchPlace). */
export const BatchPlace = {
  /** On the event loop: no libuv thread held. */
  Loop: 0,
  /** On a libuv thread. */
  Thread: 1,
  /** Nowhere: it needs a libuv thread and `threadAllowed` was false. Nothing was sent. */
  NotStarted: 2,
} as const;
export type BatchPlace = (typeof BatchPlace)[keyof typeof BatchPlace];

export interface NativeClient {
  /**
   * Runs a batch where the addon decides: on the event loop when it can, else
   * on a libuv thread if `threadAllowed`, else not at all. `replyMs`: how long
   * the batch waits for an answer, in ms, when longer than the pool's `timeout`.
   */
  execute(
    count: number,
    columns: ArrayBuffer,
    keys: Buffer,
    values: Buffer,
    valuesInPlace: readonly Buffer[],
    threadAllowed: boolean,
    callback: BatchCallback,
    replyMs?: number,
  ): BatchPlace;
  stats(argument: string | undefined, callback: AdminCallback): void;
  version(callback: AdminCallback): void;
  flush(delaySeconds: number, callback: AdminCallback): void;
  serverFor(key: Buffer): string;
  /** The servers as `host:port`, by position in the pool. */
  serverNames(): string[];
  /** A dead server gets no traffic from any connection set of the pool; false when the pool lacks it. */
  setServerDead(server: string, dead: boolean, reason: string): boolean;
  /** Closes connection sets idle for longer than `ms`; returns how many. */
  trimIdle(ms: number): number;
  /** Connection sets (a connection per server each) alive and free, and the sockets open across them. */
  connectionSets(): { total: number; free: number; sockets: number };
  close(): void;
}

export interface Binding {
  NativeClient: new (config: NativePoolConfig) => NativeClient;
  opcodes: string[];
  statuses: string[];
  modifiers: { NO_REPLY: number; HAS_INITIAL: number; VALUE_IN_PLACE: number };
  columnBytesPerOp: number;
  /** Most operations in a batch that may run on the event loop (native/addon/loop_driver.h). */
  maxLoopBatch: number;
  /** Entries per fault in a batch callback's flat `faults`. */
  faultFields: number;
  /** MEMCACHE_NATIVE_DRIVER=thread: every batch runs on a libuv thread (for tests). */
  threadDriverForced: boolean;
  constants: {
    behaviors: Record<string, number>;
    distributions: Record<string, number>;
    hashes: Record<string, number>;
  };
  libmemcachedVersion: string;
  /** Native resources alive in this process, across every client. */
  resources(): NativeResources;
  /**
   * The text of a value Buffer of `ownValues` whose bytes are all ASCII, as a
   * string over the Buffer's own memory (no copy); undefined for any other
   * Buffer, or where Node cannot make such strings. Nothing may write to the
   * Buffer afterwards.
   */
  asciiStringOf(bytes: Buffer): string | undefined;
  /** Values from this many bytes on come in `ownValues`, each in memory of its own. */
  ownValueFrom: number;
}

export interface NativeResources {
  /** Connection pools (one or more per client). */
  pools: number;
  /** Connection sets (a connection per server, what a running batch holds), leased or free. */
  handles: number;
  /** Sockets open: every connection to a server. */
  sockets: number;
  /**
   * Bytes of value memory JS has let go of, kept for the values of the next
   * batches (at most 128 MiB; freed after `idleTimeout` unused).
   */
  spareValueBytes: number;
  /**
   * TLS handshakes completed since the process started (a count of events,
   * not of resources alive).
   */
  tlsHandshakes: number;
  /**
   * Of `tlsHandshakes`, those that resumed the session of an earlier
   * connection to the same server instead of a full handshake.
   */
  tlsResumptions: number;
}

function packageRoot(): string {
  // Works from src/ (tests) and from dist/cjs/ (the package) alike.
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'binding.gyp'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`memcache-native: cannot find the package root above ${__dirname}`);
    dir = parent;
  }
  return dir;
}

function load(): Binding {
  const root = packageRoot();
  // An explicit addon path, for sanitizer and debug builds (scripts/sanitize.sh).
  const override = process.env.MEMCACHE_NATIVE_ADDON;
  if (override) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(path.resolve(override)) as Binding;
  }
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const nodeGypBuild = require('node-gyp-build') as (dir: string) => Binding;
    return nodeGypBuild(root);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new Error(
      [
        `memcache-native could not load its native addon for ${process.platform}-${process.arch}, Node ${process.version} (N-API 8).`,
        `Reason: ${reason}`,
        'The package ships a prebuilt addon for linux-x64 with glibc 2.34 or newer (Debian 12, Ubuntu 22.04, RHEL 9 and later),',
        'libmemcached included. Possible fixes:',
        '- On another platform, or where the prebuilt addon cannot load, build from source: install a C++ compiler, make',
        '  and Python 3 (Debian/Ubuntu: `apt-get install -y build-essential python3`), then run',
        '  `npm rebuild memcache-native --build-from-source`.',
        '- If the install ran with --ignore-scripts and there is no prebuilt addon for this platform, run `npm rebuild memcache-native`.',
      ].join('\n'),
      { cause },
    );
  }
}

export const binding: Binding = load();
