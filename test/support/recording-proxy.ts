/**
 * A TLS proxy in front of a plain memcached that keeps what clients send, in
 * clear: the commands a TLS client puts on the wire, for tests that check
 * their shape (as ElastiCache Serverless, which limits get lines to 16 KB).
 */
import * as net from 'node:net';
import * as tls from 'node:tls';

export interface RecordingProxy {
  /** `127.0.0.1:port`, which the test CA's server certificate names. */
  address: string;
  /** Everything clients have sent so far, decrypted, in the order it came. */
  readonly sent: Buffer;
  close(): Promise<void>;
}

/** A proxy that speaks TLS with `credentials` to clients and plain memcached to `target` (`host:port`). */
export async function recordingTlsProxy(target: string, credentials: tls.TlsOptions): Promise<RecordingProxy> {
  const [host, port] = [target.slice(0, target.lastIndexOf(':')), Number(target.slice(target.lastIndexOf(':') + 1))];
  const chunks: Buffer[] = [];
  const sockets = new Set<net.Socket>();
  const server = tls.createServer(credentials, (client) => {
    const upstream = net.connect({ host, port });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => {});
      socket.on('close', () => {
        sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    client.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      upstream.write(chunk);
    });
    upstream.pipe(client);
  });
  server.on('tlsClientError', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    address: `127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    get sent() {
      return Buffer.concat(chunks);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
