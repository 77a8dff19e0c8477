/**
 * A sequential model of memcached. Random mixes of every data command on a few
 * keys are issued in bursts of 1-200 calls, within one tick and across ticks
 * (later groups of a burst are issued while earlier ones are still in flight),
 * and each key's results must be those of applying its operations one at a
 * time, in the order the calls were made, to a plain in-memory model of
 * memcached. After each burst every key is read back and compared with the
 * model's state. It runs under both protocols (the option is passed here: the
 * vitest project does not choose it), on one server and on three, with one and
 * two connections per server.
 *
 * Noreply variants, failing ones included (an add of a present key, a touch,
 * incr, replace or prepend of a missing one), share bursts with ordinary calls:
 * none may reject or disturb another call's answer. A key is sometimes given
 * as a Buffer of the same bytes as its string: the same item either way.
 *
 * The model is memcached 1.6's, checked against the server:
 * - incr/decr parse the value as strtoull does (leading blanks and digits, then a
 *   blank or the end; empty values and values past 2^64 - 1 are not numbers;
 *   a counter of 2^63 or more may also read as not a number, a bug of
 *   memcached before 1.6.22),
 *   incr wraps at 2^64, decr stops at 0, and a missing key is created from
 *   `initial` (flags 0, so the text codec reads it back as a Buffer) with the
 *   delta not applied. A result shorter than the stored value is written in
 *   place padded with spaces ('100' decr 1 reads back '99 ') unless another
 *   reference to the item is held at that moment, when a new item holds the
 *   bare digits: the model allows both and the reads that follow tell which.
 * - Every successful write gives the item a new CAS token; touch keeps it. A cas
 *   succeeds iff the item is there and unchanged since the gets that returned
 *   the token.
 * - append/prepend keep the item's flags.
 *
 * The plan (every call and its arguments) follows from the seed alone; only the
 * client's answers can differ between runs. To replay a failure:
 *   MODEL_SEED=<the seed the message names> npx vitest run --project ascii \
 *     test/integration/38-sequential-model.test.ts -t '<the combination, e.g. binary, 1 server, maxConnections 2>'
 * MODEL_BURSTS sets the bursts per combination, MODEL_TRACE=1 prints every call
 * of a failing burst with its answers (MODEL_TRACE=all: of every burst), and
 * MODEL_BUFFER_KEYS=0 / MODEL_NOREPLY=0 leave Buffer keys / noreply out of the
 * same plan, to tell which of them a failure needs.
 */
import { describe, expect, it } from 'vitest';

import { BatchError, Client, type Key, MemcachedError, textCodec } from '../../src/index.js';
import { sharedServers, track, uniquePrefix } from '../support/clients.js';
import { seededRandom } from '../support/random.mjs';

/**
 * What incr/decr of a value that is not a number rejects with. Today the
 * client maps memcached's "CLIENT_ERROR cannot increment or decrement
 * non-numeric value" to ERR_NOT_NUMERIC, under both protocols (an incr with
 * `initial` too), and only that code is accepted.
 */
const NOT_NUMERIC_CODE = 'ERR_NOT_NUMERIC';

const BASE_SEED = process.env.MODEL_SEED === undefined ? 0x38_5eed : Number(process.env.MODEL_SEED) >>> 0;
const BURSTS = process.env.MODEL_BURSTS === undefined ? 250 : Number(process.env.MODEL_BURSTS);
const KEY_NAMES = ['k0', 'k1', 'k2', 'k3', 'k4'];
// Diagnostics (see above): both on unless set to 0.
const BUFFER_KEYS = process.env.MODEL_BUFFER_KEYS !== '0';
const NOREPLY = process.env.MODEL_NOREPLY !== '0';

const U64_MASK = (1n << 64n) - 1n;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

// ---- the model ---------------------------------------------------------------

/** An item: its bytes (ASCII only, so one character is one byte), whether its flags say text, its version. */
interface Item {
  data: string;
  text: boolean;
  /** The serial of the operation that last wrote it: what a CAS token stands for. */
  version: number;
}
type State = Item | undefined;

type Kind = 'get' | 'gets' | 'set' | 'add' | 'replace' | 'append' | 'prepend' | 'cas' | 'delete' | 'touch' | 'incr' | 'decr';

