// Turns the rows of a run into tables: markdown for bench/README.md and
// bench/results/latest.md, the same markdown on stdout at the end of a run.
import { cellId, commandName, formatValue } from './matrix.mjs';

export const OURS = 'memcache-native';

const int = (n) => Math.round(n).toLocaleString('en-US');
const ms = (n) => (n >= 10 ? n.toFixed(1) : n.toFixed(3));

/** The best peer's ops/s for a row (memaslap is a reference, not a peer). */
export function bestPeer(row, peers) {
  let best;
  for (const name of peers) {
    const result = row.results[name];
    if (result && !result.error && (!best || result.opsPerSec > best.opsPerSec)) best = { name, ...result };
  }
  return best;
}

/**
 * Ours against the best peer of each round, as "lowest-highest": how far the
 * cell's ratio moved while the clients took turns.
 */
export function roundRatios(row, peers) {
  const ours = row.results[OURS];
  const rounds = ours?.roundOpsPerSec?.length ?? 0;
  if (ours?.error || rounds < 2) return undefined;
  const ratios = [];
  for (let round = 0; round < rounds; round++) {
    const best = Math.max(...peers.map((name) => row.results[name]?.roundOpsPerSec?.[round] ?? 0));
    if (best > 0) ratios.push(ours.roundOpsPerSec[round] / best);
  }
  return ratios.length < 2 ? undefined : { low: Math.min(...ratios), high: Math.max(...ratios) };
}

function opsCell(result) {
  if (!result) return '–';
  if (result.error) return `error: ${result.error.replace(/\|/g, '/').slice(0, 120)}`;
  const flags = [];
  if (result.errors) flags.push(`${int(result.errors)} failed`);
  if (result.misses) flags.push(`${int(result.misses)} misses`);
  return int(result.opsPerSec) + (flags.length ? ` (${flags.join(', ')})` : '');
}

export function throughputTable(rows, clients) {
  const peers = clients.filter((c) => c !== OURS);
  const head = ['command', 'value', 'servers', 'in flight', ...clients.map((c) => `${c} ops/s`), 'memaslap ops/s', 'vs best peer', 'rounds'];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  for (const row of rows) {
    const { servers, inFlight } = row.cell;
    const ours = row.results[OURS];
    const best = bestPeer(row, peers);
    const ratio = ours && !ours.error && best ? `${(ours.opsPerSec / best.opsPerSec).toFixed(2)}x (${best.name})` : '–';
    const spread = roundRatios(row, peers);
    const rounds = spread ? `${spread.low.toFixed(2)}-${spread.high.toFixed(2)}x` : '–';
    lines.push(
      `| ${[commandName(row.cell), formatValue(row.cell), servers, inFlight, ...clients.map((c) => opsCell(row.results[c])), opsCell(row.memaslap), ratio, rounds].join(' | ')} |`,
    );
  }
  return lines.join('\n');
}

export function costTable(rows, clients) {
  const head = ['cell', 'client', 'ops/s', 'p50 ms', 'p99 ms', 'CPU ms / 1k ops', 'peak RSS MB'];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  for (const row of rows) {
    for (const client of clients) {
      const r = row.results[client];
      if (!r || r.error) continue;
      lines.push(`| ${[cellId(row.cell), client, int(r.opsPerSec), ms(r.p50Ms), ms(r.p99Ms), r.cpuMsPer1k.toFixed(1), Math.round(r.peakRssMb)].join(' | ')} |`);
    }
  }
  return lines.join('\n');
}

const PLAINTEXT = `${OURS} plaintext`;

/** `a` / `b` of each round as "lowest-highest", or undefined. */
function spread(a, b) {
  const rounds = Math.min(a?.roundOpsPerSec?.length ?? 0, b?.roundOpsPerSec?.length ?? 0);
  if (a?.error || b?.error || rounds < 2) return undefined;
  const ratios = Array.from({ length: rounds }, (_, i) => a.roundOpsPerSec[i] / b.roundOpsPerSec[i]).filter(Number.isFinite);
  return ratios.length < 2 ? undefined : `${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)}x`;
}

