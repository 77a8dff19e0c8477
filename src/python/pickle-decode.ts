/**
 * Decodes Python pickles (protocols 0 to 5) into JavaScript values, without
 * running anything a pickle names. The stack machine is iterative: input size
 * bounds its work and memory, and nesting is capped (see pickle-containers.ts).
 *
 * | Python                     | JavaScript                                               |
 * |----------------------------|----------------------------------------------------------|
 * | None, bool                 | null, boolean                                            |
 * | int                        | number when `Number.isSafeInteger`, else bigint          |
 * | float                      | number (NaN, ±Infinity and -0 included)                  |
 * | str                        | string (lone surrogates kept)                            |
 * | bytes, bytearray           | Buffer (a copy, never a view of the input)               |
 * | Python 2 str (S, T, U)     | string, one character per byte (Latin-1)                 |
 * | list, tuple                | array (a tuple is a plain array too)                     |
 * | dict, every key a str      | plain object (a `__proto__` key is an own data property) |
 * | dict with another key      | Map                                                      |
 * | collections.OrderedDict    | Map, in order                                            |
 * | set, frozenset             | Set                                                      |
 * | datetime.datetime/date/time/timedelta/timezone | PyDateTime, PyDate, PyTime, PyTimedelta, PyTimezone |
 * | decimal.Decimal            | PyDecimal (its text as Python's `str()` writes it)       |
 *
 * Any other class or function is refused (`ERR_UNPICKLE_GLOBAL`) unless the
 * caller supplies a factory for it in `globals`. Malformed data, out-of-band
 * buffers, persistent IDs, extension codes and values that contain themselves
 * are refused with `ERR_UNPICKLE`.
 */
import { InvalidArgumentError } from '../errors.js';
import { UnpicklingError } from './errors.js';
import { parseDecimalInteger, type PyInt, readSignedLE } from './integers.js';
import { MAX_DEPTH } from './limits.js';
import { Containers } from './pickle-containers.js';
import { FactoryError, type GlobalFactory, PickleGlobal, resolveGlobal } from './pickle-globals.js';
import { HIGHEST_PROTOCOL, OP, opcodeName } from './pickle-opcodes.js';
import { PickleReader } from './pickle-reader.js';
import { decodeQuotedString, decodeRawUnicodeEscape, parseFloatLiteral } from './pickle-text.js';
import { decodeUtf8 } from './utf8.js';

export interface UnpickleOptions {
  /**
   * Factories for Python classes and functions the decoder does not know, keyed
   * by `module.name` as Python 3 names them (e.g. `'myapp.models.Point'`). They
   * may also replace a known one (e.g. `'datetime.datetime'`). Errors they throw
   * propagate unchanged.
   */
  globals?: Readonly<Record<string, GlobalFactory>>;
  /** Deepest nesting of containers accepted. @default 1000 */
  maxDepth?: number;
}

/** Decodes one pickle. Throws {@link UnpicklingError} for anything it cannot or will not decode. */
export function unpickle(data: Buffer, options: UnpickleOptions = {}): unknown {
  const { maxDepth } = options;
  if (maxDepth !== undefined && !(Number.isSafeInteger(maxDepth) && maxDepth >= 1)) {
    throw new InvalidArgumentError('ERR_INVALID_ARGUMENT', `Expected maxDepth to be a positive integer, got ${String(maxDepth)}`);
  }
  return new Unpickler(data, options).load();
}

function fail(message: string): never {
  throw new UnpicklingError(message);
}

class Unpickler {
  private readonly reader: PickleReader;
  private readonly containers: Containers;
  private readonly stack: unknown[] = [];
  /** Stack heights at each open MARK. */
  private readonly marks: number[] = [];
  private readonly memo = new Map<number, unknown>();

  constructor(
    data: Buffer,
    private readonly options: UnpickleOptions,
  ) {
    this.reader = new PickleReader(data);
    this.containers = new Containers(options.maxDepth ?? MAX_DEPTH);
  }

  load(): unknown {
    let at = 0;
    let code = -1;
    try {
      for (;;) {
        at = this.reader.position;
        code = -1;
        code = this.reader.byte();
        if (code === OP.STOP) return this.containers.result(this.pop());
        this.step(code);
      }
    } catch (error) {
      if (error instanceof FactoryError) throw error.cause;
      const where = code === -1 ? `at byte ${at}` : `at ${opcodeName(code)}, byte ${at}`;
      if (error instanceof UnpicklingError) throw new UnpicklingError(`${error.message} (${where})`, error.global);
      // Anything else (a string too long for V8, say) is still a pickle this decoder cannot return.
      const reason = error instanceof Error ? error.message : String(error);
      throw new UnpicklingError(`${reason} (${where})`);
    }
  }

