/**
 * pickle() against CPython: what the encoder writes at protocols 2 to 5 must load
 * in /usr/bin/python3 as the expected Python value (same types, same values), be
 * byte-identical to CPython's own pickle where the value has no repeated objects,
 * and decode back through unpickle().
 */
import { execFileSync } from 'node:child_process';

import { beforeAll, describe, expect, it } from 'vitest';

import { InvalidArgumentError } from '../../src/index.js';
import {
  DEFAULT_PICKLE_PROTOCOL,
  type PickleProtocol,
  PyDate,
  PyDateTime,
  PyDecimal,
  PyTime,
  PyTimedelta,
  PyTimezone,
  pickle,
  unpickle,
} from '../../src/python/index.js';
import { thrownBy } from '../support/util.js';

const PROTOCOLS: PickleProtocol[] = [2, 3, 4, 5];

interface Case {
  name: string;
  value: unknown;
  /** The Python value it must load as (an expression, or one per protocol). */
  expr?: string | ((protocol: PickleProtocol) => string);
  /** A Python expression over the loaded value `v` that must be true. */
  check?: string;
  /** Protocols at which the bytes must equal CPython's pickle of `expr` (minus unused memo PUTs). */
  exact?: PickleProtocol[];
  /** What unpickle() returns for it, when that is not `value` itself; a function gives it by protocol. */
  decoded?: unknown;
  skipRoundTrip?: true;
}

const ALL = PROTOCOLS;
const utc = PyTimezone.utc;
const sharedPair = [1, 2];
const manyShared = Array.from({ length: 300 }, (_, i) => [i]);
/** 60 levels of [x, x]: 2**60 paths, so only a memo keeps it small. */
const doubling = Array.from({ length: 60 }).reduce<unknown[]>((inner) => [inner, inner], [0]);
const nested = (depth: number): unknown[] => Array.from({ length: depth - 1 }).reduce<unknown[]>((inner) => [inner], []);
const buffer = Buffer.from('--bytes--');

