/** Loads the compiled addon: a prebuild for this platform, or a local build. */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface NativeServerConfig {
  host: string;
  port: number;
  weight: number;
}

export interface NativePoolConfig {
  servers: NativeServerConfig[];
  behaviors: Array<[number, number]>;
  sasl?: { username: string; password: string };
}

/**
 * `values`: the hit values, small ones as an ArrayBuffer; undefined when there
 * are none (or all are empty). Each hit has bytes of its own there, even when
 * a batch reads a key twice. `faults` is flat: [index, server, message, ...].
 * `answered`: the positions (see `serverNames`) of the servers that answered
 * something, as a number with a bit per position when every position is below
 * 31, else as an array. `more`: the batch answered some of its operations;
 * another call follows for the rest.
 */
export type BatchCallback = (error: Error | null, values?: Buffer | ArrayBuffer, faults?: Array<number | string>, answered?: number | number[], more?: boolean) => void;
export type AdminRow = [server: string, entries: string[] | null, faultStatus: string | null, faultMessage: string | null];
export type AdminCallback = (error: Error | null, rows?: AdminRow[]) => void;

export interface NativeClient {
  /** Runs a batch; true when it runs on the event loop, false when on a libuv thread. */
  execute(count: number, columns: ArrayBuffer, keys: Buffer, values: Buffer, callback: BatchCallback): boolean;
  stats(argument: string | undefined, callback: AdminCallback): void;
  version(callback: AdminCallback): void;
  flush(delaySeconds: number, callback: AdminCallback): void;
  serverFor(key: Buffer): string;
  /** The servers as `host:port`, by position in the pool. */
  serverNames(): string[];
  /** A dead server gets no traffic from any handle of the pool; false when the pool lacks it. */
  setServerDead(server: string, dead: boolean, reason: string): boolean;
  /** Closes handles idle for longer than `ms`; returns how many. */
  trimIdle(ms: number): number;
  /** Handles (a connection per server each) alive and free. */
  handles(): { total: number; free: number };
  close(): void;
}

export interface Binding {
  NativeClient: new (config: NativePoolConfig) => NativeClient;
  opcodes: string[];
  statuses: string[];
  modifiers: { NO_REPLY: number; HAS_INITIAL: number };
  columnBytesPerOp: number;
  /** Most operations in a batch that may run on the event loop (native/loop_batch.h). */
  maxLoopBatch: number;
  constants: {
    behaviors: Record<string, number>;
    distributions: Record<string, number>;
    hashes: Record<string, number>;
  };
  libmemcachedVersion: string;
  /** Native resources alive in this process, across every client. */
  resources(): NativeResources;
}

export interface NativeResources {
  /** Connection pools (one or more per client). */
  pools: number;
  /** Handles: a libmemcached handle and the write path's connections, leased or free. */
  handles: number;
  /** Write-path sockets open. */
  sockets: number;
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
        '- On another platform, or where the prebuilt addon cannot load, build from source: install a C++ compiler, make,',
        '  Python 3, pkg-config and libmemcached-dev (Debian/Ubuntu: `apt-get install -y build-essential python3 pkg-config',
        '  libmemcached-dev`), then run `npm rebuild memcache-native --build-from-source`.',
        '- If the install ran with --ignore-scripts and there is no prebuilt addon for this platform, run `npm rebuild memcache-native`.',
      ].join('\n'),
      { cause },
    );
  }
}

export const binding: Binding = load();