/** One key's part of one call. */
interface Step {
  /** Unique in a run: the version of an item this step writes. */
  serial: number;
  call: Call;
  name: string;
  /** As passed: the key's string, or a Buffer of its bytes. */
  key: Key;
  kind: Kind;
  noreply: boolean;
  /** Stores: the bytes and whether they were given as a string (flag 16). */
  data?: string;
  text?: boolean;
  cas?: bigint;
  delta?: number;
  initial?: number;
  /** What the client answered, as {@link showItem} and friends print it. */
  actual?: string;
  /** gets: the CAS token the client answered. */
  token?: bigint;
}

interface Call {
  burst: number;
  index: number;
  label: string;
  steps: Step[];
  multi: boolean;
  run: () => Promise<unknown>;
}

interface Outcome {
  result: string;
  next: State;
}

function showItem(state: State): string {
  if (state === undefined) return 'miss';
  return state.text ? `text ${JSON.stringify(state.data)}` : `bytes ${JSON.stringify(state.data)}`;
}

function showValue(value: unknown): string {
  if (value === undefined) return 'miss';
  if (typeof value === 'string') return `text ${JSON.stringify(value)}`;
  if (Buffer.isBuffer(value)) return `bytes ${JSON.stringify(value.toString('latin1'))}`;
  return `unexpected ${typeof value} ${String(value)}`;
}

function showCounter(value: bigint): string {
  return value <= MAX_SAFE ? `counter ${value}` : `counter ${value}n`;
}

function showResult(kind: Kind, value: unknown): string {
  switch (kind) {
    case 'get':
      return showValue(value);
    case 'gets': {
      if (value === undefined) return 'miss';
      const result = value as { value?: unknown; cas?: unknown };
      if (typeof result !== 'object' || result === null || typeof result.cas !== 'bigint' || result.cas <= 0n) {
        return `unexpected gets result ${String(value)}`;
      }
      return showValue(result.value);
    }
    case 'incr':
    case 'decr':
      if (value === undefined) return 'undefined';
      if (typeof value === 'number') return `counter ${value}`;
      if (typeof value === 'bigint') return `counter ${value}n`;
      return `unexpected ${typeof value} ${String(value)}`;
    default:
      return typeof value === 'boolean' ? String(value) : `unexpected ${typeof value} ${String(value)}`;
  }
}

/** What a noreply call resolves with, whatever the server would have said. */
function noreplyResult(kind: Kind): string {
  return kind === 'incr' || kind === 'decr' ? 'undefined' : 'true';
}

const BLANK = /[ \t\n\v\f\r]/;

/** memcached's safe_strtoull on an item's data (followed by "\r\n"): undefined when it is not a number. */
function parseCounter(data: string): bigint | undefined {
  if (data.length === 0) return undefined;
  const match = /^[ \t\n\v\f\r]*([+-]?)(\d+)/.exec(data);
  if (match === null) return undefined;
  const after = data[match[0].length];
  if (after !== undefined && !BLANK.test(after)) return undefined;
  let value = BigInt(match[2]!);
  if (value > U64_MASK) return undefined; // ERANGE
  if (match[1] === '-') {
    value = -value & U64_MASK;
    if (value >= 1n << 63n) return undefined;
  }
  return value;
}