const CASES: Case[] = [
  { name: 'null', value: null, expr: 'None', exact: ALL },
  { name: 'true', value: true, expr: 'True', exact: ALL },
  { name: 'false', value: false, expr: 'False', exact: ALL },
  ...[0, 1, 255, 256, 65535, 65536, -1, -128, 2 ** 31 - 1, 2 ** 31, -(2 ** 31), -(2 ** 31) - 1, 2 ** 53 - 1, -(2 ** 53 - 1)].map((n): Case => ({
    name: `int ${n}`,
    value: n,
    expr: String(n),
    exact: ALL,
  })),
  { name: 'small bigint', value: 5n, expr: '5', exact: ALL, decoded: 5 },
  ...[2n ** 53n, -(2n ** 63n), 2n ** 64n, 2n ** 200n, -(2n ** 200n), -(2n ** 2040n), 2n ** 2048n].map((n): Case => ({
    name: `bigint ${n}`,
    value: n,
    expr: String(n),
    exact: ALL,
  })),
  { name: 'float', value: 1.5, expr: '1.5', exact: ALL },
  { name: 'negative zero', value: -0, expr: '-0.0', exact: ALL },
  { name: 'NaN', value: NaN, expr: "float('nan')", exact: ALL },
  { name: 'Infinity', value: Infinity, expr: "float('inf')", exact: ALL },
  { name: '-Infinity', value: -Infinity, expr: "float('-inf')", exact: ALL },
  { name: 'huge float', value: 1e308, expr: '1e308', exact: ALL },
  { name: 'unsafe integer number', value: 2 ** 53, expr: '9007199254740992.0', exact: ALL },
  { name: 'empty str', value: '', expr: "''", exact: ALL },
  { name: 'unicode', value: 'ünïcode 😀 \\ \n \u0000', expr: "'ünïcode \\U0001F600 \\\\ \\n \\x00'", exact: ALL },
  { name: 'lone surrogate', value: 'a\ud800b\udc00', expr: "'a\\ud800b\\udc00'", exact: ALL },
  { name: 'str of 255 bytes', value: 'a'.repeat(255), expr: "'a' * 255", exact: ALL },
  { name: 'str of 256 bytes', value: 'a'.repeat(256), expr: "'a' * 256", exact: ALL },
  { name: 'str over 64 KiB', value: '€'.repeat(30000), expr: "'\\u20ac' * 30000", exact: ALL },
  { name: 'empty bytes', value: Buffer.alloc(0), expr: "b''", exact: ALL },
  { name: 'bytes 0-255', value: Buffer.from(Array.from({ length: 256 }, (_, i) => i)), expr: 'bytes(range(256))', exact: ALL },
  { name: 'bytes over 64 KiB', value: Buffer.alloc(70000, 0xfe), expr: "b'\\xfe' * 70000", exact: ALL },
  { name: 'Uint8Array view', value: new Uint8Array([9, 1, 2, 3, 9]).subarray(1, 4), expr: "b'\\x01\\x02\\x03'", exact: ALL, decoded: Buffer.from([1, 2, 3]) },
  { name: 'empty list', value: [], expr: '[]', exact: ALL },
  { name: 'one-item list', value: [1], expr: '[1]', exact: ALL },
  { name: 'nested list', value: [1, [2, [3, null]], 'x', true], expr: "[1, [2, [3, None]], 'x', True]", exact: ALL },
  { name: 'list of 2500', value: Array.from({ length: 2500 }, (_, i) => i), expr: 'list(range(2500))', exact: ALL },
  { name: 'frames', value: Array.from({ length: 20000 }, (_, i) => `item${i}`), expr: "['item%d' % i for i in range(20000)]", exact: ALL },
  { name: 'empty dict', value: {}, expr: '{}', exact: ALL },
  { name: 'dict', value: { a: 1, b: [true, null], c: { d: 1.5 } }, expr: "{'a': 1, 'b': [True, None], 'c': {'d': 1.5}}", exact: ALL },
  {
    name: 'dict of 1500',
    value: Object.fromEntries(Array.from({ length: 1500 }, (_, i) => [`k${i}`, i])),
    expr: "{'k%d' % i: i for i in range(1500)}",
    exact: ALL,
  },
  { name: '__proto__ key', value: JSON.parse('{"__proto__": {"x": 1}, "y": 2}') as unknown, expr: "{'__proto__': {'x': 1}, 'y': 2}", exact: ALL },
  { name: 'null-prototype object', value: Object.assign(Object.create(null) as object, { a: 1 }), expr: "{'a': 1}", exact: ALL, decoded: { a: 1 } },
  {
    name: 'Map, int keys',
    value: new Map<unknown, unknown>([
      [1, 'one'],
      ['two', 2],
    ]),
    expr: "{1: 'one', 'two': 2}",
    exact: ALL,
  },
  { name: 'Map, str keys', value: new Map([['a', 1]]), expr: "{'a': 1}", exact: ALL, decoded: { a: 1 } },
  {
    name: 'Map, hashable keys',
    value: new Map<unknown, unknown>([
      [[1, [2, 3]], 'tuple'],
      [new Set([4]), 'frozenset'],
      [2n ** 70n, 'big'],
      [null, 'none'],
      [true, 'bool'],
      [buffer, 'bytes'],
      [new PyDate(2020, 1, 2), 'date'],
    ]),
    expr: "{(1, (2, 3)): 'tuple', frozenset({4}): 'frozenset', 2**70: 'big', None: 'none', True: 'bool', b'--bytes--': 'bytes', datetime.date(2020, 1, 2): 'date'}",
  },
  { name: 'empty set', value: new Set(), expr: 'set()', exact: ALL },
  { name: 'set', value: new Set([1, 2, 3]), expr: '{1, 2, 3}', exact: ALL },
  { name: 'set of 1200', value: new Set(Array.from({ length: 1200 }, (_, i) => i)), expr: 'set(range(1200))', exact: ALL },
  // No byte comparison: CPython iterates this set in hash order.
  { name: 'set with tuple and frozenset', value: new Set<unknown>([[1, 2], new Set([3])]), expr: '{(1, 2), frozenset({3})}' },
  { name: 'empty frozenset', value: new Set([new Set()]), expr: '{frozenset()}', exact: ALL },
  {
    name: 'Date',
    value: new Date(Date.UTC(2020, 0, 2, 3, 4, 5, 678)),
    expr: 'datetime.datetime(2020, 1, 2, 3, 4, 5, 678000, tzinfo=datetime.timezone.utc)',
    exact: [2, 3],
    decoded: new PyDateTime(2020, 1, 2, 3, 4, 5, 678000, utc),
  },
  {
    name: 'Date, year 1',
    value: new Date('0001-01-01T00:00:00Z'),
    expr: 'datetime.datetime(1, 1, 1, tzinfo=datetime.timezone.utc)',
    decoded: new PyDateTime(1, 1, 1, 0, 0, 0, 0, utc),
  },
  { name: 'naive datetime', value: new PyDateTime(2020, 1, 2, 3, 4, 5, 123456), expr: 'datetime.datetime(2020, 1, 2, 3, 4, 5, 123456)', exact: ALL },
  {
    name: 'datetime, fold',
    value: new PyDateTime(2021, 11, 7, 1, 30, 0, 0, null, 1),
    // CPython only pickles fold from protocol 4 on.
    expr: (protocol) => `datetime.datetime(2021, 11, 7, 1, 30, fold=${protocol >= 4 ? 1 : 0})`,
    exact: ALL,
    decoded: (protocol: PickleProtocol) => new PyDateTime(2021, 11, 7, 1, 30, 0, 0, null, protocol >= 4 ? 1 : 0),
  },
  {
    name: 'datetime, named offset',
    value: new PyDateTime(2021, 3, 4, 5, 6, 7, 0, new PyTimezone(new PyTimedelta(0, -19800), 'X')),
    expr: "datetime.datetime(2021, 3, 4, 5, 6, 7, tzinfo=datetime.timezone(datetime.timedelta(seconds=-19800), 'X'))",
    exact: [2, 3],
  },
  { name: 'date', value: new PyDate(2020, 2, 29), expr: 'datetime.date(2020, 2, 29)', exact: ALL },
  { name: 'time', value: new PyTime(23, 59, 59, 999999), expr: 'datetime.time(23, 59, 59, 999999)', exact: ALL },
  {
    name: 'time, offset and fold',
    value: new PyTime(1, 2, 3, 4, new PyTimezone(new PyTimedelta(0, 3600, 5)), 1),
    expr: (protocol) => `datetime.time(1, 2, 3, 4, tzinfo=datetime.timezone(datetime.timedelta(seconds=3600, microseconds=5)), fold=${protocol >= 4 ? 1 : 0})`,
    exact: [2, 3],
    decoded: (protocol: PickleProtocol) => new PyTime(1, 2, 3, 4, new PyTimezone(new PyTimedelta(0, 3600, 5)), protocol >= 4 ? 1 : 0),
  },
  { name: 'negative timedelta', value: new PyTimedelta(-1, 5, 7), expr: 'datetime.timedelta(days=-1, seconds=5, microseconds=7)', exact: ALL },
  { name: 'normalized timedelta', value: new PyTimedelta(0, -1, -1), expr: 'datetime.timedelta(seconds=-1, microseconds=-1)', exact: ALL },
  { name: 'utc', value: utc, expr: 'datetime.timezone.utc', exact: [2, 3] },
  { name: 'Decimal', value: new PyDecimal('1.10'), expr: "decimal.Decimal('1.10')", exact: ALL },
  { name: 'Decimal -Infinity', value: new PyDecimal('-Infinity'), expr: "decimal.Decimal('-Infinity')", exact: ALL },
  { name: 'Decimal exponent', value: new PyDecimal('1E+400'), expr: "decimal.Decimal('1E+400')", exact: ALL },
  { name: 'shared list', value: [sharedPair, sharedPair, { p: sharedPair }], expr: "[[1, 2], [1, 2], {'p': [1, 2]}]", check: "v[0] is v[1] is v[2]['p']" },
  {
    name: 'over 256 memo slots',
    value: [...manyShared, ...manyShared],
    check: 'len(v) == 600 and all(v[i] is v[i + 300] and v[i] == [i] for i in range(300))',
  },
  // Comparing it path by path would never end; its own test below walks it level by level.
  { name: 'shared 2**60 paths', value: doubling, check: 'v[0] is v[1] and v[0][0] is v[0][1] and len(v) == 2', skipRoundTrip: true },
  { name: '1000 levels deep', value: nested(1000), expr: 'functools.reduce(lambda inner, _: [inner], range(999), [])', exact: ALL },
];

