/**
 * Turns a client's calls into operations: checks every argument, encodes the
 * key (prefix, validation) and the value (the codec, `maxValueSize`), and sets
 * the pool the key's operations run on. Every check throws an
 * InvalidArgumentError before any I/O.
 */
import { checkBoolean, checkExpiry, checkFlags, checkUint64, COUNTER_OPTIONS, NO_REPLY_OPTIONS, readOptions, STORE_OPTIONS } from './arguments.js';
import type { Codec } from './codec.js';
import { Modifier, Opcode } from './engine/opcodes-statuses.js';
import { Operation, type Sink } from './engine/operation.js';
import { InvalidArgumentError } from './errors.js';
import type { Key, KeyEncoder, WireKey } from './keys.js';

const STORE_OPCODES = {
  set: Opcode.SET,
  add: Opcode.ADD,
  replace: Opcode.REPLACE,
  append: Opcode.APPEND,
  prepend: Opcode.PREPEND,
} as const;

export type StoreCommand = keyof typeof STORE_OPCODES | 'cas';

/** Where the operations on a key run. */
export interface PoolRouter {
  poolFor(wire: WireKey, key: Key): number;
}

export interface BuildSettings {
  maxValueSize: number;
  /** Reads resolve a fault as a miss. */
  faultsAsMisses: boolean;
}

export class OperationBuilder<V> {
  constructor(
    private readonly keys: KeyEncoder,
    private readonly codec: Codec<V>,
    private readonly settings: BuildSettings,
    private readonly router: PoolRouter,
  ) {}

  /** get or gets. */
  read(opcode: number, key: Key, sink: Sink, slot: number): Operation {
    const wire = this.keys.encode(key);
    const operation = Operation.read(opcode, wire, sink, slot, this.settings.faultsAsMisses);
    return this.routed(operation, wire, key);
  }

  /** `call` names the method, for messages: `'set'`, `'setMany'`, ... */
  store(command: StoreCommand, key: Key, value: V, options: unknown, sink: Sink, slot: number, casToken?: bigint, call: string = command): Operation {
    const wire = this.keys.encode(key);
    const allowed = command === 'append' || command === 'prepend' ? NO_REPLY_OPTIONS : STORE_OPTIONS;
    const { ttl, expiresAt, flags, noreply } = readOptions(options, allowed as typeof STORE_OPTIONS, call);
    const encoded = this.codec.encode(value);
    const data = encoded.data;
    const bytes = typeof data === 'string' ? Buffer.byteLength(data, 'utf8') : data.length;
    if (bytes > this.settings.maxValueSize) {
      throw new InvalidArgumentError('ERR_VALUE_TOO_LARGE', `The value is ${bytes} bytes encoded; the limit (maxValueSize) is ${this.settings.maxValueSize}`);
    }
    const opcode = command === 'cas' ? Opcode.CAS : STORE_OPCODES[command];
    const operation = Operation.store(
      opcode,
      wire,
      sink,
      slot,
      data,
      bytes,
      flags === undefined ? checkFlags(encoded.flags) : checkFlags(flags),
      checkExpiry(ttl, expiresAt),
      checkBoolean(noreply, 'noreply') ? Modifier.NO_REPLY : 0,
      casToken,
    );
    return this.routed(operation, wire, key);
  }

  /** delete, or touch with its (checked) ttl. */
  keyOnly(opcode: number, key: Key, ttl: number, options: unknown, sink: Sink, slot: number, call: string): Operation {
    const wire = this.keys.encode(key);
    const { noreply } = readOptions(options, NO_REPLY_OPTIONS, call);
    const modifiers = checkBoolean(noreply, 'noreply') ? Modifier.NO_REPLY : 0;
    return this.routed(Operation.keyOnly(opcode, wire, sink, slot, ttl, modifiers), wire, key);
  }

  /** incr or decr. */
  counter(opcode: number, key: Key, delta: unknown, options: unknown, sink: Sink): Operation {
    const wire = this.keys.encode(key);
    const amount = checkUint64(delta, 'delta');
    const { initial, ttl, expiresAt, noreply } = readOptions(options, COUNTER_OPTIONS, opcode === Opcode.INCR ? 'incr' : 'decr');
    let modifiers = checkBoolean(noreply, 'noreply') ? Modifier.NO_REPLY : 0;
    let start: bigint | undefined;
    if (initial !== undefined) {
      if (modifiers !== 0) {
        throw new InvalidArgumentError('ERR_INVALID_ARGUMENT', 'initial needs an answer from the server: it cannot be combined with noreply');
      }
      start = checkUint64(initial, 'initial');
      modifiers |= Modifier.HAS_INITIAL;
    }
    const flags = this.codec.counterFlags ?? 0;
    const operation = Operation.counter(opcode, wire, sink, 0, flags, checkExpiry(ttl, expiresAt), modifiers, amount, start);
    return this.routed(operation, wire, key);
  }

  /** Sets the pool of an operation on `key` and hands the operation back. */
  private routed(operation: Operation, wire: WireKey, key: Key): Operation {
    operation.pool = this.router.poolFor(wire, key);
    return operation;
  }
}
