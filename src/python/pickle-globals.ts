/**
 * The classes and functions a pickle may name (GLOBAL, STACK_GLOBAL, INST) and
 * what calling them builds. A name resolves only to the caller's own `globals`
 * or to the fixed table below, whose entries build plain data; any other name is
 * refused with `ERR_UNPICKLE_GLOBAL` before anything could be called.
 */
import { InvalidArgumentError } from '../errors.js';
import { CachedValue } from './cached-value.js';
import { PyDate, PyDateTime, PyTime, PyTimedelta, PyTimezone } from './datetime.js';
import { PyDecimal } from './decimal.js';
import { UnpicklingError } from './errors.js';
import { DATE_STATE_SIZE, DATETIME_STATE_SIZE, TIME_STATE_SIZE, unpackDate, unpackDateTime, unpackTime } from './pickle-datetime.js';
import { encodeText } from './text-encodings.js';

/**
 * Builds the value of a global the decoder does not know, from the arguments the
 * pickle calls it with (REDUCE, NEWOBJ, INST, OBJ; `kwargs` only from NEWOBJ_EX).
 * An object it returns (other than an array, Map, Set or Buffer) then receives
 * the pickled instance state, if any (BUILD): through its own `__setstate__(state)`
 * method when it has one, else as own properties.
 */
export type GlobalFactory = (args: unknown[], kwargs?: Record<string, unknown>) => unknown;

/** A resolved global: `name` is `module.name`; `userDefined` when it came from the caller's `globals`. */
export class PickleGlobal {
  constructor(
    readonly name: string,
    readonly call: GlobalFactory,
    readonly userDefined: boolean,
  ) {}
}

/** Carries an error thrown by a caller's factory through the decoder, which rethrows it unchanged. */
export class FactoryError {
  constructor(readonly cause: unknown) {}
}

/** Python 2 module names that Python 3 reads as their new names (the `fix_imports` mapping). */
const RENAMED_MODULES = new Map([
  ['__builtin__', 'builtins'],
  ['copy_reg', 'copyreg'],
]);

export function resolveGlobal(module: string, name: string, userGlobals: Readonly<Record<string, GlobalFactory>> | undefined): PickleGlobal {
  const qualified = `${RENAMED_MODULES.get(module) ?? module}.${name}`;
  const own = userGlobals !== undefined && Object.hasOwn(userGlobals, qualified) ? userGlobals[qualified] : undefined;
  if (typeof own === 'function') {
    const call: GlobalFactory = (args, kwargs) => {
      try {
        return own(args, kwargs);
      } catch (error) {
        throw new FactoryError(error);
      }
    };
    return new PickleGlobal(qualified, call, true);
  }
  const known = KNOWN.get(qualified);
  if (known === undefined) {
    throw new UnpicklingError(
      `The pickle needs the Python global ${JSON.stringify(qualified)}, which is not decoded; pass it in the \`globals\` option to decode it`,
      qualified,
    );
  }
  return new PickleGlobal(qualified, (args) => callKnown(qualified, known, args), false);
}

function callKnown(name: string, build: (args: unknown[]) => unknown, args: unknown[]): unknown {
  try {
    return build(args);
  } catch (error) {
    // The value classes reject out-of-range fields the way Python's constructors do.
    if (error instanceof InvalidArgumentError) throw new UnpicklingError(`${name}: ${error.message}`);
    throw error;
  }
}

function fail(message: string): never {
  throw new UnpicklingError(message);
}

const isInt = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value);

function arity(name: string, args: unknown[], min: number, max: number): void {
  if (args.length < min || args.length > max) fail(`${name} takes ${min} to ${max} arguments, got ${args.length}`);
}

/** The items of a list, tuple or set argument. */
function itemsOf(name: string, iterable: unknown): unknown[] {
  if (Array.isArray(iterable)) return iterable;
  if (iterable instanceof Set) return [...iterable];
  return fail(`${name} needs a list, tuple or set argument`);
}