const CHECKER = String.raw`
import sys, json, math, functools, pickle, pickletools, datetime, decimal, collections
sys.setrecursionlimit(20000)

def same(a, b):
    if type(a) is not type(b): return False
    if type(a) is float:
        return (math.isnan(a) and math.isnan(b)) or (a == b and math.copysign(1, a) == math.copysign(1, b))
    if type(a) in (list, tuple):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if type(a) is dict:
        return len(a) == len(b) and all(same(k1, k2) and same(v1, v2) for (k1, v1), (k2, v2) in zip(a.items(), b.items()))
    if type(a) in (set, frozenset):
        return len(a) == len(b) and all(any(same(x, y) for y in b) for x in a)
    if type(a) in (datetime.datetime, datetime.time):
        return a == b and a.fold == b.fold and same(a.tzinfo, b.tzinfo)
    if type(a) is datetime.timezone:
        return a.__getinitargs__() == b.__getinitargs__()
    if type(a) is decimal.Decimal:
        return str(a) == str(b)
    return a == b

env = {'datetime': datetime, 'decimal': decimal, 'collections': collections, 'functools': functools}
out = []
for case in json.load(sys.stdin):
    data = bytes.fromhex(case['hex'])
    result = {'ok': True}
    try:
        v = pickle.loads(data)
        if case.get('expr') is not None:
            expected = eval(case['expr'], env)
            result['ok'] = same(v, expected)
            if case['exact']:
                result['exact'] = data == pickletools.optimize(pickle.dumps(expected, case['proto']))
        if case.get('check') is not None:
            result['ok'] = result['ok'] and bool(eval(case['check'], dict(env, v=v)))
        if not result['ok']:
            result['repr'] = repr(v)[:300]
    except Exception as e:
        result = {'ok': False, 'error': repr(e)}
    out.append(result)
json.dump(out, sys.stdout)
`;

