/**
 * The real Python clients and this one share values and servers: Python writes
 * and Node reads an equal value, Node writes and Python reads an equal value,
 * and keys written by each Python configuration are found by Node with the
 * matching options (and the reverse), across three servers.
 */
import { describe, expect, it } from 'vitest';

import { Client, type ClientOptions } from '../../src/index.js';
import { DjangoCache } from '../../src/adapters/django.js';
import { DogpileCache } from '../../src/adapters/dogpile.js';
import { PyDate, PyDateTime, PyDecimal, PyTime, PyTimedelta, pythonCodec } from '../../src/python/index.js';
import { protocolOption, sharedServers, testClient, track, uniquePrefix } from '../support/clients.js';
import { PYTHON_CLIENTS, runPython } from '../support/python.js';
import { seededRandom } from '../support/random.mjs';

type Kind = 'python-memcached' | 'pymemcache' | 'pymemcache-hash' | 'pylibmc' | 'django-pymemcache' | 'django-pylibmc' | 'cachelib' | 'bmemcached' | 'dogpile';

interface PythonConfig {
  kind: Kind;
  servers: string[];
  options?: Record<string, unknown>;
}

/** Writes (`action: 'write'`) or reads and compares (`'read'`) `[key, python expression]` pairs. */
const SCRIPT = `${PYTHON_CLIENTS}
import collections, datetime, decimal
request = json.load(sys.stdin)
client = make_client(request['config'])
items = request['items']
if request['action'] == 'write':
    for key, expr in items:
        client.set(key, eval(expr))
    print(json.dumps({'written': len(items)}))
else:
    keys = [key for key, _ in items]
    many = getattr(client, 'get_many', None) or client.get_multi
    got = many(keys)
    problems = []
    for key, expr in items:
        expected = eval(expr)
        value = got.get(key, '<missing>')
        if value != expected or type(value) is not type(expected):
            problems.append('%s: expected %r (%s), got %r (%s)' % (key, expected, type(expected).__name__, value, type(value).__name__))
    print(json.dumps({'problems': problems}))
`;

function python(config: PythonConfig, action: 'write' | 'read', items: Array<[string, string]>): { problems?: string[] } {
  return runPython(SCRIPT, { config, action, items });
}

interface ValueCase {
  name: string;
  py: string;
  js: unknown;
  /** What Node reads when this Python client wrote it, where that differs from `js`. */
  readFrom?: Partial<Record<Kind, unknown>>;
  /** Python values with no JS form that writes them back (tuple, frozenset, ...). */
  pythonToNodeOnly?: boolean;
  /** JS values Python reads as another type than Node reads back (a Date becomes a datetime). */
  nodeToPythonOnly?: boolean;
}

const bytes256 = Buffer.from(Array.from({ length: 256 }, (_, i) => i));

