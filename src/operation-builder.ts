/**
 * Turns a client's calls into operations: checks every argument, encodes the
 * key (prefix, validation) and the value (the codec, `maxValueSize`), and sets
 * the pool the key's operations run on. Every check throws an
 * InvalidArgumentError before any I/O.
 */
import {
  checkBoolean,
  checkExpiry,
  checkFlags,
  checkUint64,
  type COUNTER_OPTIONS,
  type NO_REPLY_OPTIONS,
  type OptionsRead,
  type STORE_OPTIONS,
} from './arguments.js';
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

/** A store call's options, checked once for all of its keys. */
export interface StoreSettings {
  expiry: number;
  /** Given by the caller; otherwise the codec's flags for each value. */
  flags: number | undefined;
  modifiers: number;
}

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

  /** The checked options of a store call (`set`, `setMany`, `append`, ...). */
  storeSettings(read: OptionsRead<typeof STORE_OPTIONS>): StoreSettings {
    return {
      expiry: checkExpiry(read.ttl, read.expiresAt),
      flags: read.flags === undefined ? undefined : checkFlags(read.flags),
      modifiers: this.noReplyModifiers(read),
    };
  }

  store(command: StoreCommand, key: Key, value: V, settings: StoreSettings, sink: Sink, slot: number, casToken?: bigint): Operation {
    const wire = this.keys.encode(key);
    const encoded = this.codec.encode(value);
    const data = encoded.data;
    const bytes = typeof data === 'string' ? Buffer.byteLength(data, 'utf8') : data.length;
    if (bytes > this.settings.maxValueSize) {
      throw new InvalidArgumentError('ERR_VALUE_TOO_LARGE', `The value is ${bytes} bytes encoded; the limit (maxValueSize) is ${this.settings.maxValueSize}`);
    }
    const opcode = command === 'cas' ? Opcode.CAS : STORE_OPCODES[command];
    const flags = settings.flags ?? checkFlags(encoded.flags);
    const operation = Operation.store(opcode, wire, sink, slot, data, bytes, flags, settings.expiry, settings.modifiers, casToken);
    return this.routed(operation, wire, key);
  }

  /** The modifiers of a call whose only option is `noreply`. */
  noReplyModifiers(read: OptionsRead<typeof NO_REPLY_OPTIONS>): number {
    return checkBoolean(read.noreply, 'noreply') ? Modifier.NO_REPLY : 0;
  }

  /** delete, or touch with its (checked) ttl. */
  keyOnly(opcode: number, key: Key, ttl: number, modifiers: number, sink: Sink, slot: number): Operation {
    const wire = this.keys.encode(key);
    return this.routed(Operation.keyOnly(opcode, wire, sink, slot, ttl, modifiers), wire, key);
  }

  /** incr or decr. */
  counter(opcode: number, key: Key, delta: unknown, read: OptionsRead<typeof COUNTER_OPTIONS>, sink: Sink): Operation {
    const wire = this.keys.encode(key);
    const amount = checkUint64(delta, 'delta');
    const { initial, ttl, expiresAt } = read;
    let modifiers = this.noReplyModifiers(read);
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