function encoded(text: string, encoding: string): Buffer {
  const bytes = encodeText(text, encoding);
  return typeof bytes === 'string' ? fail(bytes) : bytes;
}

/** `bytes(...)` / `bytearray(...)`: empty, a copy of bytes, text with an encoding, or a list of byte values. */
function bytesFrom(name: string, args: unknown[]): Buffer {
  arity(name, args, 0, 2);
  const [source, encoding] = args;
  if (args.length === 0) return Buffer.alloc(0);
  if (typeof source === 'string' && typeof encoding === 'string') return encoded(source, encoding);
  if (args.length === 2) return fail(`${name} takes a str and an encoding`);
  if (Buffer.isBuffer(source)) return Buffer.from(source);
  if (Array.isArray(source) && source.every((byte) => isInt(byte) && byte >= 0 && byte <= 255)) return Buffer.from(source as number[]);
  return fail(`${name} needs bytes, a str and an encoding, or a list of integers 0-255`);
}

/** The packed state of a datetime type: bytes, or the same bytes as a Latin-1 str (Python 2 pickles). */
function stateBytes(name: string, state: unknown, size: number): Buffer {
  const bytes = typeof state === 'string' && !/[^\x00-\xff]/.test(state) ? Buffer.from(state, 'latin1') : state;
  if (!Buffer.isBuffer(bytes) || bytes.length !== size) fail(`${name} state must be ${size} bytes`);
  return bytes;
}

function tzinfoOf(name: string, tzinfo: unknown): PyTimezone | null {
  if (tzinfo === undefined || tzinfo === null) return null;
  if (tzinfo instanceof PyTimezone) return tzinfo;
  return fail(`${name} tzinfo must be a datetime.timezone (fixed offset); register other tzinfo classes in \`globals\` as PyTimezone`);
}

/** True when a datetime type is called with its packed state rather than with field values. */
const isState = (first: unknown): boolean => Buffer.isBuffer(first) || typeof first === 'string';

function ints(name: string, values: unknown[]): number[] {
  if (!values.every(isInt)) fail(`${name} fields must be integers`);
  return values;
}