const CASES: ValueCase[] = [
  { name: 'str', py: "'héllo ✓ 🔑'", js: 'héllo ✓ 🔑' },
  { name: 'empty-str', py: "''", js: '' },
  { name: 'bytes', py: 'bytes(range(256))', js: bytes256 },
  { name: 'int', py: '42', js: 42 },
  { name: 'negative-int', py: '-7', js: -7 },
  { name: 'big-int', py: '2**70', js: 2n ** 70n },
  { name: 'negative-big-int', py: '-(2**64)', js: -(2n ** 64n) },
  { name: 'float', py: '1.5', js: 1.5 },
  { name: 'unsafe-integer-float', py: 'float(2**60)', js: 2 ** 60 },
  { name: 'big-text', py: "'héllo ✓ 🔑 ' * 20000", js: 'héllo ✓ 🔑 '.repeat(20000) },
  { name: 'big-bytes', py: 'bytes(range(256)) * 1000', js: Buffer.concat(Array.from({ length: 1000 }, () => bytes256)) },
  // pylibmc (and cachelib over it) stores a bool as the integer 1 under its integer flag.
  { name: 'true', py: 'True', js: true, readFrom: { pylibmc: 1, 'django-pylibmc': 1, cachelib: 1 } },
  { name: 'false', py: 'False', js: false, readFrom: { pylibmc: 0, 'django-pylibmc': 0, cachelib: 0 } },
  { name: 'none', py: 'None', js: null },
  { name: 'list', py: "[1, 'two', None, 2.5, [3]]", js: [1, 'two', null, 2.5, [3]] },
  { name: 'dict', py: "{'a': 1, 'nested': {'b': [1, 2]}, 'raw': b'\\x00\\x01'}", js: { a: 1, nested: { b: [1, 2] }, raw: Buffer.from([0, 1]) } },
  {
    name: 'dict-int-keys',
    py: "{1: 'one', 2: 'two'}",
    js: new Map([
      [1, 'one'],
      [2, 'two'],
    ]),
  },
  { name: 'set', py: '{1, 2, 3}', js: new Set([1, 2, 3]) },
  { name: 'datetime', py: 'datetime.datetime(2024, 5, 6, 7, 8, 9, 123456)', js: new PyDateTime(2024, 5, 6, 7, 8, 9, 123456) },
  { name: 'date', py: 'datetime.date(2024, 5, 6)', js: new PyDate(2024, 5, 6) },
  { name: 'timedelta', py: 'datetime.timedelta(days=-1, seconds=5)', js: new PyTimedelta(-1, 5, 0) },
  { name: 'decimal', py: "decimal.Decimal('1.10')", js: new PyDecimal('1.10') },
  { name: 'time', py: 'datetime.time(1, 2, 3, 4)', js: new PyTime(1, 2, 3, 4) },
  {
    name: 'aware-datetime',
    py: 'datetime.datetime(2024, 1, 2, 3, 4, 5, 678000, tzinfo=datetime.timezone.utc)',
    js: new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 678)),
    nodeToPythonOnly: true,
  },
  { name: 'nested', py: "[{'k': {1, 2}}, [b'', '']]", js: [{ k: new Set([1, 2]) }, [Buffer.alloc(0), '']] },
  { name: 'tuple', py: "(1, 'a')", js: [1, 'a'], pythonToNodeOnly: true },
  { name: 'frozenset', py: 'frozenset([4])', js: new Set([4]), pythonToNodeOnly: true },
  { name: 'bytearray', py: "bytearray(b'xyz')", js: Buffer.from('xyz'), pythonToNodeOnly: true },
  {
    name: 'ordered-dict',
    py: "collections.OrderedDict([('b', 1), ('a', 2)])",
    js: new Map([
      ['b', 1],
      ['a', 2],
    ]),
    pythonToNodeOnly: true,
  },
];

/** Characters of random text: ASCII, Latin-1, BMP and astral, and the escapes a repr needs. */
const TEXT_CHARS = [...'az09 _-\'"\\\n\té✓漢🔑'];
/** Key characters every Python client (cachelib refuses 0x21 and below) and Django accept. */
const KEY_CHARS = Array.from({ length: 0x7e - 0x22 + 1 }, (_, i) => String.fromCharCode(0x22 + i));