/** Every outcome memcached may give `step` on an item in `state`. */
function apply(step: Step, state: State, tokenVersions: ReadonlyMap<bigint, ReadonlySet<number>>): Outcome[] {
  const written = (data: string, text: boolean): Item => ({ data, text, version: step.serial });
  const answer = (result: string, next: State): Outcome => ({ result: step.noreply ? noreplyResult(step.kind) : result, next });
  switch (step.kind) {
    case 'get':
    case 'gets':
      return [answer(showItem(state), state)];
    case 'set':
      return [answer('true', written(step.data!, step.text!))];
    case 'add':
      return [state === undefined ? answer('true', written(step.data!, step.text!)) : answer('false', state)];
    case 'replace':
      return [state === undefined ? answer('false', state) : answer('true', written(step.data!, step.text!))];
    case 'append':
      return [state === undefined ? answer('false', state) : answer('true', written(state.data + step.data!, state.text))];
    case 'prepend':
      return [state === undefined ? answer('false', state) : answer('true', written(step.data! + state.data, state.text))];
    case 'cas': {
      const matches = state !== undefined && (tokenVersions.get(step.cas!)?.has(state.version) ?? false);
      return [matches ? answer('true', written(step.data!, step.text!)) : answer('false', state)];
    }
    case 'delete':
      return [answer(String(state !== undefined), undefined)];
    case 'touch':
      return [answer(String(state !== undefined), state)];
    case 'incr':
    case 'decr': {
      if (state === undefined) {
        if (step.initial === undefined) return [answer('undefined', undefined)];
        return [answer(showCounter(BigInt(step.initial)), written(String(step.initial), false))];
      }
      const current = parseCounter(state.data);
      const notNumeric = answer(`rejected ${NOT_NUMERIC_CODE}`, state);
      if (current === undefined) return [notNumeric];
      const delta = BigInt(step.delta!);
      const value = step.kind === 'incr' ? (current + delta) & U64_MASK : current >= delta ? current - delta : 0n;
      const digits = value.toString();
      const exact = answer(showCounter(value), written(digits, state.text));
      const outcomes =
        digits.length >= state.data.length ? [exact] : [answer(showCounter(value), written(digits.padEnd(state.data.length, ' '), state.text)), exact];
      // memcached before 1.6.22 looks for a minus sign in a counter of 2^63 or
      // more with strchr, which reads on past the value's end into whatever
      // the item's memory holds: a '-' there before a zero byte makes the
      // counter not a number (fixed upstream in ea92c6c0, "fix incr/decr/ma
      // failing in some conditions"). Debian 12 ships 1.6.18.
      if (current >= 1n << 63n) outcomes.push(notNumeric);
      return outcomes;
    }
  }
}

function stateId(state: State): string {
  return state === undefined ? '-' : `${state.version}:${state.text}:${state.data}`;
}

/** What the model knows of one key. */
class KeyModel {
  /** The states the item may be in: more than one only after a result memcached may store two ways. */
  states: State[] = [undefined];
  /** Each CAS token read, and the versions of the item it was read from. */
  readonly tokenVersions = new Map<bigint, Set<number>>();
  readonly versionToken = new Map<number, bigint>();
  /** The tokens read, oldest first, for later cas calls. */
  readonly tokens: bigint[] = [];
  /** The steps of the burst being checked, for the failure message. */
  burstSteps: Step[] = [];
  diverged = false;
}

// ---- planning calls ------------------------------------------------------------

type Random = () => number;

// 2^64 - 1 wraps on incr; the one past it is not a number (ERANGE); ' 5' is one.
const WORDS = ['a', 'xyz', 'v1', 'hello', '7up', '12ab', '', '0', '00', '9', '99', '100', ' 5', '18446744073709551615', '99999999999999999999'];
const APPENDED = ['0', '1', '5', '42', 'x', ' 3', '9', '00'];
const PREPENDED = ['1', '7', 'x', 'ab', '0', '12'];
const DELTAS = [0, 1, 1, 1, 2, 3, 5, 10, 20, 1000, 1e15];
const TTLS = [0, 3600, 86_400];

function int(next: Random, low: number, high: number): number {
  return low + Math.floor(next() * (high - low + 1));
}

function pick<T>(next: Random, items: readonly T[]): T {
  return items[Math.floor(next() * items.length)]!;
}

function chance(next: Random, p: number): boolean {
  return next() < p;
}

function someNames(next: Random, count: number): string[] {
  const names = [...KEY_NAMES];
  for (let i = names.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [names[i], names[j]] = [names[j]!, names[i]!];
  }
  return names.slice(0, count);
}

function showKey(key: Key): string {
  return typeof key === 'string' ? `'${key}'` : `Buffer('${key.toString('latin1')}')`;
}

/** The value a store sends: text (flag 16) mostly, sometimes the same bytes as a Buffer (flag 0). */
function storedValue(next: Random, words: readonly string[]): { data: string; text: boolean; value: string | Buffer } {
  const data = words === WORDS && chance(next, 0.5) ? String(int(next, 0, 150)) : pick(next, words);
  const text = !chance(next, 0.1);
  return { data, text, value: text ? data : Buffer.from(data, 'latin1') };
}

