/**
 * ElastiCache auto-discovery: a cluster's configuration endpoint answers
 * `config get cluster` with a version number and the current nodes
 * (`hostname|ip|port` each). Engines before 1.4.14 answer the same data as the
 * item `AmazonElastiCache:cluster` instead, which is asked for when the command
 * is unknown.
 */
import * as net from 'node:net';

import { ConnectionError, type MemcachedError, ProtocolError, TimeoutError } from '../errors.js';
import { type ServerSpec, serverName } from './servers.js';

export interface ClusterConfig {
  /** Increases whenever the cluster's nodes change. */
  version: number;
  /** The nodes, as `ip:port` (or `hostname:port` where the endpoint gives no IP). */
  servers: string[];
}

const MAX_REPLY = 1024 * 1024;

/** Parses the data block of a `config get cluster` answer. */
export function parseClusterConfig(data: string, endpoint: string): ClusterConfig {
  const lines = data
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const version = Number(lines[0]);
  if (lines.length < 2 || !Number.isSafeInteger(version)) {
    throw new ProtocolError('ERR_PROTOCOL', `The configuration endpoint ${endpoint} sent a cluster config without a version and node list`, endpoint);
  }
  const servers = lines[1]!.split(/\s+/).map((node) => {
    const [hostname, ip, port] = node.split('|');
    if (!hostname || port === undefined || !/^\d+$/.test(port)) {
      throw new ProtocolError(
        'ERR_PROTOCOL',
        `The configuration endpoint ${endpoint} sent a node that is not hostname|ip|port: ${JSON.stringify(node)}`,
        endpoint,
      );
    }
    const host = ip || hostname;
    return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
  });
  return { version, servers };
}

/** Asks a configuration endpoint for the cluster's nodes. */
export function fetchClusterConfig(endpoint: ServerSpec, timeoutMs: number): Promise<ClusterConfig> {
  const name = serverName(endpoint);
  return new Promise<ClusterConfig>((resolve, reject) => {
    const socket = net.connect({ host: endpoint.host, port: endpoint.port });
    let received = Buffer.alloc(0);
    let settled = false;
    let legacy = false;
    const finish = (error: MemcachedError | undefined, config?: ClusterConfig) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (error) reject(error);
      else resolve(config!);
    };
    const timer = setTimeout(
      () => finish(new TimeoutError('ERR_TIMEOUT', `The configuration endpoint ${name} did not answer within ${timeoutMs} ms`, name)),
      timeoutMs,
    );
    socket.setNoDelay(true);
    socket.on('connect', () => socket.write('config get cluster\r\n'));
    socket.on('error', (error) => finish(new ConnectionError('ERR_CONNECTION', `The configuration endpoint ${name}: ${error.message}`, name)));
    socket.on('close', () => finish(new ConnectionError('ERR_CONNECTION', `The configuration endpoint ${name} closed the connection`, name)));
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (received.length > MAX_REPLY) {
        finish(new ProtocolError('ERR_PROTOCOL', `The configuration endpoint ${name} sent more than ${MAX_REPLY} bytes`, name));
        return;
      }
      const text = received.toString('latin1');
      if (!legacy && (text.startsWith('ERROR\r\n') || text.startsWith('END\r\n'))) {
        // An engine without `config get`: the same data is an item.
        legacy = true;
        received = Buffer.alloc(0);
        socket.write('get AmazonElastiCache:cluster\r\n');
        return;
      }
      const header = /^(?:CONFIG cluster|VALUE AmazonElastiCache:cluster) \d+ (\d+)\r\n/.exec(text);
      if (!header) {
        if (text.includes('\r\n')) {
          finish(new ProtocolError('ERR_PROTOCOL', `The configuration endpoint ${name} answered ${JSON.stringify(text.slice(0, 80))}`, name));
        }
        return;
      }
      const start = header[0].length;
      const length = Number(header[1]);
      if (received.length < start + length + 2) return;
      try {
        finish(undefined, parseClusterConfig(received.subarray(start, start + length).toString('latin1'), name));
      } catch (error) {
        finish(error as MemcachedError);
      }
    });
  });
}
