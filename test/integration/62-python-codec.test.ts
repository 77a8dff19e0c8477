/**
 * pythonCodec() and jsonCodec against the Python clients: the flags and bytes each
 * Python client stored (test/fixtures/python/vectors.json) decode to the right value,
 * and what we encode is read correctly by the clients' own read paths
 * (python-memcached's _recv_value, pymemcache's python_memcache_deserializer,
 * pylibmc's Client.deserialize), run offline by /usr/bin/python3.
 */
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

import { beforeAll, describe, expect, it } from 'vitest';

import { FLAG_TEXT, InvalidArgumentError } from '../../src/index.js';
import {
  DecodeError,
  FLAG_COMPRESSED,
  FLAG_INTEGER,
  FLAG_JSON,
  FLAG_PICKLE,
  jsonCodec,
  PyDateTime,
  PyDecimal,
  pythonCodec,
  UnpicklingError,
} from '../../src/python/index.js';
import { decodeUtf8 } from '../../src/python/utf8.js';
import { utf8Text } from '../../src/text.js';
import { thrownBy } from '../support/util.js';

interface Stored {
  status: string;
  flags: number;
  len: number;
  hex: string;
  sha256_16: string;
}

const VECTORS = JSON.parse(readFileSync(new URL('../fixtures/python/vectors.json', import.meta.url), 'utf8')) as Record<string, Record<string, Stored>>;
const PICKLES = JSON.parse(readFileSync(new URL('../fixtures/python/pickles.json', import.meta.url), 'utf8')) as { name: string; proto: number; hex: string }[];

const BIG = 'abcdefghij'.repeat(10240);

/** The JavaScript value of each value the Python clients stored. */
const VALUES: Record<string, unknown> = {
  bytes: Buffer.from('bytes'),
  str: 'text',
  unicode: 'ünïcode',
  int0: 0,
  'int-5': -5,
  'int2**70': 2n ** 70n,
  True: true,
  'float1.5': 1.5,
  None: null,
  dict: { a: [1, 2, [3, 4]] },
  set: new Set([1, 2, 3]),
  big100KB: BIG,
  datetime: new PyDateTime(2020, 1, 2, 3, 4, 5),
  Decimal: new PyDecimal('1.5'),
};

/** The stored bytes; vectors.json abbreviates long ones (`...`), which are rebuilt here and checked by hash. */
function storedBytes(name: string, stored: Stored): Buffer {
  if (!stored.hex.endsWith('...')) return Buffer.from(stored.hex, 'hex');
  if (name === 'big100KB') return (stored.flags & FLAG_COMPRESSED) !== 0 ? deflateSync(Buffer.from(BIG)) : Buffer.from(BIG);
  if (name === 'datetime') return Buffer.from(PICKLES.find((p) => p.name === 'datetime' && p.proto === 0)!.hex, 'hex');
  throw new Error(`no way to rebuild ${name}`);
}

const sha256_16 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex').slice(0, 16);

const STORED = Object.entries(VECTORS).flatMap(([config, values]) =>
  Object.entries(values)
    .filter(([, stored]) => stored.status === 'ok')
    .map(([name, stored]) => ({ config, name, stored, bytes: storedBytes(name, stored) })),
);

