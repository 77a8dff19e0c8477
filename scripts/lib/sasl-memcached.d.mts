import type { MemcachedProcess } from './memcached.mjs';

export function startSaslMemcached(users: Record<string, string>, options?: { port?: number; args?: string[] }): Promise<MemcachedProcess>;
