// memaslap (libmemcached-tools), the C reference: the same get / set / mix
// against the same server at the same concurrency, in its own process.
// Debian ships it as `memcaslap`; upstream calls it `memaslap`.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const MEMASLAP_COMMANDS = ['get', 'set', 'mixed'];
const SET_SHARE = { get: 0, set: 1, mixed: 0.1 };

let binary;
function memaslapBinary() {
  binary ??= ['memaslap', 'memcaslap'].find((name) => {
    try {
      execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  });
  if (!binary) {
    throw new Error('memaslap not found (neither memaslap nor memcaslap): apt-get install -y libmemcached-tools');
  }
  return binary;
}

/**
 * Whether memaslap has a row for this cell: one server, no multi-get, no
 * reads of 500 KB values (its warm-up would store concurrency x 1k of them,
 * 16 GB), and string cells only: its values are its own bytes either way, so
 * a Buffer cell's row would repeat its string twin's.
 */
export function memaslapCovers(cell) {
  if (cell.servers !== 1 || !MEMASLAP_COMMANDS.includes(cell.command) || cell.value === 'buffer') return false;
  return cell.command === 'set' || cell.size <= 10_240;
}

/**
 * Seconds memaslap runs for a cell. Before reading, memaslap stores
 * concurrency x win_size keys, inside its timed run and counted in its TPS;
 * win_size cannot go below 1k, so reads run at least 3 s to keep that warm-up
 * a small share. Pure sets have no warm-up.
 */
export function memaslapSeconds(cell, seconds) {
  const whole = Math.max(1, Math.round(seconds));
  return cell.command === 'set' ? whole : Math.max(3, whole);
}

/**
 * Runs memaslap for `cell` against `server`; resolves { opsPerSec, misses }.
 * Its config file fixes key length (like ours, ~16 bytes), value size and the
 * get/set proportions.
 */
export async function runMemaslap(cell, server, seconds) {
  const bin = memaslapBinary();
  const dir = mkdtempSync(join(tmpdir(), 'memaslap-'));
  try {
    const config = join(dir, 'config');
    const setShare = SET_SHARE[cell.command];
    writeFileSync(config, `key\n16 16 1\nvalue\n${cell.size} ${cell.size} 1\ncmd\n0 ${setShare}\n1 ${1 - setShare}\n`);
    const args = [
      `--servers=${server}`,
      `--cfg_cmd=${config}`,
      `--time=${memaslapSeconds(cell, seconds)}s`,
      `--concurrency=${cell.inFlight}`,
      // Two threads for two cores; memaslap needs at least one concurrency per thread.
      `--threads=${Math.min(2, cell.inFlight)}`,
      // Its smallest window (and fewest keys per concurrency).
      '--win_size=1k',
    ];
    const output = await new Promise((resolve, reject) => {
      execFile(bin, args, { timeout: (memaslapSeconds(cell, seconds) + 60) * 1000 }, (error, stdout, stderr) => {
        if (error) reject(new Error(`${bin} failed: ${error.message.trim()} ${stderr.trim()}`));
        else resolve(stdout + stderr);
      });
    });
    const tps = /Run time: [\d.]+s Ops: \d+ TPS: (\d+)/.exec(output);
    if (!tps) throw new Error(`${bin}: no "TPS:" line in its output: ${output.trim().slice(-200)}`);
    const misses = Number(/get_misses: (\d+)/.exec(output)?.[1] ?? 0);
    return { opsPerSec: Number(tps[1]), misses };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
