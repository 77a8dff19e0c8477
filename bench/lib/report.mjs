// Turns the rows of a run into tables: markdown for bench/README.md and
// bench/results/latest.md, the same markdown on stdout at the end of a run.
import { cellId, formatSize } from './matrix.mjs';
import { GET_MANY_KEYS } from './workload.mjs';

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
  const head = ['command', 'value', 'servers', 'in flight', ...clients.map((c) => `${c} ops/s`), 'memaslap ops/s', 'vs best peer'];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  for (const row of rows) {
    const { command, size, servers, inFlight } = row.cell;
    const ours = row.results[OURS];
    const best = bestPeer(row, peers);
    const ratio = ours && !ours.error && best ? `${(ours.opsPerSec / best.opsPerSec).toFixed(2)}x (${best.name})` : '–';
    lines.push(
      `| ${[command, formatSize(size), servers, inFlight, ...clients.map((c) => opsCell(row.results[c])), opsCell(row.memaslap), ratio].join(' | ')} |`,
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
      lines.push(
        `| ${[cellId(row.cell), client, int(r.opsPerSec), ms(r.p50Ms), ms(r.p99Ms), r.cpuMsPer1k.toFixed(1), Math.round(r.peakRssMb)].join(' | ')} |`,
      );
    }
  }
  return lines.join('\n');
}

export function markdownReport(run) {
  return [
    `Command: \`${run.command}\` (${run.seconds} s per cell after ${run.warmup} s of warm-up; ${run.durationSeconds.toFixed(0)} s in all)`,
    '',
    `Machine: ${run.machine.cores} cores (${run.machine.cpu}), Node ${run.machine.node}, ${run.machine.memcached}, libmemcached ${run.machine.libmemcached}, ${Object.entries(run.versions).map(([n, v]) => `${n} ${v}`).join(', ')}.`,
    '',
    `Operations per second (getMany: calls of ${GET_MANY_KEYS} keys each; keys/s = ops/s x ${GET_MANY_KEYS}):`,
    '',
    throughputTable(run.rows, run.clients),
    '',
    'Cost per client (each client in its own process):',
    '',
    costTable(run.rows, run.clients),
    '',
  ].join('\n');
}
