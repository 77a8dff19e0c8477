/**
 * SASL against a real memcached started with -S and a sasldb this test makes:
 * the right login works for every kind of call, a wrong one is a typed
 * AuthenticationError for every kind of call, and the credentials never show
 * in errors, options, inspection or JSON.
 */
import { inspect } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { AuthenticationError, BatchError, Client, InvalidArgumentError, MemcachedError, textCodec } from '../../src/index.js';
import { pythonCodec } from '../../src/python/index.js';
import { binding } from '../../src/engine/native.js';
import { testClient, track, uniquePrefix } from '../support/clients.js';
import type { MemcachedProcess } from '../support/memcached.js';
import { PYTHON_CLIENTS, runPython } from '../support/python.js';
import { startSaslMemcached } from '../support/sasl-memcached.js';
import { rejectionOf } from '../support/util.js';

const USER = 'cache-user';
const PASSWORD = 'p4ss-W0rd-not-in-logs';
const WRONG = 'wrong-Secret-never-shown';

let server: MemcachedProcess;
beforeAll(async () => {
  server = await startSaslMemcached({ [USER]: PASSWORD });
});
afterAll(() => server.stop('SIGKILL'));

function saslClient(password: string, options: { retryTimeout?: number } = {}): Client<string | Buffer> {
  return track(new Client<string | Buffer>(server.address, { keyPrefix: uniquePrefix(), codec: textCodec, sasl: { username: USER, password }, ...options }));
}

/** Every string an error carries: message, stack, and those of the errors inside a BatchError. */
function everythingSaid(error: MemcachedError): string {
  const inner = error instanceof BatchError ? [...(error.errors as Map<unknown, MemcachedError>).values()].map(everythingSaid) : [];
  return [error.message, error.stack ?? '', inspect(error), JSON.stringify(error), ...inner].join('\n');
}

describe('SASL with the right password', () => {
  it('serves reads, writes, counters, multi-key calls and stats', async () => {
    const client = saslClient(PASSWORD);
    expect(client.options.protocol).toBe('binary');
    expect(await client.set('k', 'v')).toBe(true);
    expect(await client.get('k')).toBe('v');
    expect(await client.add('k', 'other')).toBe(false);
    expect(await client.incr('n', 2, { initial: 40 })).toBe(40);
    expect(await client.incr('n', 2)).toBe(42);
    expect(await client.set('quiet', 'q', { noreply: true })).toBe(true);
    expect(await client.getMany(['k', 'quiet', 'missing'])).toEqual(
      new Map([
        ['k', 'v'],
        ['quiet', 'q'],
      ]),
    );
    const stats = await client.stats();
    expect(Number(stats[server.address]?.curr_connections)).toBeGreaterThan(0);
  });

  it('lets a read-only workload run on the event loop, over connections it logged in', async () => {
    const writer = saslClient(PASSWORD);
    expect(await writer.set('k', 'v')).toBe(true);
    const reader = track(
      new Client<string | Buffer>(server.address, { keyPrefix: writer.options.keyPrefix, codec: textCodec, sasl: { username: USER, password: PASSWORD } }),
    );
    for (let i = 0; i < 3; i++) expect(await reader.get('k')).toBe('v');
    // The first read ran on a libuv thread, which opened and logged in the
    // connection; the others on the event loop (unless the thread driver is forced).
    expect(reader.counters.loopBatches).toBe(binding.threadDriverForced ? 0 : 2);
  });

  it('logs in again on the connections it makes after the server restarted', async () => {
    const client = saslClient(PASSWORD, { retryTimeout: 0 });
    expect(await client.set('k', 'before')).toBe(true);
    await server.stop('SIGKILL');
    server = await startSaslMemcached({ [USER]: PASSWORD }, { port: server.port });
    // The old connections are gone: calls fail typed until both paths have reconnected.
    const deadline = performance.now() + 5000;
    let stored = false;
    while (!stored && performance.now() < deadline) {
      stored = await client.set('k', 'after').catch((error: unknown) => {
        expect(error).toBeInstanceOf(MemcachedError);
        return false;
      });
    }
    expect(stored).toBe(true);
    let read: unknown;
    while (read !== 'after' && performance.now() < deadline) read = await client.get('k').catch(() => undefined);
    expect(read).toBe('after');
  });
});

