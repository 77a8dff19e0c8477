/**
 * unpickle() against CPython: every fixture in test/fixtures/python/pickles.json and
 * pickles generated live by /usr/bin/python3 (protocols 0-5) must decode to the
 * value Python itself loads, compared through a tagged form both sides can build.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

import { beforeAll, describe, expect, it } from 'vitest';

import { MemcachedError } from '../../src/index.js';
import { PyDate, PyDateTime, PyDecimal, PyTime, PyTimedelta, PyTimezone, UnpicklingError, unpickle } from '../../src/python/index.js';
import { thrownBy } from '../support/util.js';

interface Fixture {
  name: string;
  proto: number;
  hex: string;
  repr: string;
}

const FIXTURES = JSON.parse(readFileSync(new URL('../fixtures/python/pickles.json', import.meta.url), 'utf8')) as Fixture[];

/**
 * A value as both sides can describe it: ['num', IEEE-754 hex] for every JS number
 * (Python ints in the safe range and floats), ['bigint', decimal] beyond it.
 */
type Tagged = [string, ...unknown[]];

/** Python side of the tagged form; reads {"hex": [...]} or {"exprs": [...]} on stdin. */
const PYTHON_TAGGER = String.raw`
import io, sys, json, pickle, pickletools, struct, datetime, decimal, collections

SAFE = 2**53 - 1

def tz_tag(tz):
    if tz is None:
        return None
    args = tz.__getinitargs__()
    off = args[0]
    us = (off.days * 86400 + off.seconds) * 10**6 + off.microseconds
    return [str(us), args[1] if len(args) > 1 else None]

def tag(v):
    t = type(v)
    if v is None: return ['none']
    if t is bool: return ['bool', v]
    if t is int:
        return ['num', struct.pack('>d', float(v)).hex()] if -SAFE <= v <= SAFE else ['bigint', str(v)]
    if t is float: return ['num', struct.pack('>d', v).hex()]
    if t is str: return ['str', v]
    if t in (bytes, bytearray): return ['bytes', v.hex()]
    if t in (list, tuple): return ['list', [tag(x) for x in v]]
    if t is collections.OrderedDict: return ['map', [[tag(k), tag(x)] for k, x in v.items()]]
    if t is dict:
        if all(type(k) is str for k in v):
            return ['object', [[k, tag(x)] for k, x in v.items()]]
        return ['map', [[tag(k), tag(x)] for k, x in v.items()]]
    if t in (set, frozenset): return ['set', [tag(x) for x in v]]
    if t is datetime.datetime:
        return ['datetime', [v.year, v.month, v.day, v.hour, v.minute, v.second, v.microsecond, v.fold], tz_tag(v.tzinfo)]
    if t is datetime.date: return ['date', [v.year, v.month, v.day]]
    if t is datetime.time:
        return ['time', [v.hour, v.minute, v.second, v.microsecond, v.fold], tz_tag(v.tzinfo)]
    if t is datetime.timedelta: return ['timedelta', [v.days, v.seconds, v.microseconds]]
    if t is datetime.timezone: return ['timezone', tz_tag(v)]
    if t is decimal.Decimal: return ['decimal', str(v)]
    raise TypeError('untagged type %r' % t)

# What unpickle() may resolve; anything else must not run during the differential run.
ALLOWED = {('builtins', n) for n in ('set', 'frozenset', 'tuple', 'bytes', 'bytearray', 'object')} | {
    ('_codecs', 'encode'), ('copyreg', '_reconstructor'), ('decimal', 'Decimal'), ('collections', 'OrderedDict')} | {
    ('datetime', n) for n in ('datetime', 'date', 'time', 'timedelta', 'timezone')}
RENAMED = {'__builtin__': 'builtins', 'copy_reg': 'copyreg'}

class Restricted(pickle.Unpickler):
    def find_class(self, module, name):
        if (RENAMED.get(module, module), name) not in ALLOWED:
            raise pickle.UnpicklingError('refused')
        return super().find_class(RENAMED.get(module, module), name)

request = json.load(sys.stdin)
out = []
def huge_memo_index(data):
    # CPython sizes its memo array by the largest index: a corrupt PUT index costs it gigabytes.
    try:
        for op, arg, _ in pickletools.genops(data):
            if 'PUT' in op.name and arg > 10**5:
                return True
    except Exception:
        pass
    return False

for hex_ in request.get('mutants', []):
    data = bytes.fromhex(hex_)
    if huge_memo_index(data):
        out.append(None)
        continue
    try:
        out.append(tag(Restricted(io.BytesIO(data)).load()))
    except Exception:
        # Refused, or loaded as something unpickle() does not return (a bare class, a cycle).
        out.append(None)
for item in request.get('fixtures', []):
    value = pickle.loads(bytes.fromhex(item['hex']))
    out.append({'tag': tag(value), 'reprOk': repr(value) == item['repr']})
env = {'datetime': datetime, 'decimal': decimal, 'collections': collections}
for expr in request.get('exprs', []):
    value = eval(expr, env)
    for proto in range(0, 6):
        data = pickle.dumps(value, proto)
        out.append({'expr': expr, 'proto': proto, 'hex': data.hex(), 'tag': tag(pickle.loads(data))})
json.dump(out, sys.stdout)
`;

