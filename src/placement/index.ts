/** Key placement that matches the Python memcached clients: python-memcached and pymemcache. */
export { crc32 } from './crc32.js';
export { libmemcachedMurmur } from './libmemcached-murmur.js';
export { murmur3_32 } from './murmur3.js';
export { pythonBytesRepr } from './python-repr.js';
export { PYTHON_MEMCACHED_SERVER_RETRIES, PythonMemcachedPlacement, pythonMemcachedHash, type WeightedServer } from './python-memcached.js';
export { RendezvousPlacement, codePointLowBytes, type RendezvousHashFunction } from './pymemcache.js';