describe('SASL shared with pylibmc', () => {
  it('pylibmc logged in with the same user reads what Node wrote, and Node reads what pylibmc wrote', async () => {
    const client = track(new Client(server.address, { codec: pythonCodec(), sasl: { username: USER, password: PASSWORD } }));
    const prefix = uniquePrefix();
    expect(await client.set(`${prefix}from-node`, { list: [1, 'two', 2.5], flag: true })).toBe(true);
    const script =
      PYTHON_CLIENTS +
      String.raw`
request = json.loads(sys.stdin.read())
client = make_client(request['config'])
client.set(request['prefix'] + 'from-python', {'n': [1, 2.5, None], 'text': 'café'})
print(json.dumps({'read': repr(client.get(request['prefix'] + 'from-node'))}))
`;
    const options = { binary: true, username: USER, password: PASSWORD };
    const answer = runPython<{ read: string }>(script, { config: { kind: 'pylibmc', servers: [server.address], options }, prefix });
    expect(answer.read).toBe("{'list': [1, 'two', 2.5], 'flag': True}");
    expect(await client.get(`${prefix}from-python`)).toEqual({ n: [1, 2.5, null], text: 'café' });
  });
});

describe('SASL with the wrong password', () => {
  it('rejects reads, writes, multi-key calls and stats with AuthenticationError', async () => {
    const client = saslClient(WRONG);
    const calls: Array<[string, () => Promise<unknown>]> = [
      ['set', () => client.set('k', 'v')],
      ['get', () => client.get('k')],
      ['getMany', () => client.getMany(['a', 'b'])],
      ['incr', () => client.incr('n', 1)],
      ['stats', () => client.stats()],
    ];
    for (const [name, call] of calls) {
      const error = await rejectionOf(call());
      const faults = error instanceof BatchError ? [...(error.errors as Map<unknown, MemcachedError>).values()] : [error];
      for (const fault of faults) {
        expect(fault, name).toBeInstanceOf(AuthenticationError);
        expect(fault.code, name).toBe('ERR_AUTH');
        expect(fault.server, name).toBe(server.address);
      }
      const said = everythingSaid(error);
      expect(said, name).not.toContain(WRONG);
      expect(said, name).not.toContain(PASSWORD);
    }
  });

  it('does not count as a dead server: no server:down, however many calls fail', async () => {
    const client = saslClient(WRONG, { retryTimeout: 0 });
    let downs = 0;
    client.on('server:down', () => downs++);
    for (let i = 0; i < 6; i++) expect(await rejectionOf(client.set('k', 'v'))).toBeInstanceOf(AuthenticationError);
    expect(downs).toBe(0);
    expect(client.deadServers).toEqual([]);
  });

  it('a client without credentials gets AuthenticationError for writes, reads and stats alike', async () => {
    const client = testClient({ protocol: 'binary', retryTimeout: 0, failureLimit: 100 }, server.address);
    const error = await rejectionOf(client.set('k', 'v'));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).toMatch(/requires authentication/);
    // A read is refused the same way, never taken for a miss, in a small
    // batch and in one large enough for a libuv thread.
    expect(await rejectionOf(client.get('k'))).toBeInstanceOf(AuthenticationError);
    const many = await rejectionOf(client.getMany(Array.from({ length: 100 }, (_, i) => `k${i}`)));
    expect(many).toBeInstanceOf(BatchError);
    const errors = [...(many as BatchError<string, unknown>).errors.values()];
    expect(errors.length).toBe(100);
    for (const each of errors) expect(each).toBeInstanceOf(AuthenticationError);
    const stats = await rejectionOf(client.stats());
    expect([...(stats as BatchError<string, unknown>).errors.values()][0]).toBeInstanceOf(AuthenticationError);
  });
});

describe('the credentials', () => {
  it('stay out of client.options, inspection and JSON', () => {
    const client = saslClient(PASSWORD);
    expect(client.options.sasl).toEqual({ username: USER });
    for (const shown of [inspect(client, { depth: 10 }), inspect(client.options, { depth: 10 }), JSON.stringify(client.options)]) {
      expect(shown).not.toContain(PASSWORD);
    }
  });

  it('are checked before any I/O, and the error does not repeat them', () => {
    const cases: Array<[object, RegExp]> = [
      [{ sasl: { username: USER, password: PASSWORD }, protocol: 'ascii' }, /SASL needs the binary protocol/],
      [{ sasl: { username: USER, password: `${PASSWORD}\0x` } }, /"sasl\.password" to be a non-empty string without NUL/],
      [{ sasl: { username: '', password: PASSWORD } }, /"sasl\.username"/],
      [{ sasl: 'user:password' }, /"sasl" option to be \{ username, password \}/],
      [{ protocol: 'udp' }, /"protocol" option to be 'ascii' or 'binary'/],
    ];
    for (const [options, message] of cases) {
      let error: unknown;
      try {
        new Client('127.0.0.1:1', options);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain(PASSWORD);
    }
  });
});
