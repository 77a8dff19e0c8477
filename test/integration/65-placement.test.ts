import { readFileSync } from 'node:fs';
import * as zlib from 'node:zlib';

import { describe, expect, it } from 'vitest';

import { crc32, crc32Fallback } from '../../src/placement/crc32.js';
import { libmemcachedMurmur } from '../../src/placement/libmemcached-murmur.js';
import { murmur3_32 } from '../../src/placement/murmur3.js';
import { RendezvousPlacement, codePointLowBytes } from '../../src/placement/pymemcache.js';
import { PythonMemcachedPlacement, pythonMemcachedHash } from '../../src/placement/python-memcached.js';
import { pythonBytesRepr } from '../../src/placement/python-repr.js';
import { askPlacementOracle, type OracleAnswer, type PlacementCase } from '../support/python.js';
import { seededRandom } from '../support/random.mjs';

// These tests only hash: none of them talks to the memcached servers of the global setup.

interface Placement {
  servers: string[];
  keys: string[];
  serverIndexByConfig: Record<string, number[]>;
}

const compat = (name: string): unknown => JSON.parse(readFileSync(new URL(`../fixtures/python/${name}`, import.meta.url), 'utf8'));
const kat = compat('kat.json') as Record<string, Record<string, number>>;
const placement = compat('placement.json') as Placement;

/** kat.json keys are Python strs whose code points are the hashed bytes ('Ã¼' is C3 BC). */
const katBytes = (key: string): Buffer => Buffer.from(key, 'latin1');

function katEntries(hash: string): [string, number][] {
  const entries = Object.entries(kat[hash] ?? {});
  expect(entries.length, `kat.json has no "${hash}" entries`).toBeGreaterThan(0);
  return entries;
}

function fixtureRow(config: string): number[] {
  const row = placement.serverIndexByConfig[config];
  expect(row, `placement.json lacks "${config}"`).toBeDefined();
  return row!;
}

describe('hash known answers', () => {
  it('crc32 matches the standard check value and the fallback matches zlib', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32(Buffer.from('foo'))).toBe(0x8c736521); // python-memcached: crc32("foo") = 0x8c736521 -> 3187
    expect(crc32(new Uint8Array(0))).toBe(0);
    const random = new Rng(65);
    for (let i = 0; i < 200; i++) {
      const data = random.bytes(random.int(0, 64));
      expect(crc32Fallback(data)).toBe(zlib.crc32(data) >>> 0);
    }
  });

  it('pythonMemcachedHash reproduces every kat.json crc32 and cmemcache_hash entry', () => {
    for (const hash of ['crc32', 'cmemcache_hash']) {
      for (const [key, expected] of katEntries(hash)) {
        expect(pythonMemcachedHash(katBytes(key)), `${hash}(${JSON.stringify(key)})`).toBe(expected);
      }
    }
  });

  it('pythonMemcachedHash turns a zero hash into 1 (`or 1`)', () => {
    // Search for a key whose bits 16..30 of the CRC are all zero.
    let key: string;
    for (let n = 0; ; n++) {
      key = `zero-${n}`;
      if (((crc32(Buffer.from(key)) >>> 16) & 0x7fff) === 0) break;
    }
    expect(pythonMemcachedHash(Buffer.from(key))).toBe(1);
    // With 5 buckets, 0 would pick server 0 where 1 picks server 1.
    expect(new PythonMemcachedPlacement(Array(5).fill({ weight: 1 })).serverFor(Buffer.from(key))).toBe(1);
  });

  it('murmur3_32 reproduces every kat.json pymemcache_murmur3_32 entry over code point bytes', () => {
    for (const [key, expected] of katEntries('pymemcache_murmur3_32')) {
      expect(murmur3_32(codePointLowBytes(key)), JSON.stringify(key)).toBe(expected);
    }
  });

  it('murmur3_32 matches the reference MurmurHash3_x86_32 vectors', () => {
    expect(murmur3_32(new Uint8Array(0))).toBe(0);
    expect(murmur3_32(new Uint8Array(0), 1)).toBe(0x514e28b7);
    expect(murmur3_32(new Uint8Array(0), 0xffffffff)).toBe(0x81f16f39);
    expect(murmur3_32(new Uint8Array(4))).toBe(0x2362f9de);
    expect(murmur3_32(Buffer.from('Hello, world!'), 1234)).toBe(0xfaf6cdb3);
    expect(murmur3_32(Buffer.from('The quick brown fox jumps over the lazy dog'))).toBe(0x2e4ff723);
  });

  it('libmemcachedMurmur reproduces every kat.json murmur entry (MurmurHash2, not murmur3)', () => {
    for (const [key, expected] of katEntries('murmur')) {
      expect(libmemcachedMurmur(katBytes(key)), JSON.stringify(key)).toBe(expected);
      expect(murmur3_32(katBytes(key))).not.toBe(expected);
    }
  });

  it('codePointLowBytes takes one byte per code point, not per UTF-16 unit or UTF-8 byte', () => {
    expect([...codePointLowBytes('aü\u0416😀')]).toEqual([0x61, 0xfc, 0x16, 0x00]); // 😀 is U+1F600
  });
});

