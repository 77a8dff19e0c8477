// Which cells a run measures. A cell is one command at one value size, server
// count and number of operations in flight.

export const COMMANDS = ['get', 'set', 'mixed', 'getMany'];
export const SIZES = [100, 10_240, 512_000];
export const SERVER_COUNTS = [1, 4];
export const IN_FLIGHT = [1, 32, 256];

const cell = (command, size, servers, inFlight) => ({ command, size, servers, inFlight });

export function cellId({ command, size, servers, inFlight }) {
  return `${command} ${formatSize(size)} ${servers}srv @${inFlight}`;
}

export function formatSize(size) {
  return size >= 1024 ? `${Math.round(size / 1024)}KB` : `${size}B`;
}

/**
 * The default run covers every dimension at least once without the cross
 * product (20 cells instead of 72): every command at every concurrency on the
 * common case (100 B, one server); value sizes for get and set at 32 in flight;
 * four servers for get and set at 32 and 256 in flight.
 */
export function defaultMatrix() {
  const cells = [];
  for (const command of COMMANDS) for (const n of IN_FLIGHT) cells.push(cell(command, 100, 1, n));
  for (const size of SIZES.slice(1)) for (const command of ['get', 'set']) cells.push(cell(command, size, 1, 32));
  for (const command of ['get', 'set']) for (const n of [32, 256]) cells.push(cell(command, 100, 4, n));
  return cells;
}

/**
 * Every combination, except 256 in flight at 500 KB: 128 MB of values in
 * flight per client says more about the allocator than the client, and a
 * cell at that size is already saturated at 32.
 */
export function fullMatrix() {
  const cells = [];
  for (const command of COMMANDS)
    for (const size of SIZES)
      for (const servers of SERVER_COUNTS)
        for (const n of IN_FLIGHT) if (!(size >= 512_000 && n > 32)) cells.push(cell(command, size, servers, n));
  return cells;
}

/** `--only get,set` keeps those commands. */
export function filterCells(cells, only) {
  if (!only) return cells;
  const wanted = new Set(only.split(','));
  const unknown = [...wanted].filter((command) => !COMMANDS.includes(command));
  if (unknown.length) throw new Error(`--only: unknown command ${unknown.join(', ')} (known: ${COMMANDS.join(', ')})`);
  return cells.filter((c) => wanted.has(c.command));
}