const WEIGHTS: Array<[string, number]> = [
  ['get', 12],
  ['gets', 6],
  ['getMany', 5],
  ['getsMany', 3],
  ['set', 9],
  ['setMany', 4],
  ['add', 6],
  ['replace', 5],
  ['append', 6],
  ['prepend', 4],
  ['cas', 6],
  ['delete', 5],
  ['deleteMany', 3],
  ['touch', 4],
  ['incr', 9],
  ['decr', 6],
];
const TOTAL_WEIGHT = WEIGHTS.reduce((sum, [, weight]) => sum + weight, 0);

class Planner {
  private serial = 0;

  constructor(
    private readonly client: Client<string | Buffer>,
    private readonly next: Random,
    private readonly models: ReadonlyMap<string, KeyModel>,
  ) {}

  private keyOf(name: string): Key {
    return chance(this.next, 0.25) && BUFFER_KEYS ? Buffer.from(name, 'latin1') : name;
  }

  private step(call: Call, name: string, key: Key, kind: Kind, extra: Partial<Step> = {}): Step {
    const step: Step = { serial: ++this.serial, call, name, key, kind, noreply: false, ...extra };
    call.steps.push(step);
    return step;
  }

  private newCall(burst: number, index: number, multi: boolean): Call {
    return { burst, index, label: '', steps: [], multi, run: () => Promise.resolve() };
  }

  /** A getsMany of every key, the way each burst ends. */
  readBack(burst: number, index: number): Call {
    const call = this.newCall(burst, index, true);
    const keys = KEY_NAMES.map((name) => this.keyOf(name));
    keys.forEach((key, i) => this.step(call, KEY_NAMES[i]!, key, 'gets'));
    call.label = `getsMany(${keys.map(showKey).join(', ')}) [read back]`;
    call.run = () => this.client.getsMany(keys);
    return call;
  }

  /** One final get of a key. */
  finalRead(burst: number, index: number, name: string): Call {
    const call = this.newCall(burst, index, false);
    const key = this.keyOf(name);
    this.step(call, name, key, 'get');
    call.label = `get(${showKey(key)}) [final read]`;
    call.run = () => this.client.get(key);
    return call;
  }

