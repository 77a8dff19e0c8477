/**
 * Encodes JavaScript values as Python pickles (protocols 2 to 5) with the
 * opcodes CPython's own pickler chooses, so any Python 3 reader loads them.
 *
 * | JavaScript                          | Python                                         |
 * |-------------------------------------|------------------------------------------------|
 * | null, boolean                       | None, bool                                     |
 * | safe integer number, bigint         | int                                            |
 * | other number (fractions, unsafe integers, -0, NaN, ±Infinity) | float                |
 * | string                              | str                                            |
 * | Buffer / Uint8Array                 | bytes                                          |
 * | array                               | list (tuple as a dict key or set member)       |
 * | plain object, Map                   | dict                                           |
 * | Set                                 | set (frozenset as a dict key or set member)    |
 * | Date                                | datetime.datetime, aware, in UTC               |
 * | PyDateTime, PyDate, PyTime, PyTimedelta, PyTimezone, PyDecimal | their Python types  |
 * | CachedValue                         | dogpile.cache.api.CachedValue (a namedtuple)   |
 *
 * Anything else (undefined, functions, symbols, class instances, other typed
 * arrays), objects nested deeper than 1000 levels, and values that contain
 * themselves throw `InvalidArgumentError` (`ERR_INVALID_VALUE`). An object that
 * appears more than once is written once and referenced after (memo), as Python
 * does, so shared structure stays shared and the output stays linear in size.
 */
import { InvalidArgumentError } from '../errors.js';
import { PyDate, PyDateTime, PyTime, PyTimedelta, PyTimezone } from './datetime.js';
import { PyDecimal } from './decimal.js';
import { CachedValue } from './cached-value.js';
import { writeSignedLE } from './integers.js';
import { MAX_DEPTH } from './limits.js';
import { packDate, packDateTime, packTime } from './pickle-datetime.js';
import { OP } from './pickle-opcodes.js';
import { PickleWriter } from './pickle-writer.js';
import { encodeUtf8 } from './utf8.js';

export type PickleProtocol = 2 | 3 | 4 | 5;

/**
 * Protocol 3: every Python 3 reads it, it stores bytes as bytes (protocol 2
 * needs a `_codecs.encode` call per bytes object), and it is what python-memcached,
 * pymemcache and pylibmc were checked against. Protocol 2 if Python 2 must read.
 */
export const DEFAULT_PICKLE_PROTOCOL: PickleProtocol = 3;

/** Python's pickler writes list, dict and set items in batches of this many. */
const BATCH_SIZE = 1000;

/** Encodes `value` as a pickle of the given protocol. */
export function pickle(value: unknown, protocol: PickleProtocol = DEFAULT_PICKLE_PROTOCOL): Buffer {
  if (protocol !== 2 && protocol !== 3 && protocol !== 4 && protocol !== 5) {
    throw new InvalidArgumentError('ERR_INVALID_ARGUMENT', `Expected a pickle protocol from 2 to 5, got ${String(protocol)}`);
  }
  try {
    const encoder = new Encoder(protocol, findShared(value));
    encoder.save(value, false);
    return encoder.finish();
  } catch (error) {
    // The encoder recurses once per level: values near MAX_DEPTH can still exhaust a caller's
    // deep stack, and that is a value this call cannot store, not a crash.
    if (error instanceof RangeError && /call stack/i.test(error.message))
      unpicklable('Cannot pickle a value nested this deeply from here: the call stack ran out');
    throw error;
  }
}

function unpicklable(message: string): never {
  throw new InvalidArgumentError('ERR_INVALID_VALUE', message);
}