  private step(code: number): void {
    const reader = this.reader;
    const containers = this.containers;
    switch (code) {
      case OP.PROTO: {
        const protocol = reader.byte();
        if (protocol > HIGHEST_PROTOCOL) fail(`Unsupported pickle protocol ${protocol}`);
        return;
      }
      case OP.FRAME:
        // Frames only help streaming readers: the whole pickle is already in memory.
        reader.require(reader.length64());
        return;
      case OP.MARK:
        this.marks.push(this.stack.length);
        return;
      case OP.POP:
        if (this.stack.length > this.floor()) this.stack.pop();
        else this.popMark();
        return;
      case OP.POP_MARK:
        this.popMark();
        return;
      case OP.DUP:
        return this.push(this.top());

      case OP.NONE:
        return this.push(null);
      case OP.NEWTRUE:
        return this.push(true);
      case OP.NEWFALSE:
        return this.push(false);
      case OP.INT:
        return this.push(this.intLine());
      case OP.BININT:
        return this.push(reader.int32());
      case OP.BININT1:
        return this.push(reader.byte());
      case OP.BININT2:
        return this.push(reader.uint16());
      case OP.LONG:
        return this.push(this.decimal(reader.line().toString('latin1').replace(/L$/, ''), 'LONG'));
      case OP.LONG1:
        return this.push(readSignedLE(reader.bytes(reader.byte())));
      case OP.LONG4:
        return this.push(readSignedLE(reader.bytes(this.signedLength())));
      case OP.FLOAT: {
        const value = parseFloatLiteral(reader.line().toString('latin1'));
        return this.push(value ?? fail('FLOAT argument is not a float literal'));
      }
      case OP.BINFLOAT:
        return this.push(reader.float64());

      case OP.STRING:
        return this.push(decodeQuotedString(reader.line()));
      case OP.BINSTRING:
        return this.push(reader.bytes(this.signedLength()).toString('latin1'));
      case OP.SHORT_BINSTRING:
        return this.push(reader.bytes(reader.byte()).toString('latin1'));
      case OP.UNICODE:
        return this.push(decodeRawUnicodeEscape(reader.line()));
      case OP.SHORT_BINUNICODE:
        return this.push(this.utf8(reader.bytes(reader.byte())));
      case OP.BINUNICODE:
        return this.push(this.utf8(reader.bytes(reader.uint32())));
      case OP.BINUNICODE8:
        return this.push(this.utf8(reader.bytes(reader.length64())));
      case OP.SHORT_BINBYTES:
        return this.push(Buffer.from(reader.bytes(reader.byte())));
      case OP.BINBYTES:
        return this.push(Buffer.from(reader.bytes(reader.uint32())));
      case OP.BINBYTES8:
      case OP.BYTEARRAY8:
        return this.push(Buffer.from(reader.bytes(reader.length64())));
      case OP.NEXT_BUFFER:
      case OP.READONLY_BUFFER:
        return fail('Out-of-band buffers (pickle protocol 5) cannot be stored in memcached');

      case OP.EMPTY_LIST:
        return this.push(containers.list());
      case OP.LIST:
        return this.push(containers.list(this.popMark()));
      case OP.APPEND: {
        const item = this.pop();
        return containers.append(this.top(), [item]);
      }
      case OP.APPENDS: {
        const items = this.popMark();
        return containers.append(this.top(), items);
      }
      case OP.EMPTY_TUPLE:
        return this.push(containers.tuple([]));
      case OP.TUPLE:
        return this.push(containers.tuple(this.popMark()));
      case OP.TUPLE1:
      case OP.TUPLE2:
      case OP.TUPLE3:
        return this.push(containers.tuple(this.popMany(code - OP.TUPLE1 + 1)));
      case OP.EMPTY_DICT:
        return this.push(containers.dict());
      case OP.DICT:
        return this.push(containers.dict(this.popMark()));
      case OP.SETITEM: {
        const pair = this.popMany(2);
        return containers.setItems(this.top(), pair);
      }
      case OP.SETITEMS: {
        const flat = this.popMark();
        return containers.setItems(this.top(), flat);
      }
      case OP.EMPTY_SET:
        return this.push(containers.set());
      case OP.FROZENSET:
        return this.push(containers.set(this.popMark()));
      case OP.ADDITEMS: {
        const items = this.popMark();
        return containers.addItems(this.top(), items);
      }

      case OP.GLOBAL: {
        const module = this.utf8(reader.line());
        return this.push(this.resolve(module, this.utf8(reader.line())));
      }
      case OP.STACK_GLOBAL: {
        const [module, name] = this.popMany(2);
        if (typeof module !== 'string' || typeof name !== 'string') fail('STACK_GLOBAL needs two strings');
        return this.push(this.resolve(module, name));
      }
      case OP.REDUCE:
      case OP.NEWOBJ: {
        const [callable, args] = this.popMany(2);
        return this.push(this.call(callable, args));
      }
      case OP.NEWOBJ_EX: {
        const [cls, args, kwargs] = this.popMany(3);
        return this.push(this.call(cls, args, containers.kwargsOf(kwargs)));
      }
      case OP.INST: {
        const module = this.utf8(reader.line());
        const cls = this.resolve(module, this.utf8(reader.line()));
        return this.push(this.call(cls, containers.tuple(this.popMark())));
      }
      case OP.OBJ: {
        const [cls, ...args] = this.popMark();
        return this.push(this.call(cls, containers.tuple(args)));
      }
      case OP.BUILD: {
        const state = this.pop();
        return containers.build(this.top(), state);
      }

      case OP.PUT:
        return this.memoize(this.memoIndex());
      case OP.BINPUT:
        return this.memoize(reader.byte());
      case OP.LONG_BINPUT:
        return this.memoize(reader.uint32());
      case OP.MEMOIZE:
        return this.memoize(this.memo.size);
      case OP.GET:
        return this.recall(this.memoIndex());
      case OP.BINGET:
        return this.recall(reader.byte());
      case OP.LONG_BINGET:
        return this.recall(reader.uint32());

      case OP.PERSID:
      case OP.BINPERSID:
        return fail('Persistent IDs are not supported');
      case OP.EXT1:
      case OP.EXT2:
      case OP.EXT4:
        return fail('Extension codes (copyreg extension registry) are not supported');
      default:
        return fail('Unknown opcode');
    }
  }