describe('reading what the Python clients stored (vectors.json)', () => {
  const codec = pythonCodec();

  it('has every stored payload, byte for byte', () => {
    expect(STORED.length).toBeGreaterThanOrEqual(160);
    for (const { config, name, stored, bytes } of STORED) {
      expect([bytes.length, sha256_16(bytes)], `${config} ${name}`).toEqual([stored.len, stored.sha256_16]);
    }
  });

  it('decodes every client configuration and value', () => {
    for (const { config, name, stored, bytes } of STORED) {
      let expected = VALUES[name];
      // Plain pymemcache stores str(value) with flags 0: raw bytes, by design.
      if (stored.flags === 0) expected = name === 'bytes' ? VALUES.bytes : bytes;
      // pylibmc stores True as the integer 1 (flag 2).
      if (name === 'True' && stored.flags === FLAG_INTEGER) expected = 1;
      expect(codec.decode(bytes, stored.flags), `${config} ${name} (flags ${stored.flags})`).toStrictEqual(expected);
    }
  });

  it('reads a view into a larger buffer', () => {
    const { bytes, stored } = STORED.find((entry) => entry.config === 'pm_default' && entry.name === 'dict')!;
    const batch = Buffer.concat([Buffer.from('junk'), bytes, Buffer.from('more junk')]);
    expect(codec.decode(batch.subarray(4, 4 + bytes.length), stored.flags)).toStrictEqual(VALUES.dict);
  });

  it('writes str, bytes and int exactly as python-memcached and pymemcache do', () => {
    for (const config of ['pm_default', 'pym_pickle', 'dj_pymemcache']) {
      for (const name of ['bytes', 'str', 'unicode', 'int0', 'int-5', 'int2**70', 'big100KB']) {
        const stored = VECTORS[config]![name]!;
        const { data, flags } = codec.encode(VALUES[name]);
        const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
        expect([flags, sha256_16(bytes)], `${config} ${name}`).toEqual([stored.flags, stored.sha256_16]);
      }
    }
  });

  it('compresses like python-memcached when asked to (identical zlib bytes)', () => {
    const stored = VECTORS.pm_compress!.big100KB!;
    const { data, flags } = pythonCodec({ compressThreshold: 100 }).encode(BIG);
    expect(flags).toBe(stored.flags);
    expect(sha256_16(data as Buffer)).toBe(stored.sha256_16);
  });
});

/** Reads each {hex, flags, expr} with the three Python clients' own read paths; reports reprs. */
const READERS = String.raw`
import sys, json, datetime, decimal
import memcache, pylibmc
from pymemcache import serde

class OneReply:
    def __init__(self, data): self.data = data
    def recv(self, size): return self.data

python_memcached = memcache.Client([])
libmc = pylibmc.Client(['127.0.0.1:1'])

def attempt(read):
    try:
        value = read()
        return [type(value).__name__, repr(value)]
    except Exception as e:
        return ['error', repr(e)]

out = []
for case in json.load(sys.stdin):
    data, flags = bytes.fromhex(case['hex']), case['flags']
    expected = eval(case['expr'], {'datetime': datetime, 'decimal': decimal})
    out.append({
        'expected': [type(expected).__name__, repr(expected)],
        'python-memcached': attempt(lambda: python_memcached._recv_value(OneReply(data + b'\r\n'), flags, len(data))),
        'pymemcache': attempt(lambda: serde.python_memcache_deserializer(b'key', data, flags)),
        # Client.deserialize is the step after pylibmc's C code has inflated a value.
        'pylibmc': attempt(lambda: libmc.deserialize(data, flags)) if not flags & 8 else None,
    })
json.dump(out, sys.stdout)
`;

interface Reading {
  expected: [string, string];
  'python-memcached': [string, string];
  pymemcache: [string, string];
  pylibmc: [string, string] | null;
}

