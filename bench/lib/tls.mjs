// The TLS cells: which clients run them, which cannot and why, and the TLS
// memcached they share. One memcached (-Z, the test CA's certificate for
// 127.0.0.1, made with `openssl` by scripts/lib/tls-memcached.mjs) listens on
// a TLS port and on a plaintext port (`-l notls:`), so this client over TLS
// and over plaintext talk to the same server process.
import { freePort } from '../../scripts/lib/memcached.mjs';
import { startTlsMemcached, testCertificates } from '../../scripts/lib/tls-memcached.mjs';

/**
 * Each a worker process: `name` in the tables, `driver` in bench/drivers/,
 * `tls` whether it connects to the TLS port (with the test CA, verifying the
 * server's certificate) or to the plaintext one.
 */
export const TLS_CLIENTS = [
  { name: 'memcache-native', driver: 'memcache-native', tls: true },
  { name: 'memcache-native plaintext', driver: 'memcache-native', tls: false },
  { name: 'memcache-client', driver: 'memcache-client', tls: true },
  { name: 'memcache', driver: 'memcache', tls: true },
];

/** The peers compared with memcache-native over TLS. */
export const TLS_PEERS = ['memcache-client', 'memcache'];

/** Peers of the plaintext suite with no TLS, shown in the TLS tables as such. */
export const NO_TLS = {
  memjs: 'no TLS: memjs 1.3.2 opens its sockets with net.connect() and has no TLS option',
  memcached: 'no TLS: memcached 2.2.2 opens its sockets with net.Socket and has no TLS option',
};

/** Starts the TLS memcached; resolves with its TLS and plaintext addresses, the client's TLS options and stop(). */
export async function tlsServer() {
  const plainPort = await freePort();
  const server = await startTlsMemcached({ args: ['-m', '1024', '-t', '1', '-I', '2m', '-l', `notls:127.0.0.1:${plainPort}`] });
  return {
    tlsAddress: server.address,
    plainAddress: `127.0.0.1:${plainPort}`,
    tls: { ca: testCertificates().ca },
    stop: () => server.stop(),
  };
}
