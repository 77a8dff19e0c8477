/** Real memcached servers on free loopback ports: see scripts/lib/memcached.mjs. */
export { freePort, type MemcachedProcess, startMemcached } from '../../scripts/lib/memcached.mjs';