interface Verdict {
  ok: boolean;
  exact?: boolean;
  repr?: string;
  error?: string;
}

const expressionFor = (item: Case, protocol: PickleProtocol) => (typeof item.expr === 'function' ? item.expr(protocol) : item.expr);

describe('pickle() read by CPython', () => {
  const runs = CASES.flatMap((item) => PROTOCOLS.map((protocol) => ({ item, protocol })));
  let encoded: Buffer[];
  let verdicts: Verdict[];

  beforeAll(() => {
    encoded = runs.map(({ item, protocol }) => pickle(item.value, protocol));
    const input = runs.map(({ item, protocol }, i) => ({
      hex: encoded[i]!.toString('hex'),
      proto: protocol,
      expr: expressionFor(item, protocol) ?? null,
      check: item.check ?? null,
      exact: item.exact?.includes(protocol) ?? false,
    }));
    const stdout = execFileSync('/usr/bin/python3', ['-c', CHECKER], { input: JSON.stringify(input), maxBuffer: 256 * 1024 * 1024 });
    verdicts = JSON.parse(stdout.toString('utf8')) as Verdict[];
  });

  it('loads every value as the expected Python value at protocols 2 to 5', () => {
    const failures = runs.flatMap(({ item, protocol }, i) => (verdicts[i]!.ok ? [] : [{ name: item.name, protocol, ...verdicts[i] }]));
    expect(failures).toEqual([]);
  });

  it("writes the same bytes as CPython's pickler for values without repeated objects", () => {
    const exact = runs.flatMap(({ item, protocol }, i) =>
      item.exact?.includes(protocol) === true ? [{ name: item.name, protocol, exact: verdicts[i]!.exact }] : [],
    );
    expect(exact.length).toBeGreaterThan(200);
    expect(exact.filter((entry) => entry.exact !== true)).toEqual([]);
  });

  it('round-trips through unpickle()', () => {
    runs.forEach(({ item, protocol }, i) => {
      if (item.skipRoundTrip) return;
      const expected = typeof item.decoded === 'function' ? (item.decoded as (p: PickleProtocol) => unknown)(protocol) : (item.decoded ?? item.value);
      const decoded = unpickle(encoded[i]!);
      expect(decoded, `${item.name} at protocol ${protocol}`).toStrictEqual(expected);
      if (Object.is(item.value, -0)) expect(Object.is(decoded, -0)).toBe(true);
    });
  });

  it('memoizes only shared objects, so 2**60 paths stay small and stay shared', () => {
    const index = runs.findIndex(({ item, protocol }) => item.name === 'shared 2**60 paths' && protocol === 3);
    expect(encoded[index]!.length).toBeLessThan(1000);
    let decoded = unpickle(encoded[index]!) as unknown[];
    for (let level = 0; level < 60; level++) {
      expect(decoded[0]).toBe(decoded[1]);
      decoded = decoded[0] as unknown[];
    }
    expect(decoded).toEqual([0]);
    // Nothing else carries memo opcodes.
    const plain = pickle({ a: [1, 2], b: 'x' }, 3);
    expect(plain.includes(0x71) || plain.includes(0x94)).toBe(false);
  });
});