/**
 * Runs `script` and parses what it prints. `input` goes to its stdin as JSON;
 * without one, nothing is written (a script that never reads stdin may exit
 * before a write, which then fails with EPIPE).
 */
function python(script: string, input?: unknown): unknown {
  const stdin = input === undefined ? {} : { input: JSON.stringify(input) };
  const stdout = execFileSync('/usr/bin/python3', ['-c', script], { ...stdin, maxBuffer: 512 * 1024 * 1024 });
  return JSON.parse(stdout.toString('utf8')) as unknown;
}

function doubleHex(value: number): string {
  const bytes = Buffer.alloc(8);
  bytes.writeDoubleBE(value);
  return bytes.toString('hex');
}

function timezoneTag(tz: PyTimezone | null): unknown {
  return tz === null ? null : [String(tz.offset.totalMicroseconds()), tz.name];
}

/** The JavaScript side of the tagged form, for what unpickle() returns. */
function tag(value: unknown): Tagged {
  if (value === null) return ['none'];
  if (typeof value === 'boolean') return ['bool', value];
  if (typeof value === 'number') return ['num', doubleHex(value)];
  if (typeof value === 'bigint') return ['bigint', String(value)];
  if (typeof value === 'string') return ['str', value];
  if (Buffer.isBuffer(value)) return ['bytes', value.toString('hex')];
  if (Array.isArray(value)) return ['list', value.map(tag)];
  if (value instanceof Map) return ['map', [...value].map(([k, v]) => [tag(k), tag(v)])];
  if (value instanceof Set) return ['set', [...value].map(tag)];
  if (value instanceof PyDateTime) {
    const { year, month, day, hour, minute, second, microsecond, fold } = value;
    return ['datetime', [year, month, day, hour, minute, second, microsecond, fold], timezoneTag(value.tzinfo)];
  }
  if (value instanceof PyDate) return ['date', [value.year, value.month, value.day]];
  if (value instanceof PyTime) {
    return ['time', [value.hour, value.minute, value.second, value.microsecond, value.fold], timezoneTag(value.tzinfo)];
  }
  if (value instanceof PyTimedelta) return ['timedelta', [value.days, value.seconds, value.microseconds]];
  if (value instanceof PyTimezone) return ['timezone', timezoneTag(value)];
  if (value instanceof PyDecimal) return ['decimal', value.value];
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return ['object', Object.entries(value).map(([k, v]) => [k, tag(v)])];
  }
  throw new Error(`unexpected decoded value ${String(value)}`);
}

/** Object keys and set members have no order to compare: sort them on both sides. */
function normalize(tagged: Tagged): Tagged {
  const [kind, ...rest] = tagged;
  const byJson = (a: unknown, b: unknown) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1);
  switch (kind) {
    case 'list':
      return [kind, (rest[0] as Tagged[]).map(normalize)];
    case 'set':
      return [kind, (rest[0] as Tagged[]).map(normalize).sort(byJson)];
    case 'map':
      return [kind, (rest[0] as [Tagged, Tagged][]).map(([k, v]) => [normalize(k), normalize(v)])];
    case 'object':
      return [kind, (rest[0] as [string, Tagged][]).map(([k, v]) => [k, normalize(v)]).sort(byJson)];
    default:
      return tagged;
  }
}

