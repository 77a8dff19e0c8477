/**
 * ElastiCache auto-discovery against a configuration endpoint implemented in
 * test/support/config-endpoint.ts, in front of real memcached nodes.
 */
import { afterEach, describe, expect, it } from 'vitest';

import * as fs from 'node:fs';
import type * as tls from 'node:tls';

import { Client, ConnectionError, InvalidArgumentError, ProtocolError, TimeoutError, TlsError } from '../../src/index.js';
import { track, uniquePrefix } from '../support/clients.js';
import { configEndpoint } from '../support/config-endpoint.js';
import { type MemcachedProcess, startMemcached } from '../support/memcached.js';
import { startTlsMemcached, testCertificates } from '../support/tls.js';
import { type FakeServer, fakeServer, garbageServer, rejectionOf, silentServer, within } from '../support/util.js';

const started: MemcachedProcess[] = [];
const fakes: FakeServer[] = [];

afterEach(async () => {
  await Promise.all(started.map((server) => server.stop('SIGKILL')));
  await Promise.all(fakes.map((fake) => fake.close()));
  started.length = 0;
  fakes.length = 0;
});

async function nodes(count: number): Promise<string[]> {
  const servers = await Promise.all(Array.from({ length: count }, () => startMemcached()));
  started.push(...servers);
  return servers.map((server) => server.address);
}

function nextTopology(client: Client<unknown>): Promise<{ servers: string[]; reason: string }> {
  return within(new Promise((resolve) => client.once('topology', resolve)), 5000, 'a topology event');
}

const options = { distribution: 'ketama_weighted', discoveryInterval: 50, keyPrefix: uniquePrefix() } as const;

describe('Client.discover', () => {
  it('finds the nodes, follows nodes added and removed, and keeps the last list when the endpoint fails', async () => {
    const [a, b, c] = await nodes(3);
    const endpoint = await configEndpoint([a!, b!]);
    fakes.push(endpoint);
    const client = track(await Client.discover(endpoint.address, options));
    expect(client.servers).toEqual([a, b]);
    const keys = Array.from({ length: 200 }, (_, i) => `k${i}`);
    await Promise.all(keys.map((key) => client.set(key, key)));

    let changed = nextTopology(client);
    endpoint.setNodes([a!, b!, c!]);
    expect(await changed).toEqual({ servers: [a, b, c], reason: 'discovered' });
    const onC = keys.filter((key) => client.serverFor(key) === c);
    expect(onC.length).toBeGreaterThan(20);
    await Promise.all(onC.map((key) => client.set(key, `${key} on c`)));
    const direct = track(new Client(c, { keyPrefix: options.keyPrefix }));
    expect(await direct.get(onC[0]!)).toBe(`${onC[0]} on c`);

    changed = nextTopology(client);
    endpoint.setNodes([b!, c!]);
    expect(await changed).toEqual({ servers: [b, c], reason: 'discovered' });
    expect(client.servers).toEqual([b, c]);
    for (const key of keys) expect([b, c]).toContain(client.serverFor(key));

    const failed = within(new Promise<Error>((resolve) => client.once('discovery:error', resolve)), 5000, 'a discovery error');
    await endpoint.close();
    const error = await failed;
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).server).toBe(endpoint.address);
    expect(client.servers).toEqual([b, c]);
    expect(await client.set('still', 'works')).toBe(true);
    expect(await client.get('still')).toBe('works');
  });

  it('asks engines without `config get` for the AmazonElastiCache:cluster item', async () => {
    const [a] = await nodes(1);
    const endpoint = await configEndpoint([a!], { legacy: true });
    fakes.push(endpoint);
    const client = track(await Client.discover(endpoint.address, options));
    expect(client.servers).toEqual([a]);
    expect(await client.set('k', 'v')).toBe(true);
    expect(endpoint.asks).toBeGreaterThan(0);
  });

  it('rejects with a typed error naming the endpoint when it cannot tell the nodes', async () => {
    const garbage = await garbageServer('CONFIG cluster 0 8\r\nnonsense\r\nEND\r\n');
    const silent = await silentServer();
    const broken = await fakeServer((socket) => socket.on('data', () => socket.write('CONFIG cluster 0 12\r\n1\nhost|ip|x\n\r\nEND\r\n')));
    fakes.push(garbage, silent, broken);
    for (const fake of [garbage, broken]) {
      const error = await rejectionOf(Client.discover(fake.address, options));
      expect(error).toBeInstanceOf(ProtocolError);
      expect(error.server).toBe(fake.address);
    }
    const timedOut = await rejectionOf(Client.discover(silent.address, { ...options, timeout: 100, connectTimeout: 100 }));
    expect(timedOut).toBeInstanceOf(TimeoutError);
    expect(timedOut.message).toContain(silent.address);
  });
});

