import type { ChildProcess } from 'node:child_process';

export interface MemcachedProcess {
  port: number;
  /** `127.0.0.1:<port>`, or `[::1]:<port>` for an IPv6 host */
  address: string;
  process: ChildProcess;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export function freePort(): Promise<number>;
export function startMemcached(extraArgs?: string[], options?: { port?: number; host?: string; env?: NodeJS.ProcessEnv }): Promise<MemcachedProcess>;

export interface UnixMemcachedProcess {
  /** The unix socket's path, which is also the server's name */
  path: string;
  address: string;
  process: ChildProcess;
  /** Stops memcached and removes its socket's directory. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export function startUnixMemcached(extraArgs?: string[]): Promise<UnixMemcachedProcess>;