  plan(burst: number, index: number): Call {
    const next = this.next;
    const client = this.client;
    let roll = next() * TOTAL_WEIGHT;
    let command = WEIGHTS[0]![0];
    for (const [name, weight] of WEIGHTS) {
      roll -= weight;
      if (roll < 0) {
        command = name;
        break;
      }
    }
    // A cas with the token read back after the last burst succeeds only if
    // nothing wrote the key since: more of them open a burst.
    if (index < 2 && chance(next, 0.4)) command = 'cas';
    const wantsNoreply = chance(next, 0.3);
    const noreply = wantsNoreply && NOREPLY;
    const quiet = noreply ? { noreply: true } : undefined;
    const tag = noreply ? ' noreply' : '';

    switch (command) {
      case 'getMany':
      case 'getsMany':
      case 'deleteMany': {
        const call = this.newCall(burst, index, true);
        const keys = someNames(next, int(next, 1, 4)).map((name) => {
          const key = this.keyOf(name);
          const kind: Kind = command === 'getMany' ? 'get' : command === 'getsMany' ? 'gets' : 'delete';
          this.step(call, name, key, kind, { noreply: command === 'deleteMany' && noreply });
          return key;
        });
        const listed = keys.map(showKey).join(', ');
        if (command === 'getMany') {
          call.label = `getMany(${listed})`;
          call.run = () => client.getMany(keys);
        } else if (command === 'getsMany') {
          call.label = `getsMany(${listed})`;
          call.run = () => client.getsMany(keys);
        } else {
          call.label = `deleteMany(${listed}${tag})`;
          call.run = () => client.deleteMany(keys, quiet);
        }
        return call;
      }
      case 'setMany': {
        const call = this.newCall(burst, index, true);
        const entries = someNames(next, int(next, 1, 4)).map((name) => {
          const key = this.keyOf(name);
          const { data, text, value } = storedValue(next, WORDS);
          this.step(call, name, key, 'set', { data, text, noreply });
          return [key, value] as const;
        });
        call.label = `setMany(${entries.map(([key, value]) => `${showKey(key)}: ${showValue(value)}`).join(', ')}${tag})`;
        call.run = () => client.setMany(entries, quiet);
        return call;
      }
      default:
        break;
    }

    const call = this.newCall(burst, index, false);
    const name = pick(next, KEY_NAMES);
    const key = this.keyOf(name);
    const shown = showKey(key);
    switch (command) {
      case 'get':
      case 'gets': {
        this.step(call, name, key, command);
        call.label = `${command}(${shown})`;
        call.run = command === 'get' ? () => client.get(key) : () => client.gets(key);
        return call;
      }
      case 'set':
      case 'add':
      case 'replace': {
        const { data, text, value } = storedValue(next, WORDS);
        const ttl = pick(next, TTLS);
        this.step(call, name, key, command, { data, text, noreply });
        call.label = `${command}(${shown}, ${showValue(value)}, ttl ${ttl}${tag})`;
        call.run = () => client[command](key, value, { ttl, noreply });
        return call;
      }
      case 'append':
      case 'prepend': {
        const { data, value } = storedValue(next, command === 'append' ? APPENDED : PREPENDED);
        this.step(call, name, key, command, { data, noreply });
        call.label = `${command}(${shown}, ${showValue(value)}${tag})`;
        call.run = () => client[command](key, value, quiet);
        return call;
      }
      case 'cas': {
        const { data, text, value } = storedValue(next, WORDS);
        const read = this.models.get(name)!.tokens;
        // The latest token read mostly, an older one sometimes, and now and
        // then one no gets returned.
        const token =
          read.length === 0 || chance(next, 0.1)
            ? (1n << 60n) + BigInt(int(next, 1, 1_000_000))
            : chance(next, 0.7)
              ? read[read.length - 1]!
              : pick(next, read);
        const casNoreply = wantsNoreply && chance(next, 0.5) && NOREPLY;
        this.step(call, name, key, 'cas', { data, text, cas: token, noreply: casNoreply });
        call.label = `cas(${shown}, ${showValue(value)}, ${token}n${casNoreply ? ' noreply' : ''})`;
        call.run = () => client.cas(key, value, token, casNoreply ? { noreply: true } : undefined);
        return call;
      }
      case 'delete': {
        this.step(call, name, key, 'delete', { noreply });
        call.label = `delete(${shown}${tag})`;
        call.run = () => client.delete(key, quiet);
        return call;
      }
      case 'touch': {
        const ttl = pick(next, TTLS);
        this.step(call, name, key, 'touch', { noreply });
        call.label = `touch(${shown}, ${ttl}${tag})`;
        call.run = () => client.touch(key, ttl, quiet);
        return call;
      }
      default: {
        const kind = command as 'incr' | 'decr';
        const delta = pick(next, DELTAS);
        // `initial` needs the server's answer: never with noreply.
        const initial = !wantsNoreply && chance(next, 0.35) ? int(next, 0, 100) : undefined;
        this.step(call, name, key, kind, { delta, initial, noreply });
        call.label = `${kind}(${shown}, ${delta}${initial === undefined ? '' : `, initial ${initial}`}${tag})`;
        const options = initial !== undefined ? { initial } : quiet;
        call.run = () => client[kind](key, delta, options);
        return call;
      }
    }
  }
}

// ---- issuing and checking ------------------------------------------------------------

type Gap = 'microtask' | 'nextTick' | 'setImmediate';
const GAPS: Gap[] = ['microtask', 'nextTick', 'setImmediate', 'setImmediate'];

function gap(kind: Gap): Promise<void> {
  switch (kind) {
    case 'microtask':
      return Promise.resolve();
    case 'nextTick':
      return new Promise((resolve) => process.nextTick(resolve));
    case 'setImmediate':
      return new Promise((resolve) => setImmediate(resolve));
  }
}