describe('placement.json rows', () => {
  const servers = placement.servers;
  const bytes = (key: string): Buffer => Buffer.from(key, 'utf8');

  const cases: [string, (key: string) => number][] = [
    ['python-memcached', (key) => new PythonMemcachedPlacement(servers.map(() => ({ weight: 1 }))).serverFor(bytes(key))],
    ['python-memcached :1: (Django MemcachedCache)', (key) => new PythonMemcachedPlacement(servers.map(() => ({ weight: 1 }))).serverFor(bytes(`:1:${key}`))],
    ['python-memcached weights 2,1,3', (key) => new PythonMemcachedPlacement([{ weight: 2 }, { weight: 1 }, { weight: 3 }]).serverFor(bytes(key))],
    ['pymemcache HashClient str key', (key) => new RendezvousPlacement(servers).serverFor(key)],
    ['pymemcache HashClient bytes key', (key) => new RendezvousPlacement(servers).serverFor(bytes(key))],
    ['pymemcache :1: (Django PyMemcacheCache)', (key) => new RendezvousPlacement(servers).serverFor(`:1:${key}`)],
  ];

  for (const [config, place] of cases) {
    it(`matches "${config}"`, () => {
      expect(placement.keys.map(place)).toEqual(fixtureRow(config));
    });
  }

  it('matches the known answers for foo', () => {
    expect(new PythonMemcachedPlacement(servers.map(() => ({ weight: 1 }))).serverFor(bytes('foo'))).toBe(1);
    const scores = servers.map((node) => murmur3_32(codePointLowBytes(`${node}-foo`)));
    expect(scores).toEqual([553244281, 160172816, 3781735599]);
    expect(new RendezvousPlacement(servers).serverFor('foo')).toBe(2);
  });
});

describe('PythonMemcachedPlacement', () => {
  const three = [{ weight: 1 }, { weight: 1 }, { weight: 1 }];

  it('falls back to rehashing str(h) + str(i) when the chosen server is dead', () => {
    const key = Buffer.from('foo'); // h = 3187 -> server 1 of 3
    const p = new PythonMemcachedPlacement(three);
    const h1 = pythonMemcachedHash(Buffer.from('31870'));
    expect(p.serverForWithDead(key, (i) => i === 1)).toBe(h1 % 3 === 1 ? pythonMemcachedHash(Buffer.from(`${h1}1`)) % 3 : h1 % 3);
    expect(p.serverForWithDead(key, () => false)).toBe(p.serverFor(key));
  });

  it('gives up with -1 when every server is dead or there are no buckets', () => {
    expect(new PythonMemcachedPlacement(three).serverForWithDead(Buffer.from('foo'), () => true)).toBe(-1);
    expect(new PythonMemcachedPlacement([]).serverFor(Buffer.from('foo'))).toBe(-1);
    expect(new PythonMemcachedPlacement([{ weight: 0 }]).serverForWithDead(Buffer.from('foo'), () => false)).toBe(-1);
  });

  it('rejects weights Python could not repeat a server by', () => {
    expect(() => new PythonMemcachedPlacement([{ weight: 1.5 }])).toThrow(RangeError);
    expect(() => new PythonMemcachedPlacement([{ weight: -1 }])).toThrow(RangeError);
  });
});

describe('RendezvousPlacement', () => {
  it('breaks a score tie in favour of the larger node name, compared by code point', () => {
    const constant = (): number => 7;
    expect(new RendezvousPlacement(['b:1', 'c:1', 'a:1'], constant).serverFor('k')).toBe(1);
    // U+1F600 sorts above U+FFFF in Python; JS `<` on UTF-16 units would say the opposite.
    expect(new RendezvousPlacement(['\u{1f600}:1', '\uffff:1'], constant).serverFor('k')).toBe(0);
  });

  it('drops dead nodes and returns -1 when none is left', () => {
    const p = new RendezvousPlacement(placement.servers);
    expect(p.serverForLive('foo', (i) => i === 2)).toBe(0); // scores: 553244281 > 160172816
    expect(p.serverForLive('foo', (i) => i !== 1)).toBe(1);
    expect(p.serverForLive('foo', () => true)).toBe(-1);
  });

  it('hashes a bytes key as its Python repr', () => {
    const nodes = ['n:1', 'n:2', 'n:3', 'n:4', 'n:5'];
    const p = new RendezvousPlacement(nodes);
    // Buffer and repr-string forms must land on the same node for every key.
    for (const key of ['foo', "it's", 'a"b', '\\', 'tab\there']) {
      const data = Buffer.from(key, 'latin1');
      expect(p.serverFor(data)).toBe(p.serverFor(pythonBytesRepr(data)));
    }
    expect(pythonBytesRepr(Buffer.from('foo'))).toBe("b'foo'");
  });
});