/** A Python expression equal to a JS value made by randomValue. */
function pythonRepr(value: unknown): string {
  if (value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number')
    return Number.isInteger(value) ? String(value) : `float.fromhex('${value < 0 ? '-' : ''}0x${Math.abs(value * 4).toString(16)}p-2')`;
  if (typeof value === 'string') return JSON.stringify(value);
  if (Buffer.isBuffer(value)) return `bytes.fromhex('${value.toString('hex')}')`;
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(', ')}]`;
  return `{${Object.entries(value as object)
    .map(([k, v]) => `${JSON.stringify(k)}: ${pythonRepr(v)}`)
    .join(', ')}}`;
}

/** A random nested list or dict of None, bools, ints, floats, str and bytes. */
function randomValue(random: () => number, depth = 0): unknown {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const text = (max: number) => Array.from({ length: Math.floor(random() * max) }, () => pick(TEXT_CHARS)).join('');
  const kind = depth === 0 ? 6 + Math.floor(random() * 2) : Math.floor(random() * (depth < 3 ? 8 : 6));
  switch (kind) {
    case 0:
      return null;
    case 1:
      return random() < 0.5;
    case 2:
      return Math.floor((random() - 0.5) * 2 ** 40);
    case 3:
      return (Math.floor(random() * 4000) - 2000) / 4 + 0.25;
    case 4:
      return text(12);
    case 5:
      return Buffer.from(Array.from({ length: Math.floor(random() * 12) }, () => Math.floor(random() * 256)));
    case 6:
      return Array.from({ length: Math.floor(random() * 5) }, () => randomValue(random, depth + 1));
    default:
      return Object.fromEntries(Array.from({ length: Math.floor(random() * 5) }, () => [`k${text(6)}`, randomValue(random, depth + 1)]));
  }
}

/** 300 random keys, each with a random nested value, from a fixed seed. */
function randomCases(seed: number): ValueCase[] {
  const random = seededRandom(seed);
  const keys = new Set<string>();
  while (keys.size < 300) {
    keys.add(Array.from({ length: 1 + Math.floor(random() * 200) }, () => KEY_CHARS[Math.floor(random() * KEY_CHARS.length)]).join(''));
  }
  return [...keys].map((name) => {
    const js = randomValue(random);
    return { name, py: pythonRepr(js), js };
  });
}

const KINDS: Kind[] = ['python-memcached', 'pymemcache', 'pylibmc', 'django-pymemcache', 'django-pylibmc', 'cachelib', 'bmemcached', 'dogpile'];

/** The Node options each kind needs besides placement: its key prefix and codec flavor. */
const NODE_OPTIONS: Partial<Record<Kind, ClientOptions<unknown>>> = {
  cachelib: { keyPrefix: 'flask_' },
  bmemcached: { codec: pythonCodec({ flavor: 'bmemcached' }) },
};

/** Node's view of a Python configuration: plain keys, or Django's `:1:key`. */
interface NodeSide {
  get(keys: string[]): Promise<Map<string, unknown>>;
  set(entries: Array<[string, unknown]>): Promise<void>;
}

function nodeSide(kind: Kind, options: ClientOptions<unknown>, servers: string[]): NodeSide {
  const client: Client<unknown> = testClient({ codec: pythonCodec(), keyPrefix: '', ...NODE_OPTIONS[kind], ...options }, servers);
  if (kind === 'dogpile') {
    const region = new DogpileCache(client);
    return {
      get: (keys) => region.getMany(keys),
      set: async (entries) => {
        const failed = await region.setMany(entries);
        expect(failed).toEqual([]);
      },
    };
  }
  if (kind.startsWith('django')) {
    const cache = new DjangoCache(client, { timeout: null });
    return {
      get: (keys) => cache.getMany(keys),
      set: async (entries) => {
        const failed = await cache.setMany(entries);
        expect(failed).toEqual([]);
      },
    };
  }
  return {
    get: (keys) => client.getMany(keys) as Promise<Map<string, unknown>>,
    set: async (entries) => {
      const stored = await client.setMany(entries);
      expect([...stored.values()].every(Boolean)).toBe(true);
    },
  };
}

/** Kinds whose value tests run over three servers with the default distribution (pylibmc's, or bmemcached's replication). */
const THREE_SERVERS = new Set<Kind>(['cachelib', 'bmemcached', 'dogpile']);

describe('values shared with Python clients', () => {
  for (const [index, kind] of KINDS.entries()) {
    const servers = () => (THREE_SERVERS.has(kind) ? sharedServers() : [sharedServers()[0]!]);

    it(`reads what ${kind} writes, and 300 random keys with random nested values`, async () => {
      const prefix = uniquePrefix();
      const cases = [...CASES.filter((c) => !c.nodeToPythonOnly), ...randomCases(1000 + index)];
      const items = cases.map((c): [string, string] => [prefix + c.name, c.py]);
      python({ kind, servers: servers() }, 'write', items);
      const got = await nodeSide(kind, {}, servers()).get(items.map(([key]) => key));
      for (const c of cases) {
        const expected = c.readFrom && kind in c.readFrom ? c.readFrom[kind] : c.js;
        expect(got.get(prefix + c.name), `${kind} wrote ${c.py}`).toEqual(expected);
      }
    });

    it(`writes what ${kind} reads as the same value, and 300 random keys with random nested values`, async () => {
      const prefix = uniquePrefix();
      const cases = [...CASES.filter((c) => !c.pythonToNodeOnly), ...randomCases(2000 + index)];
      await nodeSide(kind, {}, servers()).set(cases.map((c) => [prefix + c.name, c.js]));
      const result = python(
        { kind, servers: servers() },
        'read',
        cases.map((c) => [prefix + c.name, c.py]),
      );
      expect(result.problems).toEqual([]);
    });
  }
});

/** Python configurations over three servers and the Node options that place keys the same way. */
const PLACEMENTS: Array<{ name: string; kind: Kind; python?: Record<string, unknown>; node: ClientOptions<unknown> }> = [
  { name: 'python-memcached', kind: 'python-memcached', node: { distribution: 'python-memcached' } },
  { name: 'pymemcache HashClient', kind: 'pymemcache-hash', node: { distribution: 'pymemcache' } },
  { name: 'pylibmc default', kind: 'pylibmc', node: {} },
  { name: 'pylibmc ketama_weighted', kind: 'pylibmc', python: { behaviors: { ketama_weighted: true } }, node: { distribution: 'ketama_weighted' } },
  { name: 'Django PyMemcacheCache', kind: 'django-pymemcache', node: { distribution: 'pymemcache' } },
  { name: 'Django PyLibMCCache', kind: 'django-pylibmc', node: {} },
  { name: "cachelib MemcachedCache(key_prefix='flask_')", kind: 'cachelib', node: {} },
  // bmemcached writes every key to every server and reads from the first that has it.
  { name: 'bmemcached Client', kind: 'bmemcached', node: {} },
  { name: 'dogpile.cache.pylibmc region', kind: 'dogpile', node: {} },
];

describe('keys shared with Python clients across three servers', () => {
  for (const { name, kind, python: options, node } of PLACEMENTS) {
    it(`finds the 1,000 keys ${name} writes, and ${name} finds the 1,000 Node writes`, async () => {
      const servers = sharedServers();
      const config: PythonConfig = { kind, servers, options };
      const side = nodeSide(kind, node, servers);

      const fromPython = uniquePrefix();
      const pythonItems = Array.from({ length: 1000 }, (_, i): [string, string] => [`${fromPython}${i}`, `'value-${i}'`]);
      python(config, 'write', pythonItems);
      const found = await side.get(pythonItems.map(([key]) => key));
      expect(found.size).toBe(1000);
      expect(found.get(`${fromPython}999`)).toBe('value-999');

      const fromNode = uniquePrefix();
      await side.set(Array.from({ length: 1000 }, (_, i): [string, unknown] => [`${fromNode}${i}`, `value-${i}`]));
      const result = python(
        config,
        'read',
        Array.from({ length: 1000 }, (_, i): [string, string] => [`${fromNode}${i}`, `'value-${i}'`]),
      );
      expect(result.problems).toEqual([]);
    });
  }
});

describe('the default codec', () => {
  it('is the Python-compatible one: a plain client writes what python-memcached reads', async () => {
    const prefix = uniquePrefix();
    const server = sharedServers()[0]!;
    const client = track(new Client(server, protocolOption()));
    await client.setMany([
      [`${prefix}n`, 42],
      [`${prefix}s`, 'text'],
      [`${prefix}o`, { list: [1, 2.5, null] }],
    ]);
    expect((await client.gets(`${prefix}n`))?.flags).toBe(2);
    const result = python({ kind: 'python-memcached', servers: [server] }, 'read', [
      [`${prefix}n`, '42'],
      [`${prefix}s`, "'text'"],
      [`${prefix}o`, "{'list': [1, 2.5, None]}"],
    ]);
    expect(result.problems).toEqual([]);
  });
});