/** What the client answered for one step of a settled call. */
function actualOf(step: Step, outcome: PromiseSettledResult<unknown>): { shown: string; token?: bigint } {
  const tokenOf = (value: unknown) => (step.kind === 'gets' && value !== undefined ? (value as { cas?: bigint }).cas : undefined);
  if (outcome.status === 'rejected') {
    const reason: unknown = outcome.reason;
    if (step.call.multi && reason instanceof BatchError) {
      const error = (reason as BatchError<Key, unknown>).errors.get(step.key);
      if (error !== undefined) return { shown: `rejected ${error.code}` };
      const results = (reason as BatchError<Key, unknown>).results;
      const value = results.get(step.key);
      const listed = results.has(step.key) || step.kind === 'get' || step.kind === 'gets';
      return { shown: listed ? showResult(step.kind, value) : 'absent', token: tokenOf(value) };
    }
    return { shown: reason instanceof MemcachedError ? `rejected ${reason.code}` : `rejected ${String(reason)}` };
  }
  if (!step.call.multi) return { shown: showResult(step.kind, outcome.value), token: tokenOf(outcome.value) };
  const map = outcome.value as Map<Key, unknown>;
  if (!(map instanceof Map)) return { shown: `unexpected ${String(map)}` };
  const value = map.get(step.key);
  // Reads leave misses out of the Map; writes list every key.
  if (!map.has(step.key) && step.kind !== 'get' && step.kind !== 'gets') return { shown: 'absent' };
  return { shown: showResult(step.kind, value), token: tokenOf(value) };
}

interface Combination {
  protocol: 'ascii' | 'binary';
  servers: 1 | 3;
  maxConnections: 1 | 2;
}

class Run {
  readonly failures: string[] = [];
  readonly models = new Map(KEY_NAMES.map((name) => [name, new KeyModel()]));
  calls = 0;

  constructor(
    readonly name: string,
    readonly seed: number,
  ) {}

  /** Issues the calls in groups separated by the gaps, without waiting for any, then settles them all and checks them. */
  async issue(burst: number, groups: Call[][], gaps: Gap[]): Promise<void> {
    const promises: Array<Promise<unknown>> = [];
    for (let g = 0; g < groups.length; g++) {
      for (const call of groups[g]!) {
        const promise = call.run();
        // Settled below, after the later groups are issued: not unhandled meanwhile.
        promise.catch(() => {});
        promises.push(promise);
      }
      if (g < groups.length - 1) await gap(gaps[g]!);
    }
    const calls = groups.flat();
    this.calls += calls.length;
    const outcomes = await Promise.allSettled(promises);
    for (let i = 0; i < calls.length; i++) {
      for (const step of calls[i]!.steps) {
        const { shown, token } = actualOf(step, outcomes[i]!);
        step.actual = shown;
        step.token = token;
      }
    }
    const shape = groups.map((group, g) => `${group.length}${g < gaps.length ? ` [${gaps[g]}]` : ''}`).join(' ');
    for (const model of this.models.values()) model.burstSteps = [];
    const before = this.failures.length;
    for (const call of calls) for (const step of call.steps) this.check(step, burst, shape);
    if (process.env.MODEL_TRACE === 'all' || (process.env.MODEL_TRACE !== undefined && this.failures.length > before)) {
      const answers = (call: Call) => call.steps.map((step) => `${step.name}: ${step.actual}`).join(', ');
      const lines = calls.map((call) => `#${call.index} ${call.label} -> ${answers(call)}`);
      console.log(`${this.name}, seed ${this.seed}, burst ${burst} (groups: ${shape}):\n${lines.join('\n')}`);
    }
  }

  private check(step: Step, burst: number, shape: string): void {
    const model = this.models.get(step.name)!;
    model.burstSteps.push(step);
    if (model.diverged) return;
    const outcomes = model.states.flatMap((state) => apply(step, state, model.tokenVersions));
    const matching = outcomes.filter((outcome) => outcome.result === step.actual);
    if (matching.length === 0) {
      const expected = [...new Set(outcomes.map((outcome) => outcome.result))].join(' | ');
      this.fail(step, burst, shape, `expected ${expected}, got ${step.actual}`);
      return;
    }
    if (step.kind === 'gets' && step.token !== undefined) {
      const versions = new Set(matching.map((outcome) => outcome.next!.version));
      if (versions.size === 1) {
        const version = [...versions][0]!;
        const earlier = model.versionToken.get(version);
        const others = model.tokenVersions.get(step.token);
        if (earlier !== undefined && earlier !== step.token) {
          this.fail(step, burst, shape, `CAS token ${step.token} for an item that read ${earlier} before and was not written since`);
          return;
        }
        if (others !== undefined && others.size === 1 && !others.has(version)) {
          this.fail(step, burst, shape, `CAS token ${step.token} again after the item was written`);
          return;
        }
        model.versionToken.set(version, step.token);
      }
      const known = model.tokenVersions.get(step.token) ?? new Set<number>();
      for (const version of versions) known.add(version);
      model.tokenVersions.set(step.token, known);
      model.tokens.push(step.token);
    }
    const states = new Map(matching.map((outcome) => [stateId(outcome.next), outcome.next]));
    model.states = [...states.values()];
  }

