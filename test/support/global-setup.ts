/** Vitest global setup: three shared memcached servers for the whole run. */
import type { TestProject } from 'vitest/node';

import { type MemcachedProcess, startMemcached } from './memcached.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** `host:port` of each shared memcached server; servers[0] allows 2 MiB items. */
    memcachedServers: string[];
    /** The protocol this run's test clients speak (the vitest project: ascii or binary). */
    protocol: 'ascii' | 'binary';
  }
}

let servers: MemcachedProcess[] = [];

export async function setup(project: TestProject): Promise<void> {
  servers = await Promise.all([startMemcached(['-I', '2m', '-m', '512']), startMemcached(), startMemcached()]);
  project.provide(
    'memcachedServers',
    servers.map((server) => server.address),
  );
}

export async function teardown(): Promise<void> {
  await Promise.all(servers.map((server) => server.stop()));
}
