/**
 * `serverless: true` (ElastiCache Serverless): TLS required, no binary
 * protocol, no delayed flush, and get lines of at most 16 KB, checked on the
 * wire through a TLS proxy that records what the client sends.
 */
import * as fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { Client, type ClientOptions, InvalidArgumentError } from '../../src/index.js';
import { sharedServers, track, uniquePrefix } from '../support/clients.js';
import type { MemcachedProcess } from '../support/memcached.js';
import { recordingTlsProxy } from '../support/recording-proxy.js';
import { startTlsMemcached, testCertificates } from '../support/tls.js';
import { rejectionOf, silentServer, thrownBy } from '../support/util.js';

const { ca, files } = testCertificates();
let server: MemcachedProcess;

beforeAll(async () => {
  server = await startTlsMemcached();
});

afterAll(async () => {
  await server.stop('SIGKILL');
});

function serverless(address: string, options: ClientOptions<string | Buffer> = {}): Client<string | Buffer> {
  return track(new Client<string | Buffer>(address, { serverless: true, tls: { ca }, keyPrefix: uniquePrefix(), ...options }));
}

describe('serverless: true', () => {
  it('connects in TLS, verified, when tls is not given', () => {
    const client = track(new Client('127.0.0.1:11211', { serverless: true }));
    expect(client.options.tls).toEqual({ rejectUnauthorized: true });
    expect(client.options.protocol).toBe('ascii');
  });

  it('refuses tls: false, the binary protocol and SASL before any I/O', () => {
    for (const [options, message] of [
      [{ tls: false }, /TLS connections only/],
      [{ protocol: 'binary' }, /does not speak the binary protocol/],
      [{ sasl: { username: 'u', password: 'p' } }, /no SASL login/],
      [{ serverless: 'yes' }, /"serverless" option to be a boolean/],
    ] as const) {
      const error = thrownBy(() => new Client('127.0.0.1:11211', { serverless: true, ...options } as ClientOptions<unknown>));
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect(error.message).toMatch(message);
    }
    expect(thrownBy(() => new Client('memcaches://127.0.0.1:11211', { serverless: true, tls: false }))).toBeInstanceOf(InvalidArgumentError);
  });

  it('stores and reads over TLS, and refuses flush() with a delay while flush() now works', async () => {
    const client = serverless(server.address);
    expect(await client.set('k', 'v')).toBe(true);
    expect(await client.getMany(['k', 'absent'])).toEqual(new Map([['k', 'v']]));
    const error = await rejectionOf(client.flush(10));
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error.message).toMatch(/no delayed flush/);
    expect(await client.get('k')).toBe('v');
    await client.flush();
    expect(await client.get('k')).toBeUndefined();
  });

  it('refuses Client.discover before any I/O: a Serverless cache has no nodes to discover', async () => {
    const endpoint = await silentServer();
    try {
      for (const [address, options] of [
        [endpoint.address, { serverless: true, tls: { ca } }],
        [`memcaches://${endpoint.address}`, { serverless: true }],
      ] as const) {
        const error = await rejectionOf(Client.discover(address, options));
        expect(error).toBeInstanceOf(InvalidArgumentError);
        expect(error.code).toBe('ERR_INVALID_OPTION');
        expect(error.message).toMatch(/no nodes to discover: pass its endpoint to new Client/);
      }
      expect(endpoint.connections).toBe(0);
    } finally {
      await endpoint.close();
    }
  });

  it('reads 1000 keys with get lines of at most 16 KB', async () => {
    const proxy = await recordingTlsProxy(sharedServers()[0]!, { cert: fs.readFileSync(files.serverCert), key: fs.readFileSync(files.serverKey) });
    try {
      const client = serverless(proxy.address);
      // Long keys, so the 1000 of them would make one line of about 200 KB.
      const keys = Array.from({ length: 1000 }, (_, i) => `${'k'.repeat(180)}-${i}`);
      await Promise.all(keys.slice(0, 500).map((key) => client.set(key, `value of ${key.slice(-6)}`)));
      const found = await client.getMany(keys);
      expect(found.size).toBe(500);
      for (const key of keys.slice(0, 500)) expect(found.get(key)).toBe(`value of ${key.slice(-6)}`);

      const lines = proxy.received
        .toString('latin1')
        .split('\r\n')
        .filter((line) => /^gets? /.test(line));
      const requested = lines.flatMap((line) => line.split(' ').slice(1));
      expect(requested.filter((key) => key.includes('k'.repeat(180)))).toHaveLength(1000);
      expect(lines.length).toBeGreaterThan(1);
      for (const line of lines) expect(line.length + 2).toBeLessThanOrEqual(16 * 1024);
    } finally {
      await proxy.close();
    }
  });
});
