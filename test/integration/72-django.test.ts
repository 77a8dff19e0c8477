/** Django's cache semantics: keys `KEY_PREFIX:VERSION:key` and Django's timeouts, checked on the server. */
import * as net from 'node:net';

import { describe, expect, it } from 'vitest';

import { DjangoCache, djangoExpiry, djangoKey } from '../../src/adapters/django.js';
import { pythonCodec } from '../../src/python/index.js';
import { sharedServers, testClient, uniquePrefix } from '../support/clients.js';

/** The remaining lifetime the server holds for `key` (meta command `mg <key> t`): -1 never expires, undefined when absent. */
function remainingTtl(server: string, key: string): Promise<number | undefined> {
  const [host, port] = server.split(':');
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), host, () => socket.write(`mg ${key} t\r\n`));
    let reply = '';
    socket.on('data', (chunk) => {
      reply += chunk.toString('latin1');
      if (!reply.endsWith('\r\n')) return;
      socket.end();
      const match = /^HD t(-?\d+)/.exec(reply);
      if (match) resolve(Number(match[1]));
      else if (reply.startsWith('EN')) resolve(undefined);
      else reject(new Error(`unexpected reply ${JSON.stringify(reply)}`));
    });
    socket.on('error', reject);
  });
}

describe('Django keys and timeouts', () => {
  it('builds keys as KEY_PREFIX:VERSION:key', () => {
    expect(djangoKey('foo')).toBe(':1:foo');
    expect(djangoKey('foo', 'site', 3)).toBe('site:3:foo');
  });

  it('translates timeouts as Django does: None never expires, over 30 days is a Unix time', () => {
    const now = 1_700_000_000;
    expect(djangoExpiry(null, now)).toBe(0);
    expect(djangoExpiry(60, now)).toBe(60);
    expect(djangoExpiry(2_592_000, now)).toBe(2_592_000);
    expect(djangoExpiry(2_592_001, now)).toBe(2_592_001 + now);
    expect(djangoExpiry(1.9, now)).toBe(1);
    expect(() => djangoExpiry(-5, now)).toThrow(/timeout/);
  });

  it('stores with the expiry Django would send, as the server sees it', async () => {
    const server = sharedServers()[0]!;
    const prefix = uniquePrefix();
    const cache = new DjangoCache(testClient({ codec: pythonCodec(), keyPrefix: '' }, server), { keyPrefix: prefix.slice(0, -1) });
    const full = (key: string) => cache.makeKey(key);

    await cache.set('default', 'v');
    expect(await remainingTtl(server, full('default'))).toBeGreaterThan(290);
    expect(await remainingTtl(server, full('default'))).toBeLessThanOrEqual(300);

    await cache.set('forever', 'v', null);
    expect(await remainingTtl(server, full('forever'))).toBe(-1);

    const fortyDays = 40 * 24 * 3600;
    await cache.set('long', 'v', fortyDays);
    const ttl = (await remainingTtl(server, full('long')))!;
    expect(Math.abs(ttl - fortyDays)).toBeLessThan(5);

    await cache.set('gone', 'v', null);
    expect(await cache.set('gone', 'v2', 0)).toBe(true);
    expect(await remainingTtl(server, full('gone'))).toBeUndefined();
    expect(await cache.add('never', 'v', 0)).toBe(true);
    expect(await cache.has('never')).toBe(false);
  });

  it('offers the rest of Django cache API with Django results', async () => {
    const cache = new DjangoCache(testClient({ codec: pythonCodec() }), { version: 2 });
    expect(await cache.get('missing', 'fallback')).toBe('fallback');
    expect(await cache.add('a', 1)).toBe(true);
    expect(await cache.add('a', 2)).toBe(false);
    expect(await cache.get('a')).toBe(1);
    expect(await cache.get('a', undefined, 1)).toBeUndefined();
    expect(await cache.incr('a', 5)).toBe(6);
    expect(await cache.decr('a', 2)).toBe(4);
    expect(await cache.incr('a', -1)).toBe(3);
    await expect(cache.incr('absent')).rejects.toMatchObject({ code: 'ERR_INVALID_ARGUMENT' });
    expect(
      await cache.setMany([
        ['x', { deep: [1] }],
        ['y', 'why'],
      ]),
    ).toEqual([]);
    expect(await cache.getMany(['x', 'y', 'z'])).toEqual(
      new Map<string, unknown>([
        ['x', { deep: [1] }],
        ['y', 'why'],
      ]),
    );
    expect(await cache.touch('x', 100)).toBe(true);
    expect(await cache.delete('x')).toBe(true);
    expect(await cache.has('x')).toBe(false);
    await cache.deleteMany(['y']);
    expect(await cache.has('y')).toBe(false);
  });
});

describe('counters shared with Python', () => {
  it('creates counters from initial with the integer flag, so Python clients read an int', async () => {
    const client = testClient({ codec: pythonCodec() });
    expect(await client.incr('hits', 1, { initial: 10 })).toBe(10);
    expect(await client.incr('hits', 5)).toBe(15);
    const stored = await client.gets('hits');
    expect(stored).toMatchObject({ value: 15, flags: 2 });
  });
});