  private fail(step: Step, burst: number, shape: string, what: string): void {
    const model = this.models.get(step.name)!;
    model.diverged = true;
    const history = model.burstSteps
      .map((earlier) => `    #${earlier.call.index} ${earlier.call.label} -> ${earlier.actual}${earlier === step ? '   <-- here' : ''}`)
      .join('\n');
    const before = model.states.map(showItem).join(' | ');
    this.failures.push(
      `${this.name}, seed ${this.seed}: burst ${burst} (groups: ${shape}), call #${step.call.index} ${step.call.label}: ` +
        `key ${step.name}: ${what}\n  the model's ${step.name} just before this call: ${before}\n` +
        `  ${step.name}'s calls in this burst:\n${history}`,
    );
  }
}

function combinationName({ protocol, servers, maxConnections }: Combination): string {
  return `${protocol}, ${servers === 1 ? '1 server' : `${servers} servers`}, maxConnections ${maxConnections}`;
}

async function runCombination(combination: Combination, index: number): Promise<Run> {
  const seed = (BASE_SEED + Math.imul(index + 1, 0x9e3779b9)) >>> 0;
  const name = combinationName(combination);
  const run = new Run(name, seed);
  const next = seededRandom(seed);
  const servers = combination.servers === 1 ? [sharedServers()[0]!] : sharedServers();
  const client = track(
    new Client<string | Buffer>(servers, {
      keyPrefix: uniquePrefix(),
      codec: textCodec,
      protocol: combination.protocol,
      maxConnections: combination.maxConnections,
    }),
  );
  const planner = new Planner(client, next, run.models);
  for (let burst = 0; burst < BURSTS && run.failures.length === 0; burst++) {
    const size = chance(next, 0.3) ? int(next, 1, 12) : int(next, 13, 200);
    const calls = Array.from({ length: size }, (_, i) => planner.plan(burst, i));
    // One group, or several with a gap between each: the later groups are
    // issued while the earlier ones are in flight.
    const cutCount = chance(next, 0.35) || size < 2 ? 0 : int(next, 1, 5);
    const cuts = [...new Set(Array.from({ length: cutCount }, () => int(next, 1, size - 1)))].sort((a, b) => a - b);
    const groups: Call[][] = [];
    let start = 0;
    for (const cut of [...cuts, size]) {
      groups.push(calls.slice(start, cut));
      start = cut;
    }
    const gaps = groups.slice(1).map(() => pick(next, GAPS));
    await run.issue(burst, groups, gaps);
    expect(client.pending, `${name}: nothing left in flight after burst ${burst}`).toBe(0);
    if (run.failures.length > 0) break;
    await run.issue(burst, [[planner.readBack(burst, size)]], []);
  }
  if (run.failures.length === 0) {
    const reads = KEY_NAMES.map((key, i) => planner.finalRead(BURSTS, i, key));
    for (const read of reads) await run.issue(BURSTS, [[read]], []);
  }
  return run;
}

const COMBINATIONS: Combination[] = [];
for (const protocol of ['ascii', 'binary'] as const) {
  for (const servers of [1, 3] as const) {
    for (const maxConnections of [1, 2] as const) COMBINATIONS.push({ protocol, servers, maxConnections });
  }
}

describe('a sequential model of memcached', () => {
  COMBINATIONS.forEach((combination, index) => {
    it(`gives each key the results of its operations applied in issue order: ${combinationName(combination)}`, async () => {
      const run = await runCombination(combination, index);
      const message =
        `${run.failures.length} divergence(s) from the model after ${run.calls} calls; ` +
        `replay with MODEL_SEED=${BASE_SEED} (this combination's seed: ${run.seed})\n${run.failures.slice(0, 3).join('\n')}`;
      expect(run.failures, message).toEqual([]);
    });
  });
});
