// The servers a benchmark runs against: MEMCACHED_SERVERS (comma-separated
// host:port) when set, otherwise memcached processes started here and stopped on exit.
// `-I 2m` lets the 500 KB cells of bench/run.mjs store their values (the default
// item limit, 1 MB, is fine for them too, but leaves no room to try larger sizes).
import { startMemcached } from '../../scripts/lib/memcached.mjs';

export async function benchServers(count = 1) {
  const fromEnv = process.env.MEMCACHED_SERVERS?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (fromEnv?.length) return { servers: fromEnv.slice(0, count), stop: async () => {} };
  const started = await Promise.all(Array.from({ length: count }, () => startMemcached(['-m', '1024', '-t', '1', '-I', '2m'])));
  return {
    servers: started.map((server) => server.address),
    stop: () => Promise.all(started.map((server) => server.stop())),
  };
}