const KNOWN = new Map<string, (args: unknown[]) => unknown>([
  [
    'builtins.set',
    (args) => {
      arity('set', args, 0, 1);
      return new Set(args.length === 0 ? [] : itemsOf('set', args[0]));
    },
  ],
  [
    'builtins.frozenset',
    (args) => {
      arity('frozenset', args, 0, 1);
      return new Set(args.length === 0 ? [] : itemsOf('frozenset', args[0]));
    },
  ],
  [
    // dogpile.cache's namedtuple around every value a region stores.
    'dogpile.cache.api.CachedValue',
    (args) => {
      arity('CachedValue', args, 2, 2);
      const [payload, metadata] = args;
      if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata) || metadata instanceof Map)
        fail('CachedValue metadata must be a dict with str keys');
      return new CachedValue(payload, metadata as Record<string, unknown>);
    },
  ],
  [
    'builtins.tuple',
    (args) => {
      arity('tuple', args, 0, 1);
      return args.length === 0 ? [] : [...itemsOf('tuple', args[0])];
    },
  ],
  ['builtins.bytes', (args) => bytesFrom('bytes', args)],
  ['builtins.bytearray', (args) => bytesFrom('bytearray', args)],
  [
    // Only as the base class argument of copyreg._reconstructor.
    'builtins.object',
    (args) => {
      arity('object', args, 0, 0);
      return {};
    },
  ],
  [
    // How Python 3 writes bytes at protocols 0-2: codecs.encode(latin1_text, 'latin1').
    '_codecs.encode',
    (args) => {
      arity('_codecs.encode', args, 1, 3);
      const [text, encoding = 'utf-8', errors = 'strict'] = args;
      if (typeof text !== 'string' || typeof encoding !== 'string' || errors !== 'strict') fail('_codecs.encode takes a str, an encoding and "strict"');
      return encoded(text, encoding);
    },
  ],
  [
    // Protocols 0-1 rebuild plain objects with copyreg._reconstructor(cls, base, state).
    'copyreg._reconstructor',
    (args) => {
      arity('copyreg._reconstructor', args, 3, 3);
      const [cls, base, state] = args;
      if (!(cls instanceof PickleGlobal) || !(base instanceof PickleGlobal)) return fail('copyreg._reconstructor needs two classes');
      if (base.name === 'builtins.object') return cls.call([]);
      // A tuple subclass (a namedtuple such as dogpile's CachedValue): its fields are the items of the state.
      if (base.name === 'builtins.tuple' && cls.name !== 'builtins.tuple') return cls.call(itemsOf('tuple', state));
      return cls.call([state]);
    },
  ],
  [
    'datetime.datetime',
    (args) => {
      arity('datetime', args, 1, 9);
      if (isState(args[0])) {
        arity('datetime', args, 1, 2);
        return unpackDateTime(stateBytes('datetime', args[0], DATETIME_STATE_SIZE), tzinfoOf('datetime', args[1]));
      }
      const [year, month, day, hour, minute, second, us] = ints('datetime', args.slice(0, 7));
      return new PyDateTime(year!, month!, day!, hour, minute, second, us, tzinfoOf('datetime', args[7]));
    },
  ],
  [
    'datetime.date',
    (args) => {
      if (isState(args[0])) {
        arity('date', args, 1, 1);
        return unpackDate(stateBytes('date', args[0], DATE_STATE_SIZE));
      }
      arity('date', args, 3, 3);
      const [year, month, day] = ints('date', args);
      return new PyDate(year!, month!, day!);
    },
  ],
  [
    'datetime.time',
    (args) => {
      arity('time', args, 0, 6);
      if (isState(args[0])) {
        arity('time', args, 1, 2);
        return unpackTime(stateBytes('time', args[0], TIME_STATE_SIZE), tzinfoOf('time', args[1]));
      }
      const [hour, minute, second, us] = ints('time', args.slice(0, 4));
      return new PyTime(hour, minute, second, us, tzinfoOf('time', args[4]));
    },
  ],
  [
    'datetime.timedelta',
    (args) => {
      arity('timedelta', args, 0, 3);
      const [days, seconds, us] = ints('timedelta', args);
      return new PyTimedelta(days, seconds, us);
    },
  ],
  [
    'datetime.timezone',
    (args) => {
      arity('timezone', args, 1, 2);
      const [offset, name = null] = args;
      if (!(offset instanceof PyTimedelta) || (name !== null && typeof name !== 'string')) fail('timezone takes a timedelta and an optional str');
      return name === null && offset.totalMicroseconds() === 0n ? PyTimezone.utc : new PyTimezone(offset, name);
    },
  ],
  [
    'decimal.Decimal',
    (args) => {
      arity('Decimal', args, 0, 1);
      const [value = '0'] = args;
      if (typeof value === 'string') return new PyDecimal(value.trim());
      if (isInt(value) || typeof value === 'bigint') return new PyDecimal(String(value));
      return fail('Decimal takes a str or an int');
    },
  ],
  [
    // Protocol 2+ pickles an OrderedDict empty and fills it with SETITEMS; Python 2 passed [[key, value], ...].
    'collections.OrderedDict',
    (args) => {
      arity('OrderedDict', args, 0, 1);
      const pairs = args.length === 0 ? [] : itemsOf('OrderedDict', args[0]);
      return new Map(
        pairs.map((pair) => {
          if (!Array.isArray(pair) || pair.length !== 2) fail('OrderedDict items must be pairs');
          return [pair[0], pair[1]];
        }),
      );
    },
  ],
]);
