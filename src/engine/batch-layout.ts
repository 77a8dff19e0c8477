/**
 * The columnar layout of one batch, mirrored in native/engine/batch.cc
 * (BatchColumns::Map). The addon exports its bytes-per-operation so a drift
 * between the two is caught when the module loads.
 */
import { binding } from './native.js';

export interface Columns {
  buffer: ArrayBuffer;
  numbers: BigUint64Array;
  initials: BigUint64Array;
  resultNumbers: BigUint64Array;
  keyEnds: Uint32Array;
  valueEnds: Uint32Array;
  flags: Uint32Array;
  ttls: Uint32Array;
  resultFlags: Uint32Array;
  resultOffsets: Uint32Array;
  resultLengths: Uint32Array;
  opcodes: Uint8Array;
  modifiers: Uint8Array;
  status: Uint8Array;
}

export const COLUMN_BYTES_PER_OP = 3 * 8 + 7 * 4 + 3 * 1;

if (binding.columnBytesPerOp !== COLUMN_BYTES_PER_OP) {
  throw new Error(
    `memcache-native: the addon lays out ${binding.columnBytesPerOp} bytes per operation, ` +
      `the JavaScript ${COLUMN_BYTES_PER_OP}: rebuild the addon (npm run build:native)`,
  );
}

/** Columns for batches of up to `capacity` operations, each column `capacity` long. */
export function allocateColumns(capacity: number): Columns {
  return columnsOver(new ArrayBuffer(capacity * COLUMN_BYTES_PER_OP));
}

/** The views over a column buffer, as the addon reads it: each column as long as the buffer holds operations. */
export function columnsOver(buffer: ArrayBuffer): Columns {
  const capacity = buffer.byteLength / COLUMN_BYTES_PER_OP;
  let offset = 0;
  const take = <T>(View: new (buffer: ArrayBuffer, offset: number, length: number) => T, width: number): T => {
    const view = new View(buffer, offset, capacity);
    offset += width * capacity;
    return view;
  };
  // Same order as BatchColumns::Map: widest first.
  return {
    buffer,
    numbers: take(BigUint64Array, 8),
    initials: take(BigUint64Array, 8),
    resultNumbers: take(BigUint64Array, 8),
    keyEnds: take(Uint32Array, 4),
    valueEnds: take(Uint32Array, 4),
    flags: take(Uint32Array, 4),
    ttls: take(Uint32Array, 4),
    resultFlags: take(Uint32Array, 4),
    resultOffsets: take(Uint32Array, 4),
    resultLengths: take(Uint32Array, 4),
    opcodes: take(Uint8Array, 1),
    modifiers: take(Uint8Array, 1),
    status: take(Uint8Array, 1),
  };
}
