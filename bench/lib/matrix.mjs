// Which cells a run measures. A cell is one command at one value size and
// type (a string, or a Buffer of random bytes), server count and number of
// operations in flight; a getMany cell also has its number of keys per call.

export const COMMANDS = ['get', 'set', 'mixed', 'getMany'];
export const SIZES = [100, 10_240, 512_000];
export const SERVER_COUNTS = [1, 4];
export const IN_FLIGHT = [1, 32, 256];
/** Keys per getMany call. */
export const BATCHES = [100, 1000];
/**
 * Value types: 'string' (every cell before Buffers were added) and 'buffer'
 * (incompressible random bytes), which users pass as often as strings and
 * which no client has to encode or decode as text.
 */
export const VALUES = ['string', 'buffer'];
// Sizes whose Buffer cells are measured: where handling the value is a large
// part of an operation's cost; at 100 B the round trip is nearly all of it.
const BUFFER_SIZES = [10_240, 512_000];
/**
 * Sizes of the TLS cells: a small value, where the record framing and the
 * per-read cost of TLS weigh most, and 10 KB, where encryption does. Strings,
 * because one TLS peer (the `memcache` package) stores and reads strings only.
 */
export const TLS_SIZES = [100, 10_240];

const cell = (command, size, servers, inFlight, { value = 'string', batch, tls } = {}) => {
  const c = command === 'getMany' ? { command, batch: batch ?? BATCHES[0], size, value, servers, inFlight } : { command, size, value, servers, inFlight };
  return tls ? { ...c, tls: true } : c;
};

/**
 * Get and set over TLS, one server, at every concurrency: run against the
 * TLS-capable clients on one TLS memcached (bench/run.mjs), with this client
 * on the same memcached's plaintext port beside them.
 */
export function tlsMatrix() {
  const cells = [];
  for (const command of ['get', 'set']) for (const size of TLS_SIZES) for (const n of IN_FLIGHT) cells.push(cell(command, size, 1, n, { tls: true }));
  return cells;
}

/** The command as the tables show it: getMany with its keys per call. */
export function commandName({ command, batch }) {
  return command === 'getMany' ? `getMany(${batch})` : command;
}

export function cellId(c) {
  return `${commandName(c)} ${formatValue(c)} ${c.servers}srv @${c.inFlight}${c.tls ? ' tls' : ''}`;
}

export function formatSize(size) {
  return size >= 1024 ? `${Math.round(size / 1024)}KB` : `${size}B`;
}

/** "10KB str" or "10KB buf": the size and type of the cell's values. */
export function formatValue({ size, value }) {
  return `${formatSize(size)} ${value === 'buffer' ? 'buf' : 'str'}`;
}

/**
 * The default run covers every dimension at least once without the cross
 * product (46 cells instead of 100): every command at every concurrency on the
 * common case (100 B strings, one server), getMany of 1,000 keys at 1 and 32;
 * 10 KB and 500 KB values for get and set at 1 and 32 in flight, as strings
 * and as Buffers, so each Buffer cell has its string twin in the same run;
 * four servers for get and set at 32 and 256 in flight; the 12 TLS cells.
 */
export function defaultMatrix() {
  const cells = [];
  for (const command of COMMANDS) for (const n of IN_FLIGHT) cells.push(cell(command, 100, 1, n));
  for (const n of [1, 32]) cells.push(cell('getMany', 100, 1, n, { batch: 1000 }));
  for (const size of BUFFER_SIZES)
    for (const value of VALUES) for (const command of ['get', 'set']) for (const n of [1, 32]) cells.push(cell(command, size, 1, n, { value }));
  for (const command of ['get', 'set']) for (const n of [32, 256]) cells.push(cell(command, 100, 4, n));
  return [...cells, ...tlsMatrix()];
}

/**
 * Every combination of strings, except 256 in flight at 500 KB: 128 MB of
 * values in flight per client says more about the allocator than the client,
 * and a cell at that size is already saturated at 32. getMany of 1,000 keys
 * only at 100 B and up to 32 in flight (at 10 KB one call is 10 MB). Buffers
 * for get and set at the sizes of the default run's Buffer cells. The TLS
 * cells, as in the default run.
 */
export function fullMatrix() {
  const cells = [];
  const tooBig = (size, n) => size >= 512_000 && n > 32;
  for (const command of COMMANDS)
    for (const size of SIZES) for (const servers of SERVER_COUNTS) for (const n of IN_FLIGHT) if (!tooBig(size, n)) cells.push(cell(command, size, servers, n));
  for (const servers of SERVER_COUNTS) for (const n of [1, 32]) cells.push(cell('getMany', 100, servers, n, { batch: 1000 }));
  for (const command of ['get', 'set'])
    for (const size of BUFFER_SIZES)
      for (const servers of SERVER_COUNTS) for (const n of IN_FLIGHT) if (!tooBig(size, n)) cells.push(cell(command, size, servers, n, { value: 'buffer' }));
  return [...cells, ...tlsMatrix()];
}

/**
 * The words a cell answers to in `--only`: its command (getMany also as
 * getMany(100) / getMany(1000)), value size and type, servers and in flight,
 * and `tls` for a TLS cell, spelt as in its id ("get 10KB buf 1srv @32",
 * "get 100B str 1srv @32 tls").
 */
function words(c) {
  const has = [c.command, commandName(c), formatSize(c.size), c.value === 'buffer' ? 'buf' : 'str', `${c.servers}srv`, `@${c.inFlight}`];
  return new Set(c.tls ? [...has, 'tls'] : has);
}

/**
 * `--only` is a comma-separated list of alternatives; a cell is kept when it
 * has every word of one of them. Words within an alternative are separated by
 * spaces or `+`: `--only get,set` keeps those commands (as before),
 * `--only buf` every Buffer cell, `--only 10KB,500KB` the large values,
 * `--only tls` the TLS cells,
 * `--only get+buf+@32` or `--only "get 10KB buf 1srv @32"` (a cell's id) less.
 */
export function filterCells(cells, only) {
  if (!only) return cells;
  const alternatives = only
    .split(',')
    .map((alternative) => alternative.split(/[\s+]+/).filter(Boolean))
    .filter((alternative) => alternative.length);
  const known = new Set([
    ...COMMANDS,
    ...BATCHES.map((batch) => `getMany(${batch})`),
    ...SIZES.map(formatSize),
    'str',
    'buf',
    ...SERVER_COUNTS.map((n) => `${n}srv`),
    ...IN_FLIGHT.map((n) => `@${n}`),
    'tls',
  ]);
  const unknown = [...new Set(alternatives.flat())].filter((word) => !known.has(word));
  if (unknown.length) throw new Error(`--only: unknown ${unknown.join(', ')} (known: ${[...known].join(', ')})`);
  const kept = cells.filter((c) => {
    const has = words(c);
    return alternatives.some((alternative) => alternative.every((word) => has.has(word)));
  });
  if (!kept.length) throw new Error(`--only ${only}: no cell of this matrix matches (--full has more)`);
  return kept;
}
