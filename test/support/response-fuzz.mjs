// Response fuzzing, run in a child process by test/integration/74-response-fuzz.test.ts so
// that a crash or a hang is seen as one.
//
// A fake memcached keeps a real model of its items and answers every ASCII
// command correctly, except that a seeded random choice spoils some replies:
// random bytes, a reply cut short (and the connection closed), a VALUE for
// another key, a wrong byte count, a stray extra line, silence. The client
// must settle every call with either a correct result or a typed error; a
// value must always belong to the key asked for (every stored value starts
// with its key), and after the fuzzing the same client must work against the
// server once it stops spoiling.
//   node test/support/response-fuzz.mjs <seed> <operations>
import * as net from 'node:net';

import { Client, MemcachedError, textCodec } from '../../dist/esm/index.mjs';
import { readAsciiCommands } from './ascii-commands.mjs';
import { seededRandom } from './random.mjs';

const seed = Number(process.argv[2] ?? 1);
const operations = Number(process.argv[3] ?? 2000);

const random = seededRandom(seed);
const pick = (list) => list[Math.floor(random() * list.length)];

// ---- the fake server -----------------------------------------------------------
const items = new Map(); // key -> { value: Buffer, flags, cas }
let casCounter = 1;
let spoiling = true;
const SPOILS = ['garbage', 'truncate', 'wrong-key', 'bad-length', 'extra-line', 'silence', 'binary-junk'];

function correctReply(line, data) {
  const [command, ...args] = line.split(' ');
  const noreply = args.at(-1) === 'noreply';
  const say = (text) => (noreply ? '' : text);
  switch (command) {
    case 'get':
    case 'gets': {
      let out = '';
      for (const key of args) {
        const item = items.get(key);
        if (!item) continue;
        out += `VALUE ${key} ${item.flags} ${item.value.length}${command === 'gets' ? ` ${item.cas}` : ''}\r\n`;
        out += item.value.toString('latin1') + '\r\n';
      }
      return `${out}END\r\n`;
    }
    case 'set':
    case 'add':
    case 'replace':
    case 'append':
    case 'prepend':
    case 'cas': {
      const [key, flags] = args;
      const existing = items.get(key);
      if (command === 'add' && existing) return say('NOT_STORED\r\n');
      if ((command === 'replace' || command === 'append' || command === 'prepend') && !existing) return say('NOT_STORED\r\n');
      if (command === 'cas') {
        if (!existing) return say('NOT_FOUND\r\n');
        if (String(existing.cas) !== args[4]) return say('EXISTS\r\n');
      }
      let value = data;
      if (command === 'append') value = Buffer.concat([existing.value, data]);
      if (command === 'prepend') value = Buffer.concat([data, existing.value]);
      items.set(key, { value, flags: command === 'append' || command === 'prepend' ? existing.flags : Number(flags), cas: casCounter++ });
      return say('STORED\r\n');
    }
    case 'delete':
      return say(items.delete(args[0]) ? 'DELETED\r\n' : 'NOT_FOUND\r\n');
    case 'touch':
      return say(items.has(args[0]) ? 'TOUCHED\r\n' : 'NOT_FOUND\r\n');
    case 'incr':
    case 'decr': {
      const item = items.get(args[0]);
      if (!item) return say('NOT_FOUND\r\n');
      const current = BigInt(item.value.toString('latin1'));
      const delta = BigInt(args[1]);
      let next = command === 'incr' ? (current + delta) & 0xffffffffffffffffn : current - delta;
      if (next < 0n) next = 0n;
      items.set(args[0], { ...item, value: Buffer.from(String(next)), cas: casCounter++ });
      return say(`${next}\r\n`);
    }
    case 'version':
      return 'VERSION 1.6.0-fuzz\r\n';
    default:
      return 'ERROR\r\n';
  }
}