/**
 * The TLS cells: memcache-native over TLS against the best peer over TLS
 * (rounds: each round's memcache-native against that round's best peer), and
 * against itself over plaintext on the same memcached; the peers without TLS
 * as such.
 */
export function tlsThroughputTable(tls) {
  const names = tls.clients.map(({ name }) => name);
  const peers = names.filter((name) => name !== OURS && name !== PLAINTEXT);
  const noTls = Object.keys(tls.noTls);
  const head = [
    'command',
    'value',
    'in flight',
    ...names.map((n) => `${n === PLAINTEXT ? n : `${n} TLS`} ops/s`),
    ...noTls,
    'vs best TLS peer',
    'rounds',
    'TLS / plaintext',
    'rounds',
  ];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  for (const row of tls.rows) {
    const ours = row.results[OURS];
    const plain = row.results[PLAINTEXT];
    const best = bestPeer(row, peers);
    const ok = (r) => r && !r.error;
    const ratio = ok(ours) && best ? `${(ours.opsPerSec / best.opsPerSec).toFixed(2)}x (${best.name})` : '–';
    const peerRounds = roundRatios(row, peers);
    const overhead = ok(ours) && ok(plain) ? `${(ours.opsPerSec / plain.opsPerSec).toFixed(2)}x` : '–';
    lines.push(
      `| ${[
        commandName(row.cell),
        formatValue(row.cell),
        row.cell.inFlight,
        ...names.map((n) => opsCell(row.results[n])),
        ...noTls.map(() => 'no TLS'),
        ratio,
        peerRounds ? `${peerRounds.low.toFixed(2)}-${peerRounds.high.toFixed(2)}x` : '–',
        overhead,
        spread(ours, plain) ?? '–',
      ].join(' | ')} |`,
    );
  }
  return lines.join('\n');
}

function tlsReport(tls) {
  return [
    `TLS: one memcached (\`-Z\`, TLS on ${tls.servers?.tls ?? 'one port'}, plaintext on ${tls.servers?.plaintext ?? 'another'} with \`-l notls:\`), a throwaway CA and a P-256 server certificate made with \`openssl\`; every TLS client verifies it against that CA. "${PLAINTEXT}" is memcache-native on the plaintext port of the same memcached. Operations per second:`,
    '',
    tlsThroughputTable(tls),
    '',
    ...Object.entries(tls.noTls).map(([name, why]) => `- ${name}: ${why}`),
    '',
    'Cost per client, TLS cells:',
    '',
    costTable(
      tls.rows,
      tls.clients.map(({ name }) => name),
    ),
    '',
  ];
}

export function markdownReport(run) {
  const header = [
    `Command: \`${run.command}\` (${run.seconds} s per cell and client in ${run.rounds} rounds, after ${run.warmup} s of warm-up; ${run.durationSeconds.toFixed(0)} s in all)`,
    '',
    `Machine: ${run.machine.cores} cores (${run.machine.cpu}), Node ${run.machine.node}, ${run.machine.memcached}, libmemcached ${run.machine.libmemcached}, ${Object.entries(
      run.versions,
    )
      .map(([n, v]) => `${n} ${v}`)
      .join(', ')}.`,
    '',
  ];
  const tls = run.tls?.rows.length ? tlsReport(run.tls) : [];
  if (!run.rows.length) return [...header, ...tls].join('\n');
  return [
    ...header,
    // Runs from before BENCH_PROTOCOL have no `protocol`: they were ASCII.
    `memcache-native on the ${run.protocol ?? 'ascii'} protocol (memjs binary, memcached and memcache-client ASCII).`,
    '',
    'Operations per second (getMany(N): calls of N keys each, keys/s = ops/s x N; value: "str" a string, "buf" a Buffer of random bytes):',
    '',
    throughputTable(run.rows, run.clients),
    '',
    '"rounds": the lowest and highest ratio of memcache-native to the best peer of each round (the clients take turns in every cell).',
    '',
    'Cost per client (each client in its own process):',
    '',
    costTable(run.rows, run.clients),
    '',
    ...tls,
  ].join('\n');
}
