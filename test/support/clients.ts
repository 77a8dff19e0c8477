/** Per-test clients with their own key prefix, closed after each test. */
import { randomBytes } from 'node:crypto';

import { afterEach, inject } from 'vitest';

import { Client, type ClientOptions, textCodec } from '../../src/index.js';

const open = new Set<Client<unknown>>();

afterEach(async () => {
  const clients = [...open];
  open.clear();
  await Promise.all(clients.map((client) => client.close()));
});

/** A key prefix no other test uses: tests isolate by prefix, never by flush_all. */
export function uniquePrefix(): string {
  return `t${randomBytes(6).toString('hex')}:`;
}

/** The shared servers: [0] accepts 2 MiB items (with 512 MB, for every project's large values), [1] and [2] run memcached's defaults. */
export function sharedServers(): string[] {
  return inject('memcachedServers');
}

/** The protocol of this run (the vitest project), as a client option. */
export function protocolOption(): { protocol: 'ascii' | 'binary' } {
  return { protocol: inject('protocol') };
}

/**
 * A client of the first shared server with a fresh key prefix, speaking this
 * run's protocol, closed after the test. The core tests store strings and
 * Buffers, so the codec is textCodec unless the options name another.
 */
export function testClient<V = string | Buffer>(options: ClientOptions<V> = {}, servers: string | string[] = sharedServers()[0]!): Client<V> {
  const client = new Client<V>(servers, { keyPrefix: uniquePrefix(), codec: textCodec as never, ...protocolOption(), ...options });
  open.add(client);
  return client;
}

/** Registers a client made elsewhere so it is closed after the test. */
export function track<V>(client: Client<V>): Client<V> {
  open.add(client);
  return client;
}
