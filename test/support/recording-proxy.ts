/**
 * A TLS proxy in front of a plain memcached that keeps what clients send, in
 * clear: the commands a TLS client puts on the wire, for tests that check
 * their shape (as ElastiCache Serverless, which limits get lines to 16 KB).
 */
import * as net from 'node:net';
import type * as tls from 'node:tls';

import { type FakeServer, fakeServer } from './util.js';

/**
 * A proxy that speaks TLS with `credentials` to clients and plain memcached to
 * `target` (`host:port`); its `received` is everything clients sent, decrypted.
 */
export function recordingTlsProxy(target: string, credentials: tls.TlsOptions): Promise<FakeServer> {
  const separator = target.lastIndexOf(':');
  const [host, port] = [target.slice(0, separator), Number(target.slice(separator + 1))];
  return fakeServer(
    (client) => {
      const upstream = net.connect({ host, port });
      upstream.on('error', () => client.destroy());
      upstream.on('close', () => client.destroy());
      client.on('close', () => upstream.destroy());
      client.on('data', (chunk: Buffer) => upstream.write(chunk));
      upstream.pipe(client);
    },
    { tls: credentials },
  );
}