function expectDecodesLike(hex: string, expected: Tagged, label: string): void {
  expect(normalize(tag(unpickle(Buffer.from(hex, 'hex')))), label).toEqual(normalize(expected));
}

describe('the shared fixtures (pickles.json)', () => {
  let oracle: { tag: Tagged; reprOk: boolean }[];

  beforeAll(() => {
    oracle = python(PYTHON_TAGGER, { fixtures: FIXTURES }) as typeof oracle;
  });

  it('covers protocols 0, 2, 3, 4 and 5 of every value', () => {
    expect(FIXTURES.length).toBeGreaterThanOrEqual(80);
    expect(new Set(FIXTURES.map((f) => f.proto))).toEqual(new Set([0, 2, 3, 4, 5]));
    // The oracle loads exactly the value each fixture's repr names.
    expect(oracle.filter((entry) => !entry.reprOk)).toEqual([]);
  });

  it('decodes every fixture to the value CPython loads', () => {
    FIXTURES.forEach((fixture, i) => expectDecodesLike(fixture.hex, oracle[i]!.tag, `${fixture.name} protocol ${fixture.proto}`));
  });

  it('maps each fixture to the documented JavaScript value', () => {
    const expected: Record<string, unknown> = {
      True: true,
      False: false,
      None: null,
      '1.5': 1.5,
      '-5': -5,
      '300': 300,
      '2**31': 2147483648,
      '2**70': 2n ** 70n,
      '-(2**70)': -(2n ** 70n),
      "'ünïcode'": 'ünïcode',
      "b'\\x00\\xff'": Buffer.from([0, 255]),
      "{'a':[1,2,(3,4)]}": { a: [1, 2, [3, 4]] },
      '{1,2,3}': new Set([1, 2, 3]),
      'frozenset({1})': new Set([1]),
      datetime: new PyDateTime(2020, 1, 2, 3, 4, 5),
      "Decimal('1.5')": new PyDecimal('1.5'),
      "{1: 'int key'}": new Map([[1, 'int key']]),
    };
    expect(new Set(FIXTURES.map((f) => f.name))).toEqual(new Set(Object.keys(expected)));
    for (const fixture of FIXTURES) {
      expect(unpickle(Buffer.from(fixture.hex, 'hex')), `${fixture.name} protocol ${fixture.proto}`).toStrictEqual(expected[fixture.name]);
    }
  });
});

