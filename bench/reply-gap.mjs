// One call in flight, taken apart: for each client, the time between a reply
// arriving (a socket read that returned bytes) and its next request going out
// (the next socket write), measured by an LD_PRELOAD shim around the socket
// calls (lib/reply-gap.c), next to the client's rate. The rest of a round trip
// is the kernel and the server, the same for every client, so this gap is
// what a client can still win at one in flight.
//
//   node bench/reply-gap.mjs [get|set] [rounds]
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { startMemcached } from '../scripts/lib/memcached.mjs';
import { median } from './lib/measure.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const command = process.argv[2] ?? 'get';
const rounds = Number(process.argv[3] ?? 5);
const clients = ['memcache-native', 'memjs', 'memcached', 'memcache-client'];
const OPERATIONS = 20_000;

const work = mkdtempSync(path.join(tmpdir(), 'reply-gap-'));
const shim = path.join(work, 'reply-gap.so');
execFileSync('cc', ['-O2', '-shared', '-fPIC', '-o', shim, path.join(here, 'lib', 'reply-gap.c'), '-ldl']);
const server = await startMemcached(['-t', '1']);

// Runs in the child: warms up, then times OPERATIONS calls one at a time.
const child = (client) => `
const { create } = await import(${JSON.stringify(path.join(here, 'drivers', `${client}.mjs`))});
const client = create([${JSON.stringify(server.address)}]);
const value = 'v'.repeat(100);
for (let i = 0; i < 100; i++) await client.set('gap' + i, value);
for (let i = 0; i < 5000; i++) await client.${command}('gap' + (i % 100), value);
const started = performance.now();
for (let i = 0; i < ${OPERATIONS}; i++) await client.${command}('gap' + (i % 100), value);
console.log(${OPERATIONS} / ((performance.now() - started) / 1000));
await client.close();
process.exit(0);`;

const results = Object.fromEntries(clients.map((client) => [client, { gaps: [], rates: [] }]));
try {
  for (let round = 0; round < rounds; round++) {
    // The first client rotates, so none always runs first.
    for (const client of clients.map((_, i) => clients[(i + round) % clients.length])) {
      const out = path.join(work, `${client}.gap`);
      const run = spawnSync(process.execPath, ['--input-type=module', '-e', child(client)], {
        encoding: 'utf8',
        env: { ...process.env, LD_PRELOAD: shim, REPLY_GAP_OUT: out },
      });
      if (run.status !== 0) throw new Error(`${client}: ${run.stderr}`);
      results[client].rates.push(Number(run.stdout.trim()));
      results[client].gaps.push(Number(readFileSync(out, 'utf8').split(' ')[0]));
    }
    process.stderr.write(`round ${round + 1}/${rounds}\n`);
  }
} finally {
  await server.stop();
  rmSync(work, { recursive: true, force: true });
}

console.log(`${command}, 1 in flight, ${rounds} rounds, medians:`);
console.log('| client | reply -> next request (us) | ops/s |');
console.log('|---|---|---|');
for (const client of clients) {
  const { gaps, rates } = results[client];
  console.log(`| ${client} | ${median(gaps).toFixed(1)} | ${Math.round(median(rates)).toLocaleString('en-US')} |`);
}