describe('pickle() options and refusals', () => {
  it('writes protocol 3 by default', () => {
    expect(DEFAULT_PICKLE_PROTOCOL).toBe(3);
    expect(pickle({ a: 1 }).subarray(0, 2)).toEqual(Buffer.from([0x80, 3]));
  });

  it('refuses protocols other than 2 to 5', () => {
    for (const protocol of [0, 1, 6, '3', 2.5]) {
      const error = thrownBy(() => pickle(1, protocol as PickleProtocol));
      expect(error, String(protocol)).toBeInstanceOf(InvalidArgumentError);
      expect(error.code).toBe('ERR_INVALID_ARGUMENT');
    }
  });

  it('refuses values Python cannot hold, before writing anything', () => {
    const cyclicArray: unknown[] = [];
    cyclicArray.push([cyclicArray]);
    const cyclicObject: Record<string, unknown> = {};
    cyclicObject.self = { again: cyclicObject };
    const cyclicMap = new Map<unknown, unknown>();
    cyclicMap.set('m', cyclicMap);
    const refused: Record<string, unknown> = {
      undefined: undefined,
      'undefined in an object': { a: undefined },
      // eslint-disable-next-line no-sparse-arrays -- the hole is what is refused
      'array hole': [1, , 3],
      function: () => 1,
      symbol: Symbol('s'),
      'class instance': new (class Point {})(),
      Int16Array: new Int16Array(2),
      ArrayBuffer: new ArrayBuffer(2),
      WeakMap: new WeakMap(),
      RegExp: /x/,
      'invalid Date': new Date(NaN),
      'Date after 9999': new Date('+010000-01-01T00:00:00Z'),
      'cyclic array': cyclicArray,
      'cyclic object': cyclicObject,
      'cyclic Map': cyclicMap,
      '1001 levels': nested(1001),
      'dict as a Map key': new Map([[{}, 1]]),
      'Map as a Set member': new Set([new Map()]),
      'dict inside a tuple key': new Map([[[1, { a: 1 }], 1]]),
    };
    // 1000 levels fit an empty call stack, not one that is already deep: typed errors all the same.
    const deepCaller = (depth: number): unknown => (depth === 0 ? pickle(nested(1000), 3) : deepCaller(depth - 1));
    const outcomes = [0, 1000, 2000, 4000, 6000, 8000].map((depth) => {
      try {
        return Buffer.isBuffer(deepCaller(depth)) ? 'pickled' : 'other';
      } catch (error) {
        return error instanceof InvalidArgumentError ? error.code : String(error);
      }
    });
    expect(outcomes[0]).toBe('pickled');
    expect(outcomes.every((outcome) => outcome === 'pickled' || outcome === 'ERR_INVALID_VALUE')).toBe(true);
    expect(outcomes).toContain('ERR_INVALID_VALUE');
    for (const [name, value] of Object.entries(refused)) {
      for (const protocol of PROTOCOLS) {
        const error = thrownBy(() => pickle(value, protocol));
        expect(error, name).toBeInstanceOf(InvalidArgumentError);
        expect(error.code, name).toBe('ERR_INVALID_VALUE');
      }
    }
  });
});

