// The benchmark suite: memcache-native against memjs, memcached and
// memcache-client, with memaslap as the C reference. See bench/README.md.
//   npm run bench                  default matrix (34 cells)
//   npm run bench -- --full        every combination
//   npm run bench -- --only get,getMany      commands; also sizes, str / buf, @N, Nsrv:
//   npm run bench -- --only 10KB,500KB       the large values, strings and Buffers
//   npm run bench -- --only "get+buf+@32"    cells with all of these words
//   npm run bench -- --only tls              the TLS cells (memcache-client, memcache, plaintext)
//   BENCH_PROTOCOL=binary npm run bench      memcache-native on the binary protocol
//   BENCH_SECONDS=3 npm run bench  longer cells (default 1 s)
//   BENCH_ROUNDS=5 npm run bench   cells cut in more turns (default 3)
//   MEMCACHED_SERVERS=h:p,h:p,h:p,h:p npm run bench   existing servers (4 for the 4-server cells)
import { fork } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

import { svgChart } from './lib/chart.mjs';
import { environment } from './lib/environment.mjs';
import { cellId, defaultMatrix, filterCells, fullMatrix } from './lib/matrix.mjs';
import { memaslapCovers, memaslapSeconds, runMemaslap } from './lib/memaslap.mjs';
import { Progress } from './lib/progress.mjs';
import { markdownReport } from './lib/report.mjs';
import { benchServers } from './lib/servers.mjs';
import { NO_TLS, TLS_CLIENTS, tlsServer } from './lib/tls.mjs';

const CLIENTS = ['memcache-native', 'memjs', 'memcached', 'memcache-client'];
const SECONDS = Number(process.env.BENCH_SECONDS ?? 1);
const WARMUP = Math.min(0.25, SECONDS / 4);
// A cell's clients take turns, each round a share of SECONDS, so that the
// speed of this machine, which drifts within seconds, weighs on all alike.
// Later rounds need only get the loops going again.
const ROUNDS = Math.max(1, Math.floor(Number(process.env.BENCH_ROUNDS ?? 3)));
const ROUND_WARMUP = Math.min(0.05, WARMUP);
// memcache-native's protocol (its driver reads the same variable); the peers
// keep theirs: memjs binary, memcached and memcache-client ASCII.
const PROTOCOL = process.env.BENCH_PROTOCOL ?? 'ascii';
if (PROTOCOL !== 'ascii' && PROTOCOL !== 'binary') throw new Error(`BENCH_PROTOCOL: 'ascii' or 'binary', not ${PROTOCOL}`);

const { values: args } = parseArgs({ options: { full: { type: 'boolean' }, only: { type: 'string' } } });
const cells = filterCells(args.full ? fullMatrix() : defaultMatrix(), args.only);
const rows = cells.filter((cell) => !cell.tls).map((cell) => ({ cell, results: {}, memaslap: undefined }));
// The TLS cells run on their own TLS memcached with the clients that speak TLS.
const tlsRows = cells.filter((cell) => cell.tls).map((cell) => ({ cell, results: {} }));
const memaslapRows = rows.filter((row) => memaslapCovers(row.cell));

const progress = new Progress([
  // Each client cell: warm-ups, measurement and ~0.15 s of preload and set-up.
  { count: rows.length * CLIENTS.length + tlsRows.length * TLS_CLIENTS.length, seconds: SECONDS + WARMUP + (ROUNDS - 1) * ROUND_WARMUP + 0.15 },
  // memaslap runs whole seconds (at least 3 for reads) plus its own start.
  {
    count: memaslapRows.length,
    seconds: memaslapRows.reduce((sum, row) => sum + memaslapSeconds(row.cell, SECONDS) + 0.2, 0) / (memaslapRows.length || 1),
  },
]);

// A round that has not answered this long after its time is up has an
// operation that never settled (the memcached package's 500 KB Buffer gets at
// 32 in flight, the slowest that does finish, take ~15 s a round).
const HANG_SECONDS = 30;

/**
 * One child process per client and cell (its CPU time and RSS are its own),
 * started for the cell's first round and kept for its other rounds. A fresh
 * process per cell keeps cells from weighing on each other: in a process that
 * had just run getMany(1000) at 32 in flight, V8 ran a full collection every
 * 50 ms for a while, and the 10 KB gets after it were 15-20 % slower, for
 * memjs as for memcache-native. A crash fails that client's cell, not the
 * run. A round that never answers fails that cell with an error saying so.
 */
function startClient(client, servers, namespace, tls) {
  const job = { client, servers, namespace, tls };
  let child;
  let waiting;
  let exited = false;
  let exit;
  const spawn = () => {
    const current = fork(new URL('./worker.mjs', import.meta.url), [JSON.stringify(job)], { stdio: 'inherit' });
    child = current;
    exited = false;
    exit = new Promise((resolve) => current.once('exit', (code, signal) => resolve(signal ?? code)));
    current.on('message', (message) => waiting?.(message.error ? { error: message.error } : message.result));
    exit.then((how) => {
      if (child !== current) return;
      exited = true;
      waiting?.({ error: `worker exited (${how}) before this cell` });
    });
  };
  let hung = false;
  const stopChild = async () => {
    if (child === undefined) return;
    if (!exited && !hung) child.send({ done: true });
    await exit;
  };
  return {
    /** Runs a round of `cell`; resolves with the cell's rounds so far. */
    async run(cell, round) {
      if (round === 0) {
        await stopChild();
        hung = false;
        spawn();
      }
      if (exited) return { error: 'worker exited before this cell' };
      const warmup = round === 0 ? WARMUP : ROUND_WARMUP;
      return new Promise((resolve) => {
        const limit = SECONDS / ROUNDS + warmup + HANG_SECONDS;
        const timer = setTimeout(() => {
          hung = true;
          child.kill('SIGKILL');
          waiting?.({ error: `round ${round + 1} gave no answer within ${limit.toFixed(0)} s: an operation never settled` });
        }, limit * 1000);
        waiting = (outcome) => {
          clearTimeout(timer);
          waiting = undefined;
          resolve(outcome);
        };
        child.send({ cell, round, seconds: SECONDS / ROUNDS, warmup });
      });
    },
    stop: stopChild,
  };
}