  private push(value: unknown): void {
    this.stack.push(value);
  }

  /** The bottom of the current MARK segment: opcodes cannot pop below it. */
  private floor(): number {
    return this.marks.length === 0 ? 0 : this.marks[this.marks.length - 1]!;
  }

  private top(): unknown {
    if (this.stack.length <= this.floor()) fail('Stack underflow');
    return this.stack[this.stack.length - 1];
  }

  private pop(): unknown {
    if (this.stack.length <= this.floor()) fail('Stack underflow');
    return this.stack.pop();
  }

  private popMany(count: number): unknown[] {
    if (this.stack.length - count < this.floor()) fail('Stack underflow');
    return this.stack.splice(this.stack.length - count, count);
  }

  /** The items pushed since the last MARK, which is removed. */
  private popMark(): unknown[] {
    const mark = this.marks.pop();
    if (mark === undefined) return fail('MARK missing');
    return this.stack.splice(mark);
  }

  private memoize(index: number): void {
    this.memo.set(index, this.top());
  }

  private recall(index: number): void {
    if (!this.memo.has(index)) fail(`Memo entry ${index} missing`);
    this.push(this.memo.get(index));
  }

  /** The decimal line argument of PUT and GET. */
  private memoIndex(): number {
    const index = parseDecimalInteger(this.reader.line().toString('latin1'));
    if (typeof index !== 'number' || index < 0) return fail('Memo index must be a non-negative integer');
    return index;
  }

  /**
   * INT: a decimal of any size, except that a 2-character 0 or 1 is a bool:
   * protocol 0 writes True and False as `I01` and `I00` (CPython also reads
   * `I+1`, `I 1`, `I-0` that way).
   */
  private intLine(): PyInt | boolean {
    const text = this.reader.line().toString('latin1');
    if (/^(?:[ \t\v\f\r+0][01]|-0)$/.test(text)) return text[1] === '1';
    return this.decimal(text, 'INT');
  }

  /** CPython reads INT and LONG digits after a leading 0 as octal (or refuses them): refused here, never misread. */
  private decimal(text: string, opcode: string): PyInt {
    const value = /^[ \t\v\f\r]*[+-]?0+[1-9]/.test(text) ? undefined : parseDecimalInteger(text);
    return value ?? fail(`${opcode} argument is not a decimal integer`);
  }

  private signedLength(): number {
    const size = this.reader.int32();
    if (size < 0) fail('Negative byte count');
    return size;
  }

  private utf8(bytes: Buffer): string {
    return decodeUtf8(bytes) ?? fail('Invalid UTF-8');
  }

  private resolve(module: string, name: string): PickleGlobal {
    return resolveGlobal(module, name, this.options.globals);
  }

  private call(callable: unknown, args: unknown, kwargs?: Record<string, unknown>): unknown {
    if (!(callable instanceof PickleGlobal)) fail('Only a class or function can be called');
    const items = this.containers.argsOf(args);
    const hasKwargs = kwargs !== undefined && Object.keys(kwargs).length > 0;
    if (hasKwargs && !callable.userDefined) fail(`${callable.name} takes no keyword arguments`);
    const result = hasKwargs ? callable.call([...items], kwargs) : callable.call([...items]);
    return this.containers.adopt(result, args);
  }
}