describe('pythonBytesRepr', () => {
  it('follows CPython quoting and escaping', () => {
    const repr = (bytes: number[]): string => pythonBytesRepr(Uint8Array.from(bytes));
    const text = (s: string): number[] => [...Buffer.from(s, 'latin1')];
    expect(repr([])).toBe("b''");
    expect(repr(text("it's"))).toBe('b"it\'s"');
    expect(repr(text('a"b'))).toBe("b'a\"b'");
    expect(repr(text('\'"'))).toBe("b'\\'\"'");
    expect(repr(text('\\\t\n\r'))).toBe("b'\\\\\\t\\n\\r'");
    expect(repr([0x00, 0x1f, 0x7f, 0x80, 0xff, 0x20, 0x7e])).toBe("b'\\x00\\x1f\\x7f\\x80\\xff ~'");
  });
});

// ---------------------------------------------------------------------------------------
// Cross-checks against the real Python libraries, through one python3 process.

/** Seeded random keys (mulberry32), so a failing key can be reproduced. */
class Rng {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = seededRandom(seed);
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  bytes(length: number): Uint8Array {
    return Uint8Array.from({ length }, () => this.int(0, 255));
  }
}

/**
 * Code point ranges for random keys. All avoid whitespace and control characters, which
 * pymemcache's key check rejects; U+00A0 and U+0085 count as whitespace to Python.
 */
const RANGES: [number, number][] = [
  [0x21, 0x7e], // ASCII
  [0xa1, 0xff], // Latin-1: one byte per code point for pymemcache, two UTF-8 bytes for python-memcached
  [0x400, 0x4ff], // Cyrillic ('ключ')
  [0x391, 0x3c9], // Greek
  [0x4e00, 0x9fff], // CJK
  [0x1f300, 0x1f64f], // emoji: astral, two UTF-16 units in JS
];

function randomKeys(rng: Rng, count: number): string[] {
  const keys = ['foo', 'ключ', 'ключ:1', 'Ã¼', 'ü', 'user:1', '日本語', 'x😀y'];
  while (keys.length < count) {
    // Mostly ASCII, as real keys are; otherwise one or two other ranges mixed with ASCII.
    const ranges = rng.next() < 0.5 ? [RANGES[0]!] : [RANGES[0]!, RANGES[rng.int(1, RANGES.length - 1)]!];
    let key = '';
    for (let n = rng.int(1, 40); n > 0; n--) {
      const [lo, hi] = ranges[rng.int(0, ranges.length - 1)]!;
      key += String.fromCodePoint(rng.int(lo, hi));
    }
    keys.push(key);
  }
  return keys;
}

/** Random bytes biased toward the characters Python's repr treats specially. */
function randomReprBytes(rng: Rng): Uint8Array {
  const special = [0x22, 0x27, 0x5c, 0x09, 0x0a, 0x0d, 0x00, 0x7f, 0x80, 0xff, 0x20];
  return Uint8Array.from({ length: rng.int(0, 24) }, () => (rng.next() < 0.3 ? special[rng.int(0, special.length - 1)]! : rng.int(0, 255)));
}

const hex = (data: Uint8Array): string => Buffer.from(data).toString('hex');

