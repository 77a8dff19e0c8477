/**
 * How the decoder builds Python containers as JavaScript values, with the two
 * rules that keep its output safe to walk:
 *
 * - Depth: every container records how deeply it nests; deeper than `maxDepth`
 *   is refused.
 * - Placement: a container may not change once it has been placed inside
 *   another one. Python's pickler only does that to build a value that contains
 *   itself, so this refuses cycles, and it keeps the recorded depths exact.
 *
 * On the decoder's stack and in its memo a container is a {@link Node} that
 * holds its JavaScript value; placing it (or returning it) hands out the value.
 * A dict's value is only made then, once it is complete: a plain object when
 * every key is a string, a Map otherwise.
 */
import { PyDate, PyDateTime, PyTime, PyTimedelta, PyTimezone } from './datetime.js';
import { PyDecimal } from './decimal.js';
import { UnpicklingError } from './errors.js';
import { FactoryError, PickleGlobal } from './pickle-globals.js';

abstract class Node {
  depth = 1;
  placed = false;
  /** The JavaScript value it stands for. */
  abstract readonly value: unknown;
}

class ListNode extends Node {
  constructor(readonly value: unknown[] = []) {
    super();
  }
}

class TupleNode extends Node {
  readonly value: unknown[] = [];
  /** Holds a class or function: usable only as call arguments, never as a value. */
  holdsGlobal = false;
}

class SetNode extends Node {
  constructor(readonly value: Set<unknown> = new Set()) {
    super();
  }
}

class DictNode extends Node {
  /** Keys and values, alternating, as SETITEMs came (a repeated key: the last value wins). */
  readonly flat: unknown[] = [];
  allStrings = true;
  private final: Record<string, unknown> | Map<unknown, unknown> | undefined;

  /** Made on first use; from then on the dict is sealed, as SETITEMs could not reach the value. */
  get value(): Record<string, unknown> | Map<unknown, unknown> {
    if (this.final !== undefined) return this.final;
    this.placed = true;
    const { flat } = this;
    if (!this.allStrings) {
      const map = new Map<unknown, unknown>();
      for (let i = 0; i < flat.length; i += 2) map.set(flat[i], flat[i + 1]);
      return (this.final = map);
    }
    const object: Record<string, unknown> = {};
    for (let i = 0; i < flat.length; i += 2) {
      const key = flat[i] as string;
      // Assigning a name Object.prototype has would hit its `__proto__` setter (or a frozen
      // method); defining every key would be four times slower.
      if (key in Object.prototype) defineData(object, key, flat[i + 1]);
      else object[key] = flat[i + 1];
    }
    return (this.final = object);
  }
}

/** A Map a global returned (OrderedDict): SETITEMs fill it in place. */
class MapNode extends Node {
  constructor(readonly value: Map<unknown, unknown>) {
    super();
  }
}

/** Any other object a global returned: BUILD may set its state. */
class InstanceNode extends Node {
  constructor(readonly value: object) {
    super();
  }
}

/** What globals return that opcodes never fill and that nest nothing. */
const LEAF_CLASSES = [PyDate, PyDateTime, PyTime, PyTimedelta, PyTimezone, PyDecimal, PickleGlobal, Uint8Array];

function fail(message: string): never {
  throw new UnpicklingError(message);
}

export class Containers {
  constructor(private readonly maxDepth: number) {}

  list(items: unknown[] = []): unknown {
    const list = new ListNode();
    for (const item of items) list.value.push(this.place(item, list));
    return list;
  }

  tuple(items: unknown[]): unknown {
    const tuple = new TupleNode();
    for (const item of items) tuple.value.push(this.place(item, tuple));
    return tuple;
  }

  /** A dict, from alternating keys and values (`DICT`) or empty. */
  dict(flat: unknown[] = []): unknown {
    const dict = new DictNode();
    this.setItems(dict, flat);
    return dict;
  }

  set(items: unknown[] = []): unknown {
    const set = new SetNode();
    for (const item of items) set.value.add(this.place(item, set));
    return set;
  }

  /** APPEND, APPENDS. */
  append(target: unknown, items: unknown[]): void {
    const list = this.changeable(target, ListNode, 'APPEND', 'a list');
    for (const item of items) list.value.push(this.place(item, list));
  }

  /** ADDITEMS. */
  addItems(target: unknown, items: unknown[]): void {
    const set = this.changeable(target, SetNode, 'ADDITEMS', 'a set');
    for (const item of items) set.value.add(this.place(item, set));
  }