function readInPython(cases: { data: Buffer | string; flags: number; expr: string }[]): Reading[] {
  const input = cases.map(({ data, flags, expr }) => ({ hex: Buffer.from(data).toString('hex'), flags, expr }));
  const stdout = execFileSync('/usr/bin/python3', ['-c', READERS], { input: JSON.stringify(input), maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(stdout.toString('utf8')) as Reading[];
}

/** JavaScript values and the Python value every client must read them as. */
const WRITTEN: [unknown, string][] = [
  [Buffer.from([0, 1, 255]), "b'\\x00\\x01\\xff'"],
  ['ünïcode 😀', "'ünïcode \\U0001F600'"],
  ['', "''"],
  [0, '0'],
  [-5, '-5'],
  [2 ** 53 - 1, '2**53 - 1'],
  [2n ** 70n, '2**70'],
  [-(2n ** 70n), '-2**70'],
  [true, 'True'],
  [false, 'False'],
  [null, 'None'],
  [1.5, '1.5'],
  [-0, '-0.0'],
  [2 ** 53, '9007199254740992.0'],
  [{ a: [1, 2, [3, 4]], b: { c: null } }, "{'a': [1, 2, [3, 4]], 'b': {'c': None}}"],
  [
    new Map<unknown, unknown>([
      [1, 'one'],
      [[2, 3], 'tuple key'],
    ]),
    "{1: 'one', (2, 3): 'tuple key'}",
  ],
  [new Set([1, 2, 3]), '{1, 2, 3}'],
  [[Buffer.from('in a list'), 'x'], "[b'in a list', 'x']"],
  [new PyDateTime(2020, 1, 2, 3, 4, 5, 6), 'datetime.datetime(2020, 1, 2, 3, 4, 5, 6)'],
  [new Date(Date.UTC(2020, 0, 2, 3, 4, 5)), 'datetime.datetime(2020, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)'],
  [new PyDecimal('1.10'), "decimal.Decimal('1.10')"],
];

describe('what we write, read by the Python clients', () => {
  const protocols = [2, 3, 4, 5] as const;
  let readings: Reading[];
  let cases: { value: unknown; protocol: number; data: Buffer | string; flags: number; expr: string }[];

  beforeAll(() => {
    cases = protocols.flatMap((protocol) => {
      const codec = pythonCodec({ pickleProtocol: protocol });
      return WRITTEN.map(([value, expr]) => ({ value, protocol, expr, ...codec.encode(value) }));
    });
    readings = readInPython(cases);
  });

  it('uses flag 0 for Buffers, 16 for strings, 2 for integers and 1 (pickle) for the rest', () => {
    const flagsOf = (value: unknown) => cases.find((c) => Object.is(c.value, value))!.flags;
    expect(WRITTEN.map(([value]) => flagsOf(value))).toEqual([0, 16, 16, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    const view = new Uint8Array([7, 1, 2, 7]).subarray(1, 3);
    expect(pythonCodec().encode(view)).toStrictEqual({ data: Buffer.from([1, 2]), flags: 0 });
  });

  it('is read as the same Python value by python-memcached, pymemcache and pylibmc', () => {
    expect(readings).toHaveLength(WRITTEN.length * protocols.length);
    const wrong = readings.flatMap((reading, i) =>
      (['python-memcached', 'pymemcache', 'pylibmc'] as const)
        .filter((client) => JSON.stringify(reading[client]) !== JSON.stringify(reading.expected))
        .map((client) => ({ client, protocol: cases[i]!.protocol, expected: reading.expected, got: reading[client] })),
    );
    expect(wrong).toEqual([]);
  });

  it('reads back what it wrote', () => {
    const codec = pythonCodec();
    for (const { value, data, flags } of cases) {
      const decoded = codec.decode(Buffer.from(data), flags);
      if (value instanceof Date) expect(decoded).toStrictEqual(PyDateTime.fromDate(value));
      else if (value instanceof Map) expect(decoded).toStrictEqual(value);
      else if (Object.is(value, -0)) expect(Object.is(decoded, -0)).toBe(true);
      else expect(decoded).toStrictEqual(value);
    }
  });

  it('compresses only when asked, above the threshold, and only when smaller; python-memcached inflates it', () => {
    const compressing = pythonCodec({ compressThreshold: 1000 });
    const text = 'compressible '.repeat(200);
    const big = compressing.encode(text);
    expect(big.flags).toBe(FLAG_TEXT | FLAG_COMPRESSED);
    expect(pythonCodec().encode(text).flags).toBe(FLAG_TEXT);
    expect(compressing.encode('x'.repeat(1000)).flags).toBe(FLAG_TEXT); // not longer than the threshold
    const noise = randomBytes(5000);
    expect(compressing.encode(noise)).toStrictEqual({ data: noise, flags: 0 }); // not smaller
    const dict = compressing.encode({ list: Array.from({ length: 500 }, () => 'same') });
    expect(dict.flags).toBe(FLAG_PICKLE | FLAG_COMPRESSED);
    const [textReading, dictReading] = readInPython([
      { ...big, expr: `'compressible ' * 200` },
      { ...dict, expr: "{'list': ['same'] * 500}" },
    ]);
    expect(textReading!['python-memcached']).toEqual(textReading!.expected);
    expect(dictReading!['python-memcached']).toEqual(dictReading!.expected);
    expect(compressing.decode(big.data as Buffer, big.flags)).toBe(text);
  });
});

describe('utf8Text', () => {
  it('decodes as Buffer#toString does, ASCII or not, on both sides of the ASCII check', () => {
    const samples: Buffer[] = [];
    for (const size of [0, 1, 1023, 1024, 1025, 20_000]) {
      const ascii = Buffer.alloc(size, 'a');
      samples.push(ascii);
      if (size > 0) {
        // One non-ASCII byte at the start, in the middle, at the end; a whole character; a malformed sequence.
        for (const at of [0, size >> 1, size - 1]) samples.push(Buffer.concat([ascii.subarray(0, at), Buffer.from([0xe9]), ascii.subarray(at)]));
        samples.push(Buffer.concat([ascii, Buffer.from('é✓😀')]));
        samples.push(Buffer.concat([Buffer.from([0xed, 0xa0, 0x80]), ascii]));
      }
    }
    for (const bytes of samples) expect(utf8Text(bytes)).toBe(bytes.toString('utf8'));
    expect(utf8Text(Buffer.from('x'.repeat(2000) + 'é'))).toBe('x'.repeat(2000) + 'é');
  });
});

describe('decodeUtf8 (pickled str)', () => {
  it('keeps surrogates and refuses malformed bytes in long text as in short', () => {
    for (const size of [10, 1023, 1024, 20_000]) {
      const ascii = 'a'.repeat(size);
      expect(decodeUtf8(Buffer.from(ascii))).toBe(ascii);
      expect(decodeUtf8(Buffer.from(ascii + 'é✓😀'))).toBe(ascii + 'é✓😀');
      expect(decodeUtf8(Buffer.concat([Buffer.from(ascii), Buffer.from([0xed, 0xa0, 0x80])]))).toBe(ascii + '\ud800');
      expect(decodeUtf8(Buffer.concat([Buffer.from([0xff]), Buffer.from(ascii)]))).toBeUndefined();
    }
  });
});

describe('pythonCodec() reading edge cases', () => {
  const codec = pythonCodec();
  const decode = (data: string | Buffer, flags: number) => codec.decode(Buffer.from(data), flags);

  it('reads integers with incr padding, at any size, and refuses other text', () => {
    expect(decode('12   ', 2)).toBe(12);
    expect(decode('-7', 4)).toBe(-7);
    expect(decode('18446744073709551615', 4)).toBe(18446744073709551615n);
    for (const bad of ['', 'abc', '1.5', '0x10', '1'.repeat(4301)]) {
      const error = thrownBy(() => decode(bad, 2));
      expect(error, bad).toBeInstanceOf(DecodeError);
      expect(error.code).toBe('ERR_DECODE');
    }
  });

  it('takes flags in Python order and reads unknown bits as bytes', () => {
    expect(decode('5', FLAG_INTEGER | FLAG_PICKLE)).toBe(5);
    expect(decode('{"a":1}', FLAG_TEXT | FLAG_JSON)).toBe('{"a":1}');
    expect(decode('raw', 0x100)).toStrictEqual(Buffer.from('raw'));
  });

  it("follows python-binary-memcached's flags with flavor 'bmemcached': str under 0, bytes under 16", () => {
    const bmemcached = pythonCodec({ flavor: 'bmemcached' });
    expect(bmemcached.encode('text')).toEqual({ data: 'text', flags: 0 });
    expect(bmemcached.encode(Buffer.from([0xff]))).toEqual({ data: Buffer.from([0xff]), flags: FLAG_TEXT });
    expect(bmemcached.encode(42)).toEqual({ data: '42', flags: FLAG_INTEGER });
    expect(bmemcached.encode(true).flags).toBe(FLAG_PICKLE);
    expect(bmemcached.decode(Buffer.from('héllo'), 0)).toBe('héllo');
    expect(bmemcached.decode(Buffer.from([0xff, 0]), FLAG_TEXT)).toStrictEqual(Buffer.from([0xff, 0]));
    expect(bmemcached.decode(deflateSync(Buffer.from('x'.repeat(200))), FLAG_COMPRESSED)).toBe('x'.repeat(200));
    expect(bmemcached.decode(Buffer.from('7'), FLAG_INTEGER)).toBe(7);
    expect(thrownBy(() => pythonCodec({ flavor: 'memcache' as never })).code).toBe('ERR_INVALID_OPTION');
  });

  it('refuses corrupt compressed data and inflation beyond maxOutputLength', () => {
    expect(thrownBy(() => decode('not zlib', FLAG_TEXT | FLAG_COMPRESSED)).code).toBe('ERR_DECODE');
    const bomb = deflateSync(Buffer.alloc(10 * 1024 * 1024));
    const small = pythonCodec({ maxOutputLength: 1024 * 1024 });
    const error = thrownBy(() => small.decode(bomb, FLAG_COMPRESSED));
    expect(error).toBeInstanceOf(DecodeError);
    expect(error.message).toContain('1048576');
    expect(pythonCodec().decode(bomb, FLAG_COMPRESSED)).toHaveLength(10 * 1024 * 1024);
  });

  it('passes globals and maxDepth to the unpickler; a bad pickle is an UnpicklingError', () => {
    const point = Buffer.from('\x80\x02cmyapp\nPoint\n)\x81}X\x01\x00\x00\x00xK\x01sb.', 'latin1');
    expect(thrownBy(() => codec.decode(point, FLAG_PICKLE))).toBeInstanceOf(UnpicklingError);
    expect(pythonCodec({ globals: { 'myapp.Point': () => ({}) } }).decode(point, FLAG_PICKLE)).toEqual({ x: 1 });
    expect(thrownBy(() => pythonCodec({ maxDepth: 1 }).decode(Buffer.from('\x80\x02]]a.', 'latin1'), FLAG_PICKLE)).code).toBe('ERR_UNPICKLE');
  });

  it('refuses bad options', () => {
    const bad = [{ pickleProtocol: 1 }, { pickleProtocol: 6 }, { compressThreshold: -1 }, { compressThreshold: 1.5 }, { maxOutputLength: 0 }, { maxDepth: 0 }];
    for (const options of bad) {
      const error = thrownBy(() => pythonCodec(options as never));
      expect(error, JSON.stringify(options)).toBeInstanceOf(InvalidArgumentError);
      expect(error.code).toBe('ERR_INVALID_OPTION');
    }
  });

  it('refuses values it cannot pickle with InvalidArgumentError', () => {
    for (const value of [undefined, () => 1, Symbol('s'), new (class Thing {})()]) {
      expect(thrownBy(() => codec.encode(value)).code).toBe('ERR_INVALID_VALUE');
    }
  });
});

describe('jsonCodec', () => {
  it('stores JSON as text flagged 0x30, which every Python client reads as a str', () => {
    const value = { a: [1, 'ü', null], b: { c: true } };
    const encoded = jsonCodec.encode(value);
    expect(encoded).toEqual({ data: '{"a":[1,"ü",null],"b":{"c":true}}', flags: 0x30 });
    const [reading] = readInPython([{ ...encoded, expr: `'{"a":[1,"ü",null],"b":{"c":true}}'` }]);
    expect(reading).toEqual({ expected: reading!.expected, 'python-memcached': reading!.expected, pymemcache: reading!.expected, pylibmc: reading!.expected });
    expect(reading!.expected[0]).toBe('str');
    expect(jsonCodec.decode(Buffer.from(encoded.data), encoded.flags)).toEqual(value);
  });

  it('reads other items as text or bytes, and a __proto__ key as data', () => {
    expect(jsonCodec.decode(Buffer.from('plain'), FLAG_TEXT)).toBe('plain');
    expect(jsonCodec.decode(Buffer.from('raw'), 0)).toStrictEqual(Buffer.from('raw'));
    const parsed = jsonCodec.decode(Buffer.from('{"__proto__":{"polluted":1}}'), 0x30) as Record<string, unknown>;
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(Object.keys(parsed)).toEqual(['__proto__']);
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it('refuses what JSON cannot hold, and JSON that does not parse', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    for (const value of [undefined, () => 1, 1n, cyclic]) {
      const error = thrownBy(() => jsonCodec.encode(value));
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect(error.code).toBe('ERR_INVALID_VALUE');
    }
    const error = thrownBy(() => jsonCodec.decode(Buffer.from('{"a":'), 0x30));
    expect([error.constructor, error.code]).toEqual([DecodeError, 'ERR_DECODE']);
  });
});