describe('cross-check with python-memcached and pymemcache', () => {
  const rng = new Rng(20240605);
  const keys = randomKeys(rng, 2000);
  const utf8Keys = keys.map((key) => Buffer.from(key, 'utf8'));
  const bytesKeys = [...utf8Keys.slice(0, 300), ...Array.from({ length: 300 }, () => rng.bytes(rng.int(1, 30)))];
  const reprInputs = Array.from({ length: 1000 }, () => randomReprBytes(rng));

  const memcachedConfigs: { servers: [string, number][]; deadSets: number[][] }[] = [
    {
      servers: [
        ['127.0.0.1:11211', 1],
        ['127.0.0.1:11212', 1],
        ['127.0.0.1:11213', 1],
      ],
      deadSets: [[], [1], [0, 2], [0, 1, 2]],
    },
    {
      servers: [
        ['10.0.0.1:11211', 1],
        ['10.0.0.2:11211', 1],
        ['10.0.0.3:11211', 1],
        ['10.0.0.4:11211', 1],
        ['10.0.0.5:11211', 1],
      ],
      deadSets: [[], [3], [0, 1, 4]],
    },
    {
      servers: [
        ['127.0.0.1:11211', 2],
        ['127.0.0.1:11212', 1],
        ['127.0.0.1:11213', 3],
      ],
      deadSets: [[], [2], [0, 2]],
    },
    {
      servers: [
        ['a:11211', 3],
        ['b:11211', 1],
        ['c:11211', 4],
        ['d:11211', 1],
        ['e:11211', 5],
      ],
      deadSets: [[], [4], [0, 2, 4]],
    },
  ];
  const nodeLists = [
    ['127.0.0.1:11211', '127.0.0.1:11212', '127.0.0.1:11213'],
    ['cache-a.local:11211', 'cache-b.local:11211', '10.0.0.7:11311', '[::1]:11211', '127.0.0.1:11215'],
  ];
  const rendezvousDeadSets = [[], [1], [0, 2]];

  const cases: PlacementCase[] = [];
  const expected: (number | string)[][] = [];
  const labels: string[] = [];

  for (const { servers, deadSets } of memcachedConfigs) {
    const p = new PythonMemcachedPlacement(servers.map(([, weight]) => ({ weight })));
    for (const dead of deadSets) {
      cases.push({ kind: 'python-memcached', servers, dead, keys: utf8Keys.map(hex) });
      expected.push(utf8Keys.map((key) => p.serverForWithDead(key, (i) => dead.includes(i))));
      labels.push(`python-memcached ${JSON.stringify(servers)} dead=${JSON.stringify(dead)}`);
    }
  }
  for (const nodes of nodeLists) {
    const p = new RendezvousPlacement(nodes);
    for (const dead of [...rendezvousDeadSets, nodes.map((_, i) => i)]) {
      const isDead = (i: number): boolean => dead.includes(i);
      cases.push({ kind: 'pymemcache-str', nodes, dead, keys });
      expected.push(keys.map((key) => p.serverForLive(key, isDead)));
      labels.push(`pymemcache str ${JSON.stringify(nodes)} dead=${JSON.stringify(dead)}`);
      cases.push({ kind: 'pymemcache-bytes', nodes, dead, keys: bytesKeys.map(hex) });
      expected.push(bytesKeys.map((key) => p.serverForLive(key, isDead)));
      labels.push(`pymemcache bytes ${JSON.stringify(nodes)} dead=${JSON.stringify(dead)}`);
    }
  }
  cases.push({ kind: 'bytes-repr', keys: reprInputs.map(hex) });
  expected.push(reprInputs.map(pythonBytesRepr));
  labels.push('bytes repr');

  // Asked lazily from each test rather than in beforeAll: a hook failure would report the
  // tests as skipped, and a missing Python library must show as failed tests.
  let answer: OracleAnswer | undefined;
  const oracle = (): OracleAnswer => (answer ??= askPlacementOracle(cases));

  it('runs the real libraries', () => {
    const { versions, results } = oracle();
    expect(versions.memcache).toMatch(/^1\.5\d/);
    expect(versions.pymemcache).toMatch(/^[34]\./);
    expect(results).toHaveLength(cases.length);
  });

  it('exercises rehashing, giving up, and keys outside ASCII and Latin-1', () => {
    // Guards against a key set or dead set that would make the comparisons trivial.
    expect(expected.some((row) => row.includes(-1) && row.some((v) => typeof v === 'number' && v >= 0))).toBe(true);
    expect(keys.filter((key) => /[^\x00-\x7f]/.test(key)).length).toBeGreaterThan(500);
    expect(keys.filter((key) => [...key].some((c) => c.codePointAt(0)! > 0xff)).length).toBeGreaterThan(300);
    expect(keys.filter((key) => [...key].some((c) => c.codePointAt(0)! > 0xffff)).length).toBeGreaterThan(50);
  });

  cases.forEach((_, index) => {
    it(`agrees: ${labels[index]}`, () => {
      const got = expected[index]!;
      const want = oracle().results[index]!;
      const mismatches = got.flatMap((value, k) => (value === want[k] ? [] : [k]));
      const first = mismatches[0];
      const where = first === undefined ? '' : ` first at #${first}: ${JSON.stringify(cases[index]!.keys[first])} ts=${got[first]} py=${want[first]}`;
      expect(mismatches.length, `${mismatches.length} mismatches${where}`).toBe(0);
      expect(want).toHaveLength(got.length);
    });
  });
});