function describe(value: unknown): string {
  if (typeof value !== 'object' || value === null) return typeof value;
  return `an instance of ${value.constructor?.name ?? 'a class without a constructor'}`;
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/** The children of a container the encoder descends into; undefined for leaves. */
function childrenOf(value: object): Iterable<unknown> | undefined {
  if (Array.isArray(value)) return value as unknown[];
  if (value instanceof Map) {
    const map = value as Map<unknown, unknown>;
    return [...map.keys(), ...map.values()];
  }
  if (value instanceof Set) return value;
  if (value instanceof CachedValue) return [(value as CachedValue<unknown>).payload, value.metadata];
  if (isPlainObject(value)) return Object.values(value);
  return undefined;
}

/**
 * Objects that occur more than once (these get a memo slot), after checking that
 * nothing contains itself and nothing nests deeper than {@link MAX_DEPTH}.
 */
function findShared(root: unknown): Set<object> {
  const seen = new Set<object>();
  const shared = new Set<object>();
  const path = new Set<object>();
  const visit = (value: unknown, depth: number): void => {
    if (typeof value !== 'object' || value === null) return;
    if (path.has(value)) unpicklable('Cannot pickle a value that contains itself');
    if (seen.has(value)) {
      shared.add(value);
      return;
    }
    seen.add(value);
    const children = childrenOf(value);
    if (children === undefined) return;
    if (depth > MAX_DEPTH) unpicklable(`Cannot pickle values nested deeper than ${MAX_DEPTH} levels`);
    path.add(value);
    for (const child of children) visit(child, depth + 1);
    path.delete(value);
  };
  visit(root, 1);
  return shared;
}

class Encoder {
  private readonly writer: PickleWriter;
  /** Memo slots of shared objects, separately for where an array is a list and where it is a tuple. */
  private readonly memo = new Map<object, number>();
  private readonly keyMemo = new Map<object, number>();
  private memoSize = 0;

  constructor(
    private readonly protocol: PickleProtocol,
    private readonly shared: Set<object>,
  ) {
    this.writer = new PickleWriter(protocol);
  }

  finish(): Buffer {
    this.writer.op(OP.STOP);
    return this.writer.finish();
  }

  /** `asKey`: the value is a dict key or set member, where Python needs hashable types. */
  save(value: unknown, asKey: boolean): void {
    switch (typeof value) {
      case 'boolean':
        return this.writer.op(value ? OP.NEWTRUE : OP.NEWFALSE);
      case 'number':
        return Number.isSafeInteger(value) && !Object.is(value, -0) ? this.saveInt(value) : this.writer.opFloat64(OP.BINFLOAT, value);
      case 'bigint':
        return this.saveInt(value);
      case 'string':
        return this.saveStr(value);
      case 'object':
        return value === null ? this.writer.op(OP.NONE) : this.saveObject(value, asKey);
      default:
        return unpicklable(`Cannot pickle ${describe(value)}`);
    }
  }

  private saveObject(value: object, asKey: boolean): void {
    const memo = asKey ? this.keyMemo : this.memo;
    const slot = memo.get(value);
    if (slot !== undefined) {
      if (slot < 256) this.writer.opUint8(OP.BINGET, slot);
      else this.writer.opUint32(OP.LONG_BINGET, slot);
      return;
    }
    this.saveNew(value, asKey);
    if (!this.shared.has(value)) return;
    memo.set(value, this.memoSize);
    if (this.protocol >= 4) this.writer.op(OP.MEMOIZE);
    else if (this.memoSize < 256) this.writer.opUint8(OP.BINPUT, this.memoSize);
    else this.writer.opUint32(OP.LONG_BINPUT, this.memoSize);
    this.memoSize++;
  }

  private saveNew(value: object, asKey: boolean): void {
    if (value instanceof Uint8Array) return this.saveBytes(Buffer.from(value.buffer, value.byteOffset, value.byteLength));
    if (Array.isArray(value)) return asKey ? this.saveTuple(value, true) : this.saveList(value);
    if (value instanceof Set) return asKey ? this.saveFrozenSet(value) : this.saveSet(value);
    if (value instanceof Map) return this.saveDict([...value], true, asKey);
    if (value instanceof Date) return this.saveDateTime(PyDateTime.fromDate(value));
    if (value instanceof PyDateTime) return this.saveDateTime(value);
    if (value instanceof PyDate) return this.saveReduce('datetime', 'date', [packDate(value)]);
    if (value instanceof PyTime) {
      const state = packTime(value, this.protocol >= 4);
      return this.saveReduce('datetime', 'time', value.tzinfo === null ? [state] : [state, value.tzinfo]);
    }
    if (value instanceof PyTimedelta) return this.saveReduce('datetime', 'timedelta', [value.days, value.seconds, value.microseconds]);
    if (value instanceof PyTimezone) return this.saveReduce('datetime', 'timezone', value.name === null ? [value.offset] : [value.offset, value.name]);
    if (value instanceof PyDecimal) return this.saveReduce('decimal', 'Decimal', [value.value]);
    if (value instanceof CachedValue) return this.saveNewObj('dogpile.cache.api', 'CachedValue', [value.payload, value.metadata]);
    if (isPlainObject(value)) return this.saveDict(Object.entries(value), false, asKey);
    return unpicklable(`Cannot pickle ${describe(value)}`);
  }

  private saveInt(value: number | bigint): void {
    const small = Number(value);
    if (small >= 0 && small <= 0xff) return this.writer.opUint8(OP.BININT1, small);
    if (small >= 0 && small <= 0xffff) return this.writer.opUint16(OP.BININT2, small);
    if (small >= -0x80000000 && small <= 0x7fffffff) return this.writer.opInt32(OP.BININT, small);
    const bytes = writeSignedLE(BigInt(value));
    if (bytes.length < 256) this.writer.opPayload(OP.LONG1, 1, bytes, false);
    else this.writer.opPayload(OP.LONG4, 4, bytes, false);
  }

  private saveStr(text: string): void {
    // A lone surrogate takes 3 bytes either way: as U+FFFD here, as itself in surrogatepass.
    const size = Buffer.byteLength(text, 'utf8');
    if (this.protocol >= 4 && size <= 0xff) this.writer.opText(OP.SHORT_BINUNICODE, 1, text, size, false);
    else if (size > 0xffffffff) this.saveHuge(OP.BINUNICODE8, encodeUtf8(text));
    else this.writer.opText(OP.BINUNICODE, 4, text, size, true);
  }

  private saveBytes(bytes: Buffer): void {
    if (this.protocol < 3) {
      // Protocol 2 has no bytes opcode: Python writes codecs.encode(text, 'latin1'), or bytes() when empty.
      if (bytes.length === 0) return this.saveReduce('builtins', 'bytes', []);
      return this.saveReduce('_codecs', 'encode', [bytes.toString('latin1'), 'latin1']);
    }
    if (bytes.length <= 0xff) this.writer.opPayload(OP.SHORT_BINBYTES, 1, bytes, false);
    else if (bytes.length > 0xffffffff) this.saveHuge(OP.BINBYTES8, bytes);
    else this.writer.opPayload(OP.BINBYTES, 4, bytes, true);
  }

  /** Over 4 GiB: only protocol 4's 8-byte lengths can hold it. */
  private saveHuge(code: number, bytes: Buffer): void {
    if (this.protocol < 4) unpicklable('Values over 4 GiB need pickle protocol 4 or higher');
    this.writer.opPayload(code, 8, bytes, true);
  }

  private saveList(items: unknown[]): void {
    this.writer.op(OP.EMPTY_LIST);
    this.batches(items.length, OP.APPEND, OP.APPENDS, (i) => this.save(items[i], false));
  }

  private saveTuple(items: unknown[], asKey: boolean): void {
    const size = items.length;
    if (size === 0) return this.writer.op(OP.EMPTY_TUPLE);
    if (size > 3) this.writer.op(OP.MARK);
    for (const item of items) this.save(item, asKey);
    this.writer.op(size > 3 ? OP.TUPLE : OP.TUPLE1 + size - 1);
  }

  /** `keysAsKeys`: the keys are any values (a Map's) rather than strings (an object's). */
  private saveDict(entries: [unknown, unknown][], keysAsKeys: boolean, asKey: boolean): void {
    if (asKey) unpicklable('Cannot pickle a dict as a dict key or set member: Python dicts are unhashable');
    this.writer.op(OP.EMPTY_DICT);
    this.batches(entries.length, OP.SETITEM, OP.SETITEMS, (i) => {
      const [key, item] = entries[i]!;
      this.save(key, keysAsKeys);
      this.save(item, false);
    });
  }

  private saveSet(set: Set<unknown>): void {
    const items = [...set];
    if (this.protocol < 4) return this.saveSetCall('set', items);
    this.writer.op(OP.EMPTY_SET);
    for (let start = 0; start < items.length; start += BATCH_SIZE) {
      this.writer.op(OP.MARK);
      for (const item of items.slice(start, start + BATCH_SIZE)) this.save(item, true);
      this.writer.op(OP.ADDITEMS);
    }
  }

  private saveFrozenSet(set: Set<unknown>): void {
    const items = [...set];
    if (this.protocol < 4) return this.saveSetCall('frozenset', items);
    this.writer.op(OP.MARK);
    for (const item of items) this.save(item, true);
    this.writer.op(OP.FROZENSET);
  }

  private saveDateTime(value: PyDateTime): void {
    const state = packDateTime(value, this.protocol >= 4);
    this.saveReduce('datetime', 'datetime', value.tzinfo === null ? [state] : [state, value.tzinfo]);
  }

  /** Before protocol 4 a set is a call: `set([members])`, or `frozenset([members])`. */
  private saveSetCall(name: 'set' | 'frozenset', members: unknown[]): void {
    this.saveGlobal('builtins', name);
    this.writer.op(OP.EMPTY_LIST);
    this.batches(members.length, OP.APPEND, OP.APPENDS, (i) => this.save(members[i], true));
    this.writer.op(OP.TUPLE1);
    this.writer.op(OP.REDUCE);
  }

  /** `module.name(*args)`, as Python writes what an object's `__reduce__` returns. */
  private saveReduce(module: string, name: string, args: unknown[]): void {
    this.saveGlobal(module, name);
    this.saveTuple(args, false);
    this.writer.op(OP.REDUCE);
  }

  /** `cls.__new__(cls, *args)`, as Python writes a tuple subclass such as a namedtuple (protocol 2+). */
  private saveNewObj(module: string, name: string, args: unknown[]): void {
    this.saveGlobal(module, name);
    this.saveTuple(args, false);
    this.writer.op(OP.NEWOBJ);
  }

  private saveGlobal(module: string, name: string): void {
    if (this.protocol >= 4) {
      this.saveStr(module);
      this.saveStr(name);
      return this.writer.op(OP.STACK_GLOBAL);
    }
    // Protocol 2 is for Python 2 readers too: Python 3 writes the builtins under their Python 2 name.
    this.writer.opLines(OP.GLOBAL, this.protocol < 3 && module === 'builtins' ? '__builtin__' : module, name);
  }

  /** Python's batching: items in runs of 1000, each run of two or more under one MARK. */
  private batches(count: number, single: number, many: number, saveItem: (index: number) => void): void {
    for (let start = 0; start < count; start += BATCH_SIZE) {
      const end = Math.min(count, start + BATCH_SIZE);
      if (end - start > 1) this.writer.op(OP.MARK);
      for (let i = start; i < end; i++) saveItem(i);
      this.writer.op(end - start > 1 ? many : single);
    }
  }
}