// prettier-ignore
/** Python expressions, pickled live at protocols 0 to 5, a line for each kind. */
const LIVE_VALUES = [
  // ints at every opcode boundary
  '-1', '-128', '255', '256', '65535', '65536', '2**31 - 1', '2**31', '-2**31', '-2**31 - 1',
  '2**53 - 1', '2**53', '-(2**53 - 1)', '-2**53', '-2**63', '2**64', '2**200', '-(2**200)', '-(2**2040)', '2**2048',
  // floats
  '1.5', '-0.0', '0.1', '1e308', '5e-324', '1e16', "float('nan')", "float('inf')", "float('-inf')",
  // text: astral, backslashes, newlines, control characters, Latin-1, a lone surrogate, a BOM
  "'😀 \\U0010ffff \\u20ac'", String.raw`'a\\b\nc\r\x00\x1a\x7f\x80\xff\u0100 \\u0041'`, "'\\ud800 lone'", "'\\ufeffbom'", "''",
  "'x' * 70000", "'\\u20ac' * 30000",
  // bytes
  'bytes(range(256))', "b''", 'bytearray(b"\\x00abc\\xff")', 'bytearray()', "b'\\xff' * 70000",
  // containers
  '[1, [2, [3, (4, 5, (6,))]], {"k": {"n": None}}]', '()', '(1,)', '(1, 2)', '(1, 2, 3)', '(1, 2, 3, 4)',
  '{"a": 1, "b": [True, False]}', '{}', '[]', 'set()', 'frozenset()', '{1, "two", (3, 4)}', '{frozenset({1, 2}), 3}',
  'list(range(2500))', '{str(i): i for i in range(1500)}', 'set(range(1200))',
  '{1: "one", 2: "two"}', '{(1, 2): "tuple key", None: 0, True: "bool key"}', '{"a": 1, 2: "b"}',
  '{"__proto__": {"polluted": True}, "constructor": 1, "toString": 2}',
  // datetime
  'datetime.datetime(2020, 1, 2, 3, 4, 5, 123456)', 'datetime.datetime(1, 1, 1)', 'datetime.datetime(9999, 12, 31, 23, 59, 59, 999999)',
  'datetime.datetime(2021, 3, 4, 5, 6, 7, 8, tzinfo=datetime.timezone.utc)',
  'datetime.datetime(2021, 3, 4, 5, 6, 7, tzinfo=datetime.timezone(datetime.timedelta(hours=-5, minutes=-30), "X"))',
  'datetime.datetime(2021, 11, 7, 1, 30, fold=1)',
  'datetime.date(2020, 2, 29)', 'datetime.time(23, 59, 59, 999999)', 'datetime.time(1, 2, fold=1)',
  'datetime.time(12, 0, tzinfo=datetime.timezone(datetime.timedelta(seconds=3600, microseconds=5)))',
  'datetime.timedelta(days=-1, seconds=5, microseconds=7)', 'datetime.timedelta(days=999999999, seconds=86399)', 'datetime.timedelta()',
  'datetime.timezone.utc',
  // decimal, OrderedDict
  "decimal.Decimal('1.10')", "decimal.Decimal('-0')", "decimal.Decimal('NaN')", "decimal.Decimal('-Infinity')", "decimal.Decimal('1E+400')",
  "collections.OrderedDict([('z', 1), ('a', 2), (3, 'c')])", 'collections.OrderedDict()',
  // shared references (memo GET)
  '[[1, 2]] * 3', '{"x": "shared", "y": "shared"}',
];

describe('pickles generated live by CPython 3.11', () => {
  let cases: { expr: string; proto: number; hex: string; tag: Tagged }[];

  beforeAll(() => {
    cases = python(PYTHON_TAGGER, { exprs: LIVE_VALUES }) as typeof cases;
  });

  it('decodes every value at protocols 0 to 5 as CPython does', () => {
    expect(cases).toHaveLength(LIVE_VALUES.length * 6);
    for (const { expr, proto, hex, tag: expected } of cases) expectDecodesLike(hex, expected, `${expr} protocol ${proto}`);
  });

  it('returns numbers for safe integers and bigints beyond', () => {
    const at = (expr: string, proto: number) => unpickle(Buffer.from(cases.find((c) => c.expr === expr && c.proto === proto)!.hex, 'hex'));
    for (const proto of [0, 1, 2, 5]) {
      expect(at('2**53 - 1', proto)).toBe(2 ** 53 - 1);
      expect(at('2**53', proto)).toBe(2n ** 53n);
      expect(at('-2**63', proto)).toBe(-(2n ** 63n));
      expect(at('-(2**200)', proto)).toBe(-(2n ** 200n));
      expect(Object.is(at('-0.0', proto), -0)).toBe(true);
      expect(at("float('nan')", proto)).toBeNaN();
    }
  });

  it('decodes a __proto__ key as plain data, never as the prototype', () => {
    for (const proto of [0, 2, 4]) {
      const hex = cases.find((c) => c.expr.startsWith('{"__proto__"') && c.proto === proto)!.hex;
      const value = unpickle(Buffer.from(hex, 'hex')) as Record<string, unknown>;
      expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
      expect(Object.keys(value).sort()).toEqual(['__proto__', 'constructor', 'toString']);
      expect(Object.getOwnPropertyDescriptor(value, '__proto__')?.value).toEqual({ polluted: true });
      expect((value as { polluted?: unknown }).polluted).toBeUndefined();
      expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    }
  });

  it('keeps shared references shared, as Python does', () => {
    const hex = cases.find((c) => c.expr === '[[1, 2]] * 3' && c.proto === 2)!.hex;
    const value = unpickle(Buffer.from(hex, 'hex')) as unknown[][];
    expect(value).toEqual([
      [1, 2],
      [1, 2],
      [1, 2],
    ]);
    expect(value[0]).toBe(value[2]);
  });
});

