/**
 * ElastiCache auto-discovery: a cluster's configuration endpoint answers
 * `config get cluster` with a version number and the current nodes
 * (`hostname|ip|port` each). Engines before 1.4.14 answer the same data as the
 * item `AmazonElastiCache:cluster` instead, which is asked for when the command
 * is unknown. With `tls`, the endpoint is asked over TLS, and each node's
 * certificate is checked for its host name while it is reached at its IP.
 */
import * as net from 'node:net';
import * as tls from 'node:tls';

import { ConnectionError, type MemcachedError, ProtocolError, TimeoutError, TlsError } from '../errors.js';
import { nodeTlsOptions, type ResolvedTlsOptions } from '../options.js';
import { type ServerSpec, serverName } from './servers.js';

export interface ClusterConfig {
  /** Increases whenever the cluster's nodes change. */
  version: number;
  /**
   * The nodes, at `ip:port` (or `hostname:port` where the endpoint gives no
   * IP), with their host name as `tlsName` when they are reached at their IP.
   */
  servers: ServerSpec[];
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
    const spec: ServerSpec = { host: ip || hostname, port: Number(port), weight: 1 };
    if (spec.host !== hostname) spec.tlsName = hostname;
    return spec;
  });
  return { version, servers };
}

/** Asks a configuration endpoint for the cluster's nodes, over TLS with `tlsOptions`. */
export function fetchClusterConfig(endpoint: ServerSpec, timeoutMs: number, tlsOptions?: ResolvedTlsOptions): Promise<ClusterConfig> {
  const name = serverName(endpoint);
  return new Promise<ClusterConfig>((resolve, reject) => {
    const address = { host: endpoint.host, port: endpoint.port };
    const socket = tlsOptions === undefined ? net.connect(address) : tls.connect({ ...address, ...nodeTlsOptions(tlsOptions) });
    // With TLS: the TCP connection is made and the handshake not yet done.
    let handshaking = false;
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
    const timer = setTimeout(() => {
      // As the engine reports a handshake that does not finish.
      if (handshaking)
        finish(new TlsError('ERR_TLS', `The configuration endpoint ${name}: TLS handshake did not finish within ${timeoutMs} ms`, name, 'ETIMEDOUT'));
      else finish(new TimeoutError('ERR_TIMEOUT', `The configuration endpoint ${name} did not answer within ${timeoutMs} ms`, name));
    }, timeoutMs);
    socket.setNoDelay(true);
    if (tlsOptions === undefined) {
      socket.on('connect', () => socket.write('config get cluster\r\n'));
    } else {
      socket.on('connect', () => (handshaking = true));
      socket.on('secureConnect', () => {
        handshaking = false;
        socket.write('config get cluster\r\n');
      });
    }
    socket.on('error', (error: NodeJS.ErrnoException) => {
      const message = `The configuration endpoint ${name}: ${error.message}`;
      const systemCode = error.code !== undefined && /^E[A-Z]+$/.test(error.code) ? error.code : undefined;
      // A refused certificate or TLS alert, as the engine reports one; a reset or refused connection stays a ConnectionError.
      if (handshaking || error.code?.startsWith('ERR_SSL_')) finish(new TlsError('ERR_TLS', message, name, systemCode));
      else finish(new ConnectionError('ERR_CONNECTION', message, name, systemCode));
    });
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