describe('Client.discover over TLS', () => {
  const { ca, otherCa, files } = testCertificates();
  /** The endpoint's certificate names 127.0.0.1, where it listens. */
  const endpointTls = (cert = files.serverCert, key = files.serverKey): tls.TlsOptions => ({ cert: fs.readFileSync(cert), key: fs.readFileSync(key) });

  /** TLS nodes whose certificate names `*.cache.example` only, as the endpoint names them, and no IP address. */
  async function tlsNodes(count: number, cert = files.nodeCert, key = files.nodeKey): Promise<string[]> {
    const servers = await Promise.all(Array.from({ length: count }, () => startTlsMemcached({ cert, key })));
    started.push(...servers);
    return servers.map((server) => server.address);
  }

  it('asks the endpoint over TLS and checks each node for its host name while reaching it at its IP', async () => {
    const [a, b, c] = await tlsNodes(3);
    const endpoint = await configEndpoint([a!, b!], { tls: endpointTls() });
    fakes.push(endpoint);
    const client = track(await Client.discover(endpoint.address, { ...options, tls: { ca } }));
    expect(client.servers).toEqual([a, b]);
    const keys = Array.from({ length: 100 }, (_, i) => `k${i}`);
    await Promise.all(keys.map((key) => client.set(key, key)));
    expect(await client.getMany(keys)).toEqual(new Map(keys.map((key) => [key, key])));

    const changed = nextTopology(client);
    endpoint.setNodes([a!, b!, c!]);
    expect(await changed).toEqual({ servers: [a, b, c], reason: 'discovered' });
    const onC = keys.filter((key) => client.serverFor(key) === c);
    expect(onC.length).toBeGreaterThan(5);
    await Promise.all(onC.map((key) => client.set(key, `${key} on c`)));
    expect(await client.get(onC[0]!)).toBe(`${onC[0]} on c`);
    expect(endpoint.asks).toBeGreaterThan(1);

    // A memcaches:// endpoint asks for TLS with the `tls` settings; one endpoint only.
    const byUrl = track(await Client.discover(`memcaches://${endpoint.address}`, { ...options, tls: { ca } }));
    expect(byUrl.servers).toEqual([a, b, c]);
    expect(byUrl.options.tls).toMatchObject({ rejectUnauthorized: true });
    expect(await byUrl.get(onC[0]!)).toBe(`${onC[0]} on c`);
    const two = await rejectionOf(Client.discover(`memcaches://${endpoint.address},${a}`, { ...options, tls: { ca } }));
    expect(two).toBeInstanceOf(InvalidArgumentError);
    expect(two.message).toMatch(/one configuration endpoint/);
  });

  it('refuses a node whose certificate names its IP address but not its host name', async () => {
    // The test CA's server certificate: localhost and 127.0.0.1, not node-<port>.cache.example.
    const [a] = await tlsNodes(1, files.serverCert, files.serverKey);
    const endpoint = await configEndpoint([a!], { tls: endpointTls() });
    fakes.push(endpoint);
    const client = track(await Client.discover(endpoint.address, { ...options, tls: { ca }, retryTimeout: 0 }));
    const error = await rejectionOf(client.get('k'));
    expect(error, error.message).toBeInstanceOf(TlsError);
    expect(error.server).toBe(a);
    expect(error.message).toMatch(/host ?name mismatch|node-\d+\.cache\.example/i);
  });

  it('rejects with a TlsError naming the endpoint when its certificate is not trusted, and emits discovery:error when it becomes so', async () => {
    const [a] = await tlsNodes(1);
    const untrusted = await configEndpoint([a!], { tls: endpointTls(files.otherCert, files.otherKey) });
    const plain = await configEndpoint([a!]);
    fakes.push(untrusted, plain);
    // The plain endpoint waits for a line the ClientHello never ends: the handshake does not finish.
    for (const endpoint of [untrusted, plain]) {
      const error = await rejectionOf(Client.discover(endpoint.address, { ...options, tls: { ca }, connectTimeout: 200, timeout: 100 }));
      expect(error, error.message).toBeInstanceOf(TlsError);
      expect(error.server).toBe(endpoint.address);
      expect(error.message).toContain(endpoint.address);
    }
    expect(untrusted.asks).toBe(0);
    expect(plain.asks).toBe(0);

    const endpoint = await configEndpoint([a!], { tls: endpointTls() });
    fakes.push(endpoint);
    const client = track(await Client.discover(endpoint.address, { ...options, tls: { ca } }));
    const failed = within(new Promise<Error>((resolve) => client.once('discovery:error', resolve)), 5000, 'a discovery error');
    // The endpoint now shows a certificate of another CA.
    (endpoint.server as tls.Server).setSecureContext(endpointTls(files.otherCert, files.otherKey));
    const error = await failed;
    expect(error, error.message).toBeInstanceOf(TlsError);
    expect((error as TlsError).server).toBe(endpoint.address);
    expect(client.servers).toEqual([a]);
    expect(await client.set('still', 'works')).toBe(true);
    // Trusting the other CA finds the nodes again.
    const other = track(await Client.discover(endpoint.address, { ...options, tls: { ca: otherCa } }));
    expect(other.servers).toEqual([a]);
  });
});
