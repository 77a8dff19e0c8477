/**
 * dogpile.cache regions: values are pickled CachedValue(payload, {'ct', 'v'});
 * DogpileCache writes them with ct = now so the region's expiration_time applies
 * to Node's writes, and applies expiration_time itself to what Python wrote.
 */
import { createHash } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { DOGPILE_VALUE_VERSION, DogpileCache } from '../../src/adapters/dogpile.js';
import { CachedValue, pickle, pythonCodec, unpickle } from '../../src/python/index.js';
import { sharedServers, testClient, uniquePrefix } from '../support/clients.js';
import { runPython } from '../support/python.js';

/** A region over pylibmc: `set` (with a sha1 key mangler when asked) or `get` with an expiration_time. */
const REGION = String.raw`
import hashlib, json, sys, time
from dogpile.cache import make_region
from dogpile.cache.api import NO_VALUE
request = json.load(sys.stdin)
mangler = (lambda key: hashlib.sha1(key.encode()).hexdigest()) if request.get('sha1') else None
region = make_region(key_mangler=mangler).configure(
    'dogpile.cache.pylibmc', expiration_time=request.get('expiration_time'), arguments={'url': request['servers']})
if request['action'] == 'set':
    region.set(request['key'], request['value'])
    print(json.dumps({'now': time.time()}))
elif request['action'] == 'get_or_create':
    print(json.dumps({'value': region.get_or_create(request['key'], lambda: 'created')}))
else:
    value = region.get(request['key'])
    print(json.dumps({'value': None if value is NO_VALUE else value, 'hit': value is not NO_VALUE}))
`;

function region(request: Record<string, unknown>): { value?: unknown; hit?: boolean; now?: number } {
  return runPython(REGION, { servers: sharedServers(), ...request });
}

function dogpileClient() {
  return testClient<unknown>({ codec: pythonCodec(), keyPrefix: '' }, sharedServers());
}

describe('dogpile.cache values', () => {
  it('pickles a CachedValue that Python loads as its own, at every protocol, and reads what Python pickles', () => {
    const script = String.raw`
import json, pickle, sys
from dogpile.cache.api import CachedValue
expected = CachedValue([1, 'a'], {'ct': 1.5, 'v': 2})
loaded = {p: pickle.loads(bytes.fromhex(h)) for p, h in json.load(sys.stdin).items()}
print(json.dumps({
    'problems': [p for p, v in loaded.items() if type(v) is not CachedValue or v != expected],
    'pickles': [pickle.dumps(expected, p).hex() for p in range(6)],
}))
`;
    const value = new CachedValue([1, 'a'], { ct: 1.5, v: 2 });
    const pickles = Object.fromEntries(([2, 3, 4, 5] as const).map((protocol) => [protocol, pickle(value, protocol).toString('hex')]));
    const result = runPython<{ problems: string[]; pickles: string[] }>(script, pickles);
    expect(result.problems).toEqual([]);
    for (const hex of result.pickles) expect(unpickle(Buffer.from(hex, 'hex'))).toEqual(value);
  });

  it('reads what a region writes, with its metadata, and Python reads what DogpileCache writes with ct = now', async () => {
    const key = `${uniquePrefix()}k`;
    const { now } = region({ action: 'set', key, value: { a: [1, 2] } });
    const cache = new DogpileCache(dogpileClient(), { expirationTime: 60 });
    const cached = await cache.getWithMetadata(key);
    expect(cached?.payload).toEqual({ a: [1, 2] });
    expect(cached?.metadata.v).toBe(DOGPILE_VALUE_VERSION);
    expect(Math.abs((cached?.metadata.ct as number) - now!)).toBeLessThan(1);
    expect(await cache.get(key)).toEqual({ a: [1, 2] });

    const fromNode = `${uniquePrefix()}k`;
    expect(await cache.set(fromNode, 'from node')).toBe(true);
    const stored = (await cache.getWithMetadata(fromNode))!;
    expect(Math.abs((stored.metadata.ct as number) - Date.now() / 1000)).toBeLessThan(5);
    expect(region({ action: 'get', key: fromNode, expiration_time: 60 })).toEqual({ value: 'from node', hit: true });
  });

  it("keeps the region's expiration_time working both ways", async () => {
    const client = dogpileClient();
    // Written two minutes ago: stale for a 60 s region, fresh for a 300 s one.
    const key = `${uniquePrefix()}old`;
    await client.set(key, new CachedValue('old', { ct: Date.now() / 1000 - 120, v: DOGPILE_VALUE_VERSION }));
    expect(region({ action: 'get', key, expiration_time: 60 }).hit).toBe(false);
    expect(region({ action: 'get', key, expiration_time: 300 })).toEqual({ value: 'old', hit: true });
    expect(await new DogpileCache(client, { expirationTime: 60 }).get(key)).toBeUndefined();
    expect(await new DogpileCache(client, { expirationTime: 300 }).get(key)).toBe('old');
    expect(await new DogpileCache(client).get(key, 60)).toBeUndefined();
    // Another metadata version is a miss, as the region's get_or_create treats it.
    await client.set(key, new CachedValue('old', { ct: Date.now() / 1000, v: 1 }));
    expect(region({ action: 'get_or_create', key }).value).toBe('created');
    await client.set(key, new CachedValue('old', { ct: Date.now() / 1000, v: 1 }));
    expect(await new DogpileCache(client).get(key)).toBeUndefined();
  });

  it('shares keys through a key mangler', async () => {
    const sha1 = (key: string) => createHash('sha1').update(key).digest('hex');
    const cache = new DogpileCache(dogpileClient(), { keyMangler: sha1 });
    const key = `${uniquePrefix()}mangled key with spaces`;
    region({ action: 'set', key, value: 7, sha1: true });
    expect(await cache.get(key)).toBe(7);
    await cache.set(key, 8);
    expect(region({ action: 'get', key, sha1: true })).toEqual({ value: 8, hit: true });
  });
});
