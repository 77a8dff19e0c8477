/**
 * maxConnections: a pool runs several batches at once, each on connections of
 * its own, when operations keep arriving while batches run, and closes spare
 * connections after idleTimeout. A proxy delays the server's replies so that
 * batches overlap as they would with a distant server.
 */
import { afterEach, describe, expect, it } from 'vitest';

import { binding } from '../../src/engine/native.js';
import { sharedServers, testClient } from '../support/clients.js';
import { type LatencyProxy, latencyProxy } from '../support/latency-proxy.js';
import { sleep, within } from '../support/util.js';

let proxy: LatencyProxy | undefined;
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
});

const nextTick = () => new Promise((resolve) => setImmediate(resolve));

describe('an adaptive pool', () => {
  it('grows with concurrent load up to maxConnections and shrinks when idle', async () => {
    proxy = await latencyProxy(sharedServers()[0]!, 40);
    const client = testClient({ maxConnections: 4, maxConcurrentBatches: 4, idleTimeout: 200 }, proxy.address);
    expect(client.counters.connections).toBe(0);
    const calls: Array<Promise<unknown>> = [];
    let busiest = 0;
    for (let round = 0; round < 12; round++) {
      for (let i = 0; i < 20; i++) calls.push(client.set(`r${round}:k${i}`, `v${round}`));
      await nextTick();
      await sleep(5);
      busiest = Math.max(busiest, client.counters.connections);
    }
    await within(Promise.all(calls), 10_000, 'the calls');
    expect(busiest).toBeGreaterThan(1);
    expect(busiest).toBeLessThanOrEqual(4);
    await sleep(600);
    expect(client.counters.connections).toBe(0);
    // And it grows again on demand.
    expect(await client.get('r0:k0')).toBe('v0');
    expect(client.counters.connections).toBe(1);
  });

  it('keeps per-key order while batches run at once', async () => {
    proxy = await latencyProxy(sharedServers()[0]!, 10);
    const client = testClient({ maxConnections: 4, maxConcurrentBatches: 4 }, proxy.address);
    const keys = ['a', 'b', 'c', 'd', 'e'];
    const checks: Array<Promise<void>> = [];
    const written = new Map<string, string>();
    for (let step = 0; step < 400; step++) {
      const key = keys[step % keys.length]!;
      if (step % 3 === 0) {
        const value = `${key}${step}`;
        written.set(key, value);
        checks.push(client.set(key, value).then((stored) => void expect(stored).toBe(true)));
      } else {
        const expected = written.get(key);
        checks.push(client.get(key).then((value) => void expect(value).toBe(expected)));
      }
      if (step % 7 === 0) await nextTick();
    }
    await within(Promise.all(checks), 20_000, 'the calls');
    expect(client.counters.connections).toBeGreaterThan(1);
  });

  it('by default splits enough queued work into two batches, one per connection', async () => {
    const client = testClient({}, sharedServers()[0]);
    await client.set('warm', 'up');
    const before = client.counters.batches;
    const values = Array.from({ length: 32 }, (_, i) => `v${i}`);
    expect(await Promise.all(values.map((value, i) => client.set(`k${i}`, value)))).toEqual(values.map(() => true));
    expect(client.counters.batches - before).toBe(2);
    // On libuv threads the first batch may be over, its connection free again,
    // before the second is handed out.
    if (binding.threadDriverForced) expect([1, 2]).toContain(client.counters.connections);
    else expect(client.counters.connections).toBe(2);
    expect(await Promise.all(values.map((_, i) => client.get(`k${i}`)))).toEqual(values);
  });

  it('keeps whole a batch too large for the event loop (over 64 operations)', async () => {
    const client = testClient({}, sharedServers()[0]);
    await client.set('warm', 'up');
    const before = client.counters.batches;
    await Promise.all(Array.from({ length: 200 }, (_, i) => client.set(`k${i}`, 'v')));
    expect(client.counters.batches - before).toBe(1);
    expect(client.counters.connections).toBe(1);
  });

  it('splits incr with initial like any other operation: its extra round trips run on the event loop too', async () => {
    const client = testClient({}, sharedServers()[0]);
    await client.set('warm', 'up');
    const before = { ...client.counters };
    const counted = await Promise.all(Array.from({ length: 32 }, (_, i) => client.incr(`n${i}`, 1, { initial: 10 })));
    expect(counted).toEqual(counted.map(() => 10));
    expect(await Promise.all(Array.from({ length: 32 }, (_, i) => client.incr(`n${i}`, 1, { initial: 10 })))).toEqual(counted.map(() => 11));
    expect(client.counters.batches - before.batches).toBeGreaterThanOrEqual(3);
    expect(client.counters.loopBatches - before.loopBatches).toBeGreaterThanOrEqual(binding.threadDriverForced ? 0 : 2);
  });

  it('keeps one batch when the split would leave each server fewer than 8 operations', async () => {
    const client = testClient({}, sharedServers());
    const before = client.counters.batches;
    // 32 operations over 3 servers: two batches would carry about 5 per server each.
    const keys = Array.from({ length: 32 }, (_, i) => `k${i}`);
    await Promise.all(keys.map((key) => client.set(key, 'v')));
    expect(client.counters.batches - before).toBe(1);
    // One connection set: a socket to each server the keys went to.
    expect(client.counters.connections).toBe(new Set(keys.map((key) => client.serverFor(key))).size);
  });

  it('lets a few operations wait for the running batch instead of opening a connection beside it', async () => {
    proxy = await latencyProxy(sharedServers()[0]!, 40);
    const client = testClient({}, proxy.address);
    const first = client.set('a', '1');
    await nextTick();
    expect(client.counters.inFlight).toBe(1);
    const more = ['b', 'c', 'd'].map((key) => client.set(key, '2'));
    expect(await first).toBe(true);
    expect(await Promise.all(more)).toEqual([true, true, true]);
    expect(client.counters.batches).toBe(2);
    expect(client.counters.connections).toBe(1);
  });
});
