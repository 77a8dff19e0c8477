/** Real memcached servers on free loopback ports or unix sockets: see scripts/lib/memcached.mjs. */
export { freePort, type MemcachedProcess, startMemcached, startUnixMemcached, type UnixMemcachedProcess } from '../../scripts/lib/memcached.mjs';
