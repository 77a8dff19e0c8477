/**
 * Operation codes, statuses and modifier bits, numbered by the addon: the
 * native X-macro lists are the only place these numbers are written down.
 */
import { binding } from './native.js';

function numbered<const N extends string>(names: readonly N[], native: readonly string[]): Record<N, number> {
  const table = {} as Record<N, number>;
  for (const name of names) {
    const index = native.indexOf(name);
    if (index < 0) throw new Error(`memcache-native: the addon does not know "${name}": rebuild it (npm run build:native)`);
    table[name] = index;
  }
  return table;
}

export const Opcode = numbered(['GET', 'GETS', 'SET', 'ADD', 'REPLACE', 'APPEND', 'PREPEND', 'CAS', 'DELETE', 'TOUCH', 'INCR', 'DECR'], binding.opcodes);

export const Status = numbered(
  [
    'OK',
    'NOT_FOUND',
    'NOT_STORED',
    'EXISTS',
    'TIMEOUT',
    'CONNECTION',
    'SERVER_DOWN',
    'AUTH',
    'TLS',
    'SERVER_ERROR',
    'CLIENT_ERROR',
    'NOT_NUMERIC',
    'PROTOCOL',
    'UNKNOWN',
    'CLOSED',
  ],
  binding.statuses,
);

/** Statuses from this one on are faults; the ones before it are answers. */
export const FIRST_FAULT = Status.TIMEOUT;

export const statusName: readonly string[] = binding.statuses;

export const Modifier = binding.modifiers;
