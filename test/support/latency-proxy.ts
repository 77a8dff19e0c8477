/** A proxy that makes a loopback memcached answer late: see scripts/lib/latency-proxy.mjs. */
export { type LatencyProxy, latencyProxy } from '../../scripts/lib/latency-proxy.mjs';