describe('single-byte mutations of every fixture, against CPython', () => {
  /** Each fixture with each byte in turn deleted, incremented, flipped in its top bit, or doubled. */
  function mutants(): Buffer[] {
    const out: Buffer[] = [];
    for (const fixture of FIXTURES) {
      const bytes = Buffer.from(fixture.hex, 'hex');
      for (let i = 0; i < bytes.length; i++) {
        const [before, at, after] = [bytes.subarray(0, i), bytes[i]!, bytes.subarray(i + 1)];
        out.push(Buffer.concat([before, after]));
        out.push(Buffer.concat([before, Buffer.from([(at + 1) & 0xff]), after]));
        out.push(Buffer.concat([before, Buffer.from([at ^ 0x80]), after]));
        out.push(Buffer.concat([before, Buffer.from([at, at]), after]));
      }
    }
    return out;
  }

  /**
   * Where CPython loads a value unpickle() may still refuse, for these reasons only:
   * INT/LONG digits after a leading 0 (CPython reads them as octal), datetime state
   * with out-of-range fields (CPython does not check pickled state), and text
   * encodings other than Latin-1, UTF-8 and ASCII.
   */
  const ALLOWED_REFUSALS = /is not a decimal integer|must be an integer from|unsupported text encoding/;

  it('never decodes a different value than CPython, and refuses only for documented reasons', () => {
    const inputs = mutants();
    const theirs = python(PYTHON_TAGGER, { mutants: inputs.map((input) => input.toString('hex')) }) as (Tagged | null)[];
    const different: { hex: string; ours: unknown; theirs: unknown }[] = [];
    const refused: { hex: string; reason: string }[] = [];
    let agreed = 0;
    inputs.forEach((input, i) => {
      let ours: Tagged | undefined;
      try {
        ours = normalize(tag(unpickle(input)));
      } catch (error) {
        if (!(error instanceof UnpicklingError)) throw error;
        if (theirs[i] !== null) refused.push({ hex: input.toString('hex'), reason: error.message });
        return;
      }
      if (theirs[i] === null) return; // CPython refuses it, or loads something unpickle() never returns
      if (JSON.stringify(ours) === JSON.stringify(normalize(theirs[i]!))) agreed++;
      else different.push({ hex: input.toString('hex'), ours, theirs: theirs[i] });
    });
    expect(inputs.length).toBeGreaterThan(7000);
    expect(agreed).toBeGreaterThan(1000);
    expect(different).toEqual([]);
    expect(refused.filter(({ reason }) => !ALLOWED_REFUSALS.test(reason))).toEqual([]);
  });
});