/**
 * Cell by cell, every client in turn (starting one further along each cell
 * and round): this machine's speed drifts over minutes and even seconds,
 * and a cell's clients are compared in rounds within seconds of each other.
 * A client that failed a round sits out the cell's other rounds.
 */
async function measureRows(rowsToRun, names, workers) {
  for (const [index, row] of rowsToRun.entries()) {
    for (let round = 0; round < ROUNDS; round++) {
      for (let turn = 0; turn < names.length; turn++) {
        const at = (index + round + turn) % names.length;
        if (row.results[names[at]]?.error) continue;
        const outcome = await workers[at].run(row.cell, round);
        row.results[names[at]] = outcome;
        if (round === ROUNDS - 1 || outcome.error) progress.done(names[at], cellId(row.cell), outcome);
      }
    }
  }
  await Promise.all(workers.map((worker) => worker.stop()));
}

const started = performance.now();
let tlsAddresses;
if (rows.length) {
  const { servers, stop } = await benchServers(Math.max(...rows.map((row) => row.cell.servers)));
  try {
    process.stderr.write(
      `bench: ${rows.length} cells x ${CLIENTS.length} clients + ${memaslapRows.length} memaslap rows, ${SECONDS} s each in ${ROUNDS} rounds, servers ${servers.join(',')}\n`,
    );
    // Keys of its own per client ("bench0:..."): the clients store values with
    // different flags, and each would read a peer's item as another type.
    const workers = CLIENTS.map((client, index) => startClient(client, servers, `bench${index}`));
    await measureRows(rows, CLIENTS, workers);
    for (const row of memaslapRows) {
      // A missing or failing memaslap is an error in its row, never a silent skip.
      row.memaslap = await runMemaslap(row.cell, servers[0], SECONDS).catch((error) => ({ error: error.message }));
      progress.done('memaslap', cellId(row.cell), row.memaslap);
    }
  } finally {
    await stop();
  }
}
if (tlsRows.length) {
  // Its own memcached, started here even with MEMCACHED_SERVERS: TLS on one
  // port, plaintext on another, the same server process behind both.
  const server = await tlsServer();
  tlsAddresses = { tls: server.tlsAddress, plaintext: server.plainAddress };
  try {
    process.stderr.write(
      `bench: ${tlsRows.length} TLS cells x ${TLS_CLIENTS.length} clients, ${SECONDS} s each in ${ROUNDS} rounds, TLS ${server.tlsAddress}, plaintext ${server.plainAddress}\n`,
    );
    for (const [name, why] of Object.entries(NO_TLS)) process.stderr.write(`bench: ${name}: ${why}\n`);
    const workers = TLS_CLIENTS.map(({ driver, tls }, index) =>
      startClient(driver, [tls ? server.tlsAddress : server.plainAddress], `tls${index}`, tls ? server.tls : undefined),
    );
    await measureRows(
      tlsRows,
      TLS_CLIENTS.map(({ name }) => name),
      workers,
    );
  } finally {
    await server.stop();
  }
}

const run = {
  command: `${process.env.BENCH_SECONDS ? `BENCH_SECONDS=${SECONDS} ` : ''}${process.env.BENCH_ROUNDS ? `BENCH_ROUNDS=${ROUNDS} ` : ''}${process.env.BENCH_PROTOCOL ? `BENCH_PROTOCOL=${PROTOCOL} ` : ''}npm run bench${
    process.argv.length > 2
      ? ` -- ${process.argv
          .slice(2)
          .map((arg) => (/[\s"]/.test(arg) ? JSON.stringify(arg) : arg))
          .join(' ')}`
      : ''
  }`,
  date: new Date().toISOString(),
  seconds: SECONDS,
  rounds: ROUNDS,
  warmup: WARMUP,
  roundWarmup: ROUND_WARMUP,
  durationSeconds: (performance.now() - started) / 1000,
  clients: CLIENTS,
  protocol: PROTOCOL,
  ...environment([...CLIENTS, ...(tlsRows.length ? ['memcache'] : [])]),
  rows,
  ...(tlsRows.length ? { tls: { clients: TLS_CLIENTS, noTls: NO_TLS, servers: tlsAddresses, rows: tlsRows } } : {}),
};
const markdown = markdownReport(run);
const results = new URL('./results/', import.meta.url);
mkdirSync(results, { recursive: true });
writeFileSync(new URL('latest.json', results), `${JSON.stringify(run, null, 2)}\n`);
writeFileSync(new URL('latest.md', results), markdown);
// The chart shows the plaintext cells; a run of TLS cells alone leaves it be.
if (rows.length) {
  writeFileSync(new URL('latest.svg', results), svgChart(run));
  // bench/chart.svg is the committed copy bench/README.md shows.
  copyFileSync(new URL('latest.svg', results), new URL('./chart.svg', import.meta.url));
}
process.stdout.write(`${markdown}\nWrote bench/results/latest.{json,md${rows.length ? ',svg} and bench/chart.svg' : '}'}\n`);
