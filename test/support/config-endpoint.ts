/**
 * A small ElastiCache configuration endpoint: answers `config get cluster`
 * (or, in legacy mode, `get AmazonElastiCache:cluster`) with a version and the
 * nodes it is told about, in the format ElastiCache uses: node `ip:port` is
 * `node-<port>.cache.example|ip|port`. With `tls`, it answers over TLS.
 */
import type * as tls from 'node:tls';

import { type FakeServer, fakeServer } from './util.js';

export interface ConfigEndpoint extends FakeServer {
  /** Publishes a new node list under the next version. */
  setNodes(nodes: string[]): void;
  /** How many times the cluster config was asked for. */
  readonly asks: number;
}

export async function configEndpoint(nodes: string[], options: { legacy?: boolean; tls?: tls.TlsOptions } = {}): Promise<ConfigEndpoint> {
  let version = 1;
  let current = nodes;
  let asks = 0;
  const body = () => {
    const list = current.map((node) => {
      const [ip, port] = node.split(':');
      return `node-${port}.cache.example|${ip}|${port}`;
    });
    return `${version}\n${list.join(' ')}\n`;
  };
  const server = await fakeServer((socket) => {
    let pending = '';
    socket.on('data', (chunk: Buffer) => {
      pending += chunk.toString('latin1');
      let end: number;
      while ((end = pending.indexOf('\r\n')) >= 0) {
        const line = pending.slice(0, end);
        pending = pending.slice(end + 2);
        const data = body();
        if (line === 'config get cluster' && !options.legacy) {
          asks++;
          socket.write(`CONFIG cluster 0 ${Buffer.byteLength(data)}\r\n${data}\r\nEND\r\n`);
        } else if (line === 'get AmazonElastiCache:cluster' && options.legacy) {
          asks++;
          socket.write(`VALUE AmazonElastiCache:cluster 0 ${Buffer.byteLength(data)}\r\n${data}\r\nEND\r\n`);
        } else {
          socket.write('ERROR\r\n');
        }
      }
    });
  }, options);
  // defineProperty, not Object.assign, which would copy the getter's value once.
  Object.defineProperty(server, 'asks', { get: () => asks });
  return Object.assign(server as FakeServer & { readonly asks: number }, {
    setNodes(next: string[]) {
      current = next;
      version++;
    },
  });
}
