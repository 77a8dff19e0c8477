// Multi-key calls of more keys than one turn of the event loop builds: their
// keys and values are checked and encoded a run per turn, then queued together.
import { describe, expect, it } from 'vitest';

import { AbortError, ClientClosedError, InvalidArgumentError } from '../../src/index.js';
import { ITEMS_PER_TURN } from '../../src/in-turns.js';
import { sharedServers, testClient, uniquePrefix } from '../support/clients.js';
import { rejectionOf, within } from '../support/util.js';

/** Enough keys for four runs of building. */
const KEY_COUNT = 3 * ITEMS_PER_TURN + 17;

function keysOf(count = KEY_COUNT): string[] {
  return Array.from({ length: count }, (_, i) => `large:${i}`);
}

function entriesOf(keys: readonly string[]): Array<[string, string]> {
  return keys.map((key, i) => [key, `value-${i}`]);
}

/** Resolves on the next turn of the event loop (after the current check phase). */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

describe('multi-key calls of many keys', () => {
  it('let the event loop run while they are built, and store and read every key', async () => {
    const client = testClient();
    const keys = keysOf();
    let turnsWhileSetting = 0;
    let settled = false;
    const setting = client.setMany(entriesOf(keys)).finally(() => (settled = true));
    // The second run is built on the next turn: nothing is queued before the last.
    await nextTurn();
    expect(client.counters.inFlight).toBe(0);
    while (!settled) {
      turnsWhileSetting++;
      await nextTurn();
    }
    expect(turnsWhileSetting).toBeGreaterThanOrEqual(3);
    const stored = await setting;
    expect(stored.size).toBe(KEY_COUNT);
    expect([...stored.values()].every((outcome) => outcome)).toBe(true);

    const read = await client.getMany(keys);
    expect(read.size).toBe(KEY_COUNT);
    const wrong = keys.filter((key, i) => read.get(key) !== `value-${i}`);
    expect(wrong).toEqual([]);
    const deleted = await client.deleteMany(keys);
    expect([...deleted.values()].filter((outcome) => outcome)).toHaveLength(KEY_COUNT);
  });

  it('keep the calls made after them behind them, on the same keys', async () => {
    const client = testClient();
    const keys = keysOf();
    const setting = client.setMany(entriesOf(keys));
    // Made before the setMany's operations are queued: they must not overtake them.
    const read = client.get('large:5');
    const overwritten = client.set('large:7', 'later');
    const deleted = client.delete('large:9');
    const counted = client.incr('large:counter', 1, { initial: 0 });
    await nextTurn();
    const alsoRead = client.getMany(['large:11', 'large:counter']);
    expect((await setting).size).toBe(KEY_COUNT);
    expect(await read).toBe('value-5');
    expect(await overwritten).toBe(true);
    expect(await deleted).toBe(true);
    expect(await counted).toBe(0);
    expect(await alsoRead).toEqual(
      new Map<string, unknown>([
        ['large:11', 'value-11'],
        ['large:counter', Buffer.from('0')],
      ]),
    );
    expect(await client.getMany(['large:7', 'large:9'])).toEqual(new Map([['large:7', 'later']]));
  });

  it.each([
    ['a key', (entries: Array<[string, unknown]>): void => void (entries.at(-1)![0] = 'a bad key'), 'ERR_INVALID_KEY'],
    ['a value', (entries: Array<[string, unknown]>): void => void (entries.at(-1)![1] = 5), 'ERR_INVALID_VALUE'],
  ] as const)('reject as a whole before any I/O when %s of the last run is bad', async (_what, spoil, code) => {
    const client = testClient();
    const entries: Array<[string, unknown]> = entriesOf(keysOf());
    spoil(entries);
    const operationsBefore = client.counters.operations;
    const error = await rejectionOf(client.setMany(entries as Array<[string, string]>));
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error.code).toBe(code);
    expect(error.command).toBe('setMany');
    expect(client.counters.operations).toBe(operationsBefore);
    expect((await client.getMany(keysOf(100))).size).toBe(0);
  });

  it('are finished by close() and settled at once by close({ force: true })', async () => {
    const keys = keysOf();
    const gentle = testClient();
    const setting = gentle.setMany(entriesOf(keys));
    await gentle.close();
    expect((await setting).size).toBe(KEY_COUNT);

    const forced = testClient({ keyPrefix: uniquePrefix() });
    const reading = forced.getMany(keys);
    const behind = forced.get('large:0');
    await forced.close({ force: true });
    const error = await rejectionOf(reading, 1_000);
    expect(error).toBeInstanceOf(ClientClosedError);
    expect(error.command).toBe('getMany');
    expect(await rejectionOf(behind, 1_000)).toBeInstanceOf(ClientClosedError);
    expect(forced.counters.inFlight).toBe(0);
  });

  it('settle when their signal aborts while they are built, and the client goes on', async () => {
    const client = testClient();
    const keys = keysOf();
    const controller = new AbortController();
    const reading = client.getMany(keys, { signal: controller.signal });
    await nextTurn();
    controller.abort();
    const error = await rejectionOf(reading, 1_000);
    expect(error).toBeInstanceOf(AbortError);
    expect(client.counters.inFlight).toBe(0);
    await client.set('after', 'still works');
    expect(await client.get('after')).toBe('still works');
  });

  it.each([
    ["libmemcached's placement", {}],
    ["python-memcached's placement, computed in JavaScript", { distribution: 'python-memcached' }],
  ] as const)('place their keys again when the servers change while they are built (%s)', async (_name, placement) => {
    const [, first, second] = sharedServers();
    const prefix = uniquePrefix();
    const client = testClient({ keyPrefix: prefix, ...placement }, [first!]);
    const keys = keysOf();
    const setting = client.setMany(entriesOf(keys));
    // Built now, queued behind the setMany once the servers have changed.
    const behind = keysOf(40).map((key) => `behind:${key}`);
    const settingBehind = client.setMany(entriesOf(behind));
    await nextTurn();
    client.addServer(second!);
    expect((await within(setting, 30_000, 'the setMany')).size).toBe(KEY_COUNT);
    expect((await settingBehind).size).toBe(behind.length);
    keys.push(...behind);

    const onSecond = keys.filter((key) => client.serverFor(key) === second);
    // Either placement moves about half of the keys to the new server.
    expect(onSecond.length).toBeGreaterThan(KEY_COUNT / 4);
    expect(behind.filter((key) => client.serverFor(key) === second).length).toBeGreaterThan(0);
    for (const server of [first!, second!]) {
      const there = keys.filter((key) => client.serverFor(key) === server);
      const direct = testClient({ keyPrefix: prefix, ...placement }, [server]);
      expect((await direct.getMany(there)).size, `keys stored on ${server}`).toBe(there.length);
    }
  });
});