describe('hand-written pickles', () => {
  const decode = (text: string) => unpickle(Buffer.from(text, 'latin1'));

  it('reads Python 2 str opcodes (S, T, U) as Latin-1 strings', () => {
    expect(decode("S'a\\n\\x41\\101\\'q\\\\z'\np0\n.")).toBe("a\nAA'q\\z");
    expect(decode('S"\\xff\\q"\n.')).toBe('\xff\\q');
    expect(decode("(dp0\nS'k'\np1\nI42\nsS'big'\np2\nL123456789012345678901234567890L\ns.")).toEqual({
      k: 42,
      big: 123456789012345678901234567890n,
    });
    expect(decode('T\x03\x00\x00\x00abc.')).toBe('abc');
    expect(decode('U\x02\xe9\xff.')).toBe('\xe9\xff');
  });

  it('reads raw-unicode-escape: only an odd run of backslashes starts an escape', () => {
    expect(decode('V\\u0041\\\\u0041\\\\\\u0041\n.')).toBe('A\\\\u0041\\\\A');
    expect(decode('V\\U0001f600\\x41\n.')).toBe('😀\\x41');
    for (const bad of ['V\\u00\n.', 'V\\u004g\n.', 'V\\U00110000\n.']) expect(() => decode(bad), bad).toThrow(UnpicklingError);
  });

  it('reads protocol 0 floats, INT booleans and Python 2 datetime state given as str', () => {
    expect(decode('F-inf\n.')).toBe(-Infinity);
    expect(decode('(I01\nI00\nI-7\nF1e+300\nt.')).toEqual([true, false, -7, 1e300]);
    const py2DateTime = "cdatetime\ndatetime\n(S'\\x07\\xe4\\x01\\x02\\x03\\x04\\x05\\x00\\x00\\x00'\ntR.";
    expect(decode(py2DateTime)).toStrictEqual(new PyDateTime(2020, 1, 2, 3, 4, 5));
  });

  it('reads a Python 2 OrderedDict and __builtin__ globals', () => {
    const od = "ccollections\nOrderedDict\n((lp0\n(lp1\nS'a'\naI1\naa(lp2\nS'b'\naI2\naatR.";
    expect(decode(od)).toEqual(
      new Map([
        ['a', 1],
        ['b', 2],
      ]),
    );
    expect(decode('c__builtin__\nset\n((lI1\naI2\natR.')).toEqual(new Set([1, 2]));
  });
});

describe('globals', () => {
  const POINT = String.raw`
import pickle, sys, json
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y
class Slotted:
    __slots__ = ('x', 'y')
    def __init__(self):
        self.x = 1
        self.y = [2]
json.dump([[pickle.dumps(Point(1, [2]), p).hex() for p in range(6)], [pickle.dumps(Slotted(), p).hex() for p in range(2, 6)]], sys.stdout)
`;
  let points: string[];
  let slotted: string[];

  beforeAll(() => {
    [points, slotted] = python(POINT) as [string[], string[]];
  });

  it('refuses an unknown class without calling anything, naming it', () => {
    for (const hex of points) {
      const error = thrownBy(() => unpickle(Buffer.from(hex, 'hex'))) as UnpicklingError;
      expect(error).toBeInstanceOf(UnpicklingError);
      expect(error).toBeInstanceOf(MemcachedError);
      expect(error.code).toBe('ERR_UNPICKLE_GLOBAL');
      expect(error.global).toBe('__main__.Point');
      expect(error.message).toContain('__main__.Point');
    }
    const os = thrownBy(() => unpickle(Buffer.from("cos\nsystem\n(S'echo hacked'\ntR.", 'latin1'))) as UnpicklingError;
    expect([os.code, os.global]).toEqual(['ERR_UNPICKLE_GLOBAL', 'os.system']);
  });

  it('builds a registered class at every protocol (NEWOBJ + BUILD, copyreg._reconstructor at 0-1)', () => {
    const calls: unknown[][] = [];
    const globals = {
      '__main__.Point': (args: unknown[]) => {
        calls.push(args);
        return {};
      },
    };
    for (const hex of points) expect(unpickle(Buffer.from(hex, 'hex'), { globals })).toEqual({ x: 1, y: [2] });
    expect(calls).toEqual(Array.from({ length: 6 }, () => []));
  });

  it('sets __slots__ state (a (None, dict) pair) on a class instance', () => {
    class Slotted {}
    for (const hex of slotted) {
      const value = unpickle(Buffer.from(hex, 'hex'), { globals: { '__main__.Slotted': () => new Slotted() } });
      expect(value).toBeInstanceOf(Slotted);
      expect({ ...(value as object) }).toEqual({ x: 1, y: [2] });
    }
  });

  it('hands state to __setstate__ when the built object has one', () => {
    const states: unknown[] = [];
    const globals = { '__main__.Point': () => ({ __setstate__: (state: unknown) => states.push(state) }) };
    unpickle(Buffer.from(points[4]!, 'hex'), { globals });
    expect(states).toEqual([{ x: 1, y: [2] }]);
  });

  it('lets a factory replace a known global and propagates its errors unchanged', () => {
    const hex = FIXTURES.find((f) => f.name === 'datetime' && f.proto === 4)!.hex;
    const globals = { 'datetime.datetime': ([state]: unknown[]) => (state as Buffer).readUInt16BE(0) };
    expect(unpickle(Buffer.from(hex, 'hex'), { globals })).toBe(2020);
    const own = new TypeError('mine');
    expect(
      thrownBy(() =>
        unpickle(Buffer.from(hex, 'hex'), {
          globals: {
            'datetime.datetime': () => {
              throw own;
            },
          },
        }),
      ),
    ).toBe(own);
  });

  it('refuses tzinfo classes other than datetime.timezone unless registered', () => {
    // SHORT_BINBYTES (C) of length 10, which is the newline byte.
    const pytz = '\x80\x03cdatetime\ndatetime\nC\n\x07\xe4\x01\x02\x03\x04\x05\x00\x00\x00cpytz\n_UTC\n)R\x86R.';
    const decode = (options = {}) => unpickle(Buffer.from(pytz, 'latin1'), options);
    expect((thrownBy(() => decode()) as UnpicklingError).global).toBe('pytz._UTC');
    expect(decode({ globals: { 'pytz._UTC': () => PyTimezone.utc } })).toStrictEqual(new PyDateTime(2020, 1, 2, 3, 4, 5, 0, PyTimezone.utc));
    expect((thrownBy(() => decode({ globals: { 'pytz._UTC': () => ({}) } })) as UnpicklingError).code).toBe('ERR_UNPICKLE');
  });

  it('refuses a bare class as a value', () => {
    for (const text of ['cdatetime\ndate\n.', '(cdatetime\ndate\nl.', '\x80\x02cdatetime\ndate\n\x85.']) {
      expect((thrownBy(() => unpickle(Buffer.from(text, 'latin1'))) as UnpicklingError).code, text).toBe('ERR_UNPICKLE');
    }
  });
});

