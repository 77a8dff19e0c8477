/**
 * ElastiCache auto-discovery against a configuration endpoint implemented in
 * test/support/config-endpoint.ts, in front of real memcached nodes.
 */
import { afterEach, describe, expect, it } from 'vitest';

import { Client, ConnectionError, ProtocolError, TimeoutError } from '../../src/index.js';
import { track, uniquePrefix } from '../support/clients.js';
import { configEndpoint } from '../support/config-endpoint.js';
import { type MemcachedProcess, startMemcached } from '../support/memcached.js';
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