function spoil(reply, line) {
  const kind = pick(SPOILS);
  switch (kind) {
    case 'garbage':
      return { text: `${pick(['HELLO', 'VALUE', 'STORED x', 'END END', '-1', '99999999999999999999999', 'VALUE k 0 -5', ''])}\r\n` };
    case 'truncate':
      return { text: reply.slice(0, Math.floor(random() * reply.length)), close: true };
    case 'wrong-key': {
      const others = [...items.keys()];
      if (others.length === 0 || !line.startsWith('get')) return { text: reply };
      const other = pick(others);
      const item = items.get(other);
      return { text: `VALUE ${other} ${item.flags} ${item.value.length} ${item.cas}\r\n${item.value.toString('latin1')}\r\n${reply}` };
    }
    case 'bad-length':
      return { text: reply.replace(/^(VALUE \S+ \d+ )(\d+)/m, (_, head, length) => `${head}${Number(length) + pick([-3, -1, 1, 7])}`) };
    case 'extra-line':
      return { text: `${reply}${pick(['STORED', 'END', 'DELETED', '42', 'SERVER_ERROR fuzz'])}\r\n` };
    case 'silence':
      return { text: '' };
    default: {
      const junk = Buffer.alloc(1 + Math.floor(random() * 40));
      for (let i = 0; i < junk.length; i++) junk[i] = Math.floor(random() * 256);
      return { text: junk.toString('latin1') };
    }
  }
}

const server = net.createServer((socket) => {
  socket.on('error', () => {});
  readAsciiCommands(socket, (line, data) => {
    const reply = correctReply(line, data);
    const outcome = spoiling && random() < 0.08 ? spoil(reply, line) : { text: reply };
    if (outcome.text) socket.write(Buffer.from(outcome.text, 'latin1'));
    if (outcome.close) socket.destroy();
  });
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const address = `127.0.0.1:${server.address().port}`;

// ---- the client ----------------------------------------------------------------
const client = new Client(address, { codec: textCodec, timeout: 150, connectTimeout: 300, retryTimeout: 0, failureLimit: 1_000_000 });
const keys = Array.from({ length: 40 }, (_, i) => `k${i}`);
const counters = Array.from({ length: 5 }, (_, i) => `n${i}`);
const stats = { ok: 0, typed: 0 };
const problems = [];

function check(what, key, outcome) {
  if (outcome instanceof Error) {
    if (!(outcome instanceof MemcachedError)) problems.push(`${what} ${key}: untyped ${outcome.stack}`);
    else stats.typed++;
    return;
  }
  stats.ok++;
  const values = outcome instanceof Map ? [...outcome.entries()] : [[key, outcome]];
  for (const [k, value] of values) {
    if (typeof value === 'string' && !value.startsWith(`${k}:`)) problems.push(`${what} ${k}: got a value of another key: ${value.slice(0, 40)}`);
  }
}

const within = (promise, ms, what) =>
  Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error(`HANG: ${what} did not settle in ${ms} ms`)), ms).unref())]);

let done = 0;
async function loop() {
  while (done < operations) {
    done++;
    const key = pick(keys);
    const counter = pick(counters);
    const calls = [
      ['get', () => client.get(key)],
      ['gets', () => client.gets(key).then((r) => r?.value)],
      ['getMany', () => client.getMany([key, pick(keys), pick(keys)])],
      ['set', () => client.set(key, `${key}:${done}`)],
      ['set-noreply', () => client.set(key, `${key}:${done}`, { noreply: true })],
      ['add', () => client.add(key, `${key}:${done}`)],
      ['append', () => client.append(key, `+${done}`)],
      ['delete', () => client.delete(key)],
      ['touch', () => client.touch(key, 100)],
      ['incr', () => client.incr(counter, 1, { initial: 1 })],
    ];
    const [what, call] = pick(calls);
    const outcome = await within(
      call().catch((error) => error),
      3000,
      what,
    ).catch((error) => {
      problems.push(error.message);
      return error;
    });
    // append may add a suffix without the key; only check what starts fresh.
    check(what, key, what === 'append' ? true : outcome);
  }
}
await Promise.all(Array.from({ length: 8 }, loop));

// The stream must not stay out of step: with the spoiling stopped, everything works.
spoiling = false;
await new Promise((resolve) => setTimeout(resolve, 400));
for (const key of keys.slice(0, 10)) {
  const stored = await client.set(key, `${key}:final`);
  const read = await client.get(key);
  if (stored !== true || read !== `${key}:final`) problems.push(`after fuzzing: ${key} -> ${stored}, ${read}`);
}
await client.close();
server.close();
console.log(JSON.stringify({ seed, operations, ...stats, problems: problems.slice(0, 20), problemCount: problems.length }));
process.exit(problems.length === 0 ? 0 : 1);