describe('malformed and hostile input', () => {
  const VALID = FIXTURES.find((f) => f.name === "{'a':[1,2,(3,4)]}" && f.proto === 4)!.hex;

  function expectRefused(bytes: Buffer | string, label = String(bytes)): UnpicklingError {
    const error = thrownBy(() => unpickle(typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes));
    expect(error, label).toBeInstanceOf(UnpicklingError);
    expect(error.code, label).toBe('ERR_UNPICKLE');
    return error;
  }

  it('refuses every truncation of a valid pickle', () => {
    const full = Buffer.from(VALID, 'hex');
    for (let size = 0; size < full.length; size++) expectRefused(full.subarray(0, size), `first ${size} bytes`);
  });

  it('refuses unknown opcodes, underflow, memo misses and MARK misuse', () => {
    expect(expectRefused('\xff.').message).toContain('Unknown opcode');
    expect(expectRefused('\x80\x06N.').message).toContain('protocol 6');
    expect(expectRefused('.').message).toContain('underflow');
    expect(expectRefused('a.').message).toContain('underflow');
    expect(expectRefused('](a.').message).toContain('underflow'); // APPEND below the MARK
    expect(expectRefused('h\x05.').message).toContain('Memo entry 5 missing');
    expect(expectRefused('g7\n.').message).toContain('Memo entry 7 missing');
    expect(expectRefused(']K\x01e.').message).toContain('MARK missing');
    expect(expectRefused('K\x01K\x02u.').message).toContain('MARK missing');
    expect(expectRefused('}(K\x01u.').message).toContain('pairs');
    expect(expectRefused(')K\x01a.').message).toContain('APPEND needs a list');
  });

  it('checks declared lengths against the input before allocating', () => {
    const huge = [
      '\x80\x04\x8d\xff\xff\xff\xff\xff\xff\xff\x7f', // BINUNICODE8 2**63 - 1
      '\x80\x04\x8e\x00\x00\x00\x00\x00\x00\x10\x00', // BINBYTES8 2**52
      '\x80\x05\x96\x00\x00\x00\x00\x01\x00\x00\x00', // BYTEARRAY8 2**32
      '\x80\x04\x95\x00\x00\x00\x40\x00\x00\x00\x00N.', // FRAME 1 GiB
      'X\xff\xff\xff\xff', // BINUNICODE 4 GiB - 1
      'B\xff\xff\xff\x7f', // BINBYTES
      '\x8b\xff\xff\xff\x7f', // LONG4
      'T\xff\xff\xff\x7f', // BINSTRING
    ];
    const before = process.memoryUsage().arrayBuffers;
    for (const text of huge) expect(expectRefused(text, JSON.stringify(text)).message).toContain('truncated');
    expect(expectRefused('\x8b\xff\xff\xff\xff').message).toContain('Negative byte count');
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(16 * 1024 * 1024);
  });

  it('refuses nesting deeper than maxDepth (default 1000)', () => {
    const nested = (depth: number) => Buffer.concat([Buffer.from('N'), Buffer.alloc(depth, 0x85), Buffer.from('.')]);
    let value = unpickle(nested(1000));
    for (let depth = 0; depth < 1000; depth++) value = (value as unknown[])[0];
    expect(value).toBeNull();
    expect(expectRefused(nested(1001)).message).toContain('deeper than 1000');
    expect(() => unpickle(nested(50), { maxDepth: 50 })).not.toThrow();
    // 60 lists, each appended to the one before: 60 levels deep.
    const lists = Buffer.concat([Buffer.from(']'.repeat(60)), Buffer.alloc(59, 0x61), Buffer.from('.')]);
    expect(() => unpickle(lists, { maxDepth: 60 })).not.toThrow();
    const error = thrownBy(() => unpickle(lists, { maxDepth: 59 }));
    expect([error.code, error.message]).toEqual(['ERR_UNPICKLE', expect.stringContaining('deeper than 59')]);
  });

  it('refuses values that contain themselves, as CPython pickles them', () => {
    const cyclic = python(
      String.raw`
import pickle, sys, json
a = []; a.append(a)
d = {}; d['self'] = [d]
json.dump([pickle.dumps(v, p).hex() for v in (a, d) for p in (0, 2, 5)], sys.stdout)
`,
    ) as string[];
    for (const hex of cyclic) expect(expectRefused(Buffer.from(hex, 'hex')).message).toMatch(/contains itself|already placed/);
  });

  it('refuses out-of-band buffers, persistent IDs and extension codes', () => {
    const [outOfBand] = python(
      String.raw`
import pickle, sys, json
json.dump([pickle.dumps(pickle.PickleBuffer(b'abc'), 5, buffer_callback=lambda b: False).hex()], sys.stdout)
`,
    ) as string[];
    expect(expectRefused(Buffer.from(outOfBand!, 'hex')).message).toContain('Out-of-band');
    expect(expectRefused('\x98.').message).toContain('Out-of-band');
    expect(expectRefused('Pid\n.').message).toContain('Persistent');
    expect(expectRefused('\x82\x01.').message).toContain('Extension');
  });

  it('refuses invalid UTF-8 but keeps surrogates, as surrogatepass does', () => {
    expect(unpickle(Buffer.from('X\x03\x00\x00\x00\xed\xa0\x80.', 'latin1'))).toBe('\ud800');
    expect(unpickle(Buffer.from('\x8c\x06\xed\xa0\xbd\xed\xb8\x80.', 'latin1'))).toBe('😀');
    for (const bad of ['\x8c\x01\xff.', '\x8c\x02\xc0\x80.', '\x8c\x03\xe0\x80\x80.', '\x8c\x04\xf4\x90\x80\x80.', '\x8c\x02\xe2\x82.']) {
      expect(expectRefused(bad).message, JSON.stringify(bad)).toContain('UTF-8');
    }
  });

  it('refuses field values Python would refuse', () => {
    const month13 = '\x80\x03cdatetime\ndate\nC\x04\x07\xe4\x0d\x01\x85R.';
    expect(expectRefused(month13).message).toContain('month');
    expect(expectRefused('\x80\x02cdecimal\nDecimal\nX\x03\x00\x00\x00abc\x85R.').message).toContain('Decimal');
  });
});