  /** SETITEM, SETITEMS: `flat` alternates keys and values. */
  setItems(target: unknown, flat: unknown[]): void {
    if (flat.length % 2 !== 0) fail('SETITEMS needs pairs of keys and values');
    if (target instanceof MapNode) {
      this.changeable(target, MapNode, 'SETITEM', 'a dict');
      for (let i = 0; i < flat.length; i += 2) target.value.set(this.place(flat[i], target), this.place(flat[i + 1], target));
      return;
    }
    const dict = this.changeable(target, DictNode, 'SETITEM', 'a dict');
    for (let i = 0; i < flat.length; i += 2) {
      const key = this.place(flat[i], dict);
      dict.flat.push(key, this.place(flat[i + 1], dict));
      if (typeof key !== 'string') dict.allStrings = false;
    }
  }

  /**
   * BUILD: Python sets the pickled instance state (a dict, or a pair of dicts for
   * `__dict__` and `__slots__`) on an object. Empty state is a no-op on anything;
   * real state needs an object built by a global: its `__setstate__(state)` when
   * it has one, else the entries become its properties.
   */
  build(target: unknown, state: unknown): void {
    const setState = target instanceof InstanceNode ? (target.value as Record<string, unknown>)['__setstate__'] : undefined;
    if (typeof setState === 'function') {
      const finalState = this.place(state, this.changeable(target, InstanceNode, 'BUILD', 'an object built by a global'));
      try {
        setState.call((target as InstanceNode).value, finalState);
      } catch (error) {
        throw new FactoryError(error);
      }
      return;
    }
    const pair = state instanceof TupleNode && state.value.length === 2;
    if ((pair ? state.value : [state]).every(isEmptyState)) return;
    const instance = this.changeable(target, InstanceNode, 'BUILD', 'an object built by a global');
    const finalState = this.place(state, instance);
    for (const part of pair ? (finalState as unknown[]) : [finalState]) {
      if (part === null) continue;
      if (!isPlainObject(part)) return fail('BUILD state must be a dict with str keys');
      for (const [key, value] of Object.entries(part)) defineData(instance.value as Record<string, unknown>, key, value);
    }
  }

  /** The items of a call's argument tuple. */
  argsOf(args: unknown): unknown[] {
    if (!(args instanceof TupleNode)) return fail('Call arguments must be a tuple');
    return args.value;
  }

  /** The keyword arguments of NEWOBJ_EX. */
  kwargsOf(kwargs: unknown): Record<string, unknown> {
    if (!(kwargs instanceof DictNode) || !kwargs.allStrings) return fail('NEWOBJ_EX keyword arguments must be a dict with str keys');
    return kwargs.value as Record<string, unknown>;
  }

  /** Wraps what a global returned so opcodes can fill it; it nests as deep as its argument tuple's items. */
  adopt(value: unknown, args: unknown): unknown {
    if (typeof value !== 'object' || value === null || LEAF_CLASSES.some((leaf) => value instanceof leaf)) return value;
    const node = Array.isArray(value)
      ? new ListNode(value)
      : value instanceof Map
        ? new MapNode(value)
        : value instanceof Set
          ? new SetNode(value)
          : new InstanceNode(value);
    node.depth = Math.max(1, (args as TupleNode).depth - 1);
    return node;
  }

  /** The value as the caller sees it: a dict completed, a bare class or function refused. */
  result(value: unknown): unknown {
    if (value instanceof PickleGlobal || (value instanceof TupleNode && value.holdsGlobal)) fail('A pickled class or function is not a value');
    return value instanceof Node ? value.value : value;
  }

  private changeable<T extends Node>(target: unknown, type: abstract new (...args: never[]) => T, opcode: string, needs: string): T {
    if (!(target instanceof type)) return fail(`${opcode} needs ${needs}`);
    if (target.placed) fail(`${opcode} on a container already placed in another: values that contain themselves are not supported`);
    return target;
  }

  /** Puts `child` inside `parent`: seals it, deepens the parent, and hands out its value. */
  private place(child: unknown, parent: Node): unknown {
    if (typeof child !== 'object' || child === null) return child;
    if (child instanceof PickleGlobal) {
      if (!(parent instanceof TupleNode)) fail('A pickled class or function is not a value');
      parent.holdsGlobal = true;
      return child;
    }
    if (!(child instanceof Node)) return child;
    if (child === parent) fail('A container that contains itself is not supported');
    child.placed = true;
    if (child.depth >= parent.depth) {
      parent.depth = child.depth + 1;
      if (parent.depth > this.maxDepth) fail(`Values nested deeper than ${this.maxDepth} levels are not decoded`);
    }
    return this.result(child);
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

/** BUILD state that sets nothing: None or an empty dict. */
function isEmptyState(part: unknown): boolean {
  if (part instanceof DictNode) return part.flat.length === 0;
  return part === null || (isPlainObject(part) && Object.keys(part).length === 0);
}

/** An own data property, even for `__proto__`, which plain assignment would treat as the prototype. */
function defineData(object: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
}