describe('value classes', () => {
  it('validate their fields as Python does', () => {
    const bad: Record<string, () => unknown> = {
      'month 13': () => new PyDate(2020, 13, 1),
      'Feb 29 of a common year': () => new PyDate(2021, 2, 29),
      'year 0': () => new PyDateTime(0, 1, 1),
      'hour 24': () => new PyTime(24),
      'fractional second': () => new PyDateTime(2020, 1, 1, 0, 0, 1.5),
      'fold 2': () => new PyTime(0, 0, 0, 0, null, 2 as 0),
      'offset of a day': () => new PyTimezone(new PyTimedelta(1)),
      'timedelta beyond 999999999 days': () => new PyTimedelta(1e9),
      'unsafe timedelta part': () => new PyTimedelta(0, 2 ** 60),
      'Decimal text': () => new PyDecimal('1.2.3'),
      'Decimal with spaces': () => new PyDecimal(' 1'),
    };
    for (const [name, make] of Object.entries(bad)) {
      const error = thrownBy(make);
      expect(error, name).toBeInstanceOf(InvalidArgumentError);
      expect(error.code, name).toBe('ERR_INVALID_VALUE');
    }
  });

  it('normalize timedeltas and convert to and from Date', () => {
    expect(new PyTimedelta(0, -1)).toStrictEqual(new PyTimedelta(-1, 86399));
    expect(new PyTimedelta(0, 0, 86_400_000_001)).toStrictEqual(new PyTimedelta(1, 0, 1));
    expect(new PyTimedelta(2, 3, 4).totalMicroseconds()).toBe(172_803_000_004n);

    const date = new Date(Date.UTC(2020, 0, 2, 3, 4, 5, 678));
    expect(PyDateTime.fromDate(date)).toStrictEqual(new PyDateTime(2020, 1, 2, 3, 4, 5, 678000, utc));
    expect(PyDateTime.fromDate(date).toDate()).toEqual(date);
    expect(new PyDateTime(2020, 1, 2, 3, 4, 5, 678999).toDate()).toEqual(date); // naive reads as UTC; microseconds truncate
    const plusTwo = new PyTimezone(new PyTimedelta(0, 7200));
    expect(new PyDateTime(2020, 1, 2, 5, 4, 5, 678000, plusTwo).toDate()).toEqual(date);
    expect(new PyDateTime(50, 6, 7).toDate().toISOString()).toBe('0050-06-07T00:00:00.000Z');
    expect(new PyDate(2020, 2, 29).toDate().toISOString()).toBe('2020-02-29T00:00:00.000Z');
  });

  it("print as Python's isoformat", () => {
    const offset = new PyTimezone(new PyTimedelta(-1, 86400 - 19800 - 1, 999_999));
    expect(String(new PyDateTime(2020, 1, 2, 3, 4, 5))).toBe('2020-01-02T03:04:05');
    expect(String(new PyDateTime(2020, 1, 2, 3, 4, 5, 6, utc))).toBe('2020-01-02T03:04:05.000006+00:00');
    expect(String(new PyTime(1, 2, 3, 0, offset))).toBe('01:02:03-05:30:00.000001');
    expect(String(new PyDate(5, 6, 7))).toBe('0005-06-07');
    expect(String(new PyDecimal('1.10'))).toBe('1.10');
  });
});
