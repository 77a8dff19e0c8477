/**
 * A bounds-checked cursor over pickle bytes. Every declared length is checked
 * against the bytes that remain before anything is read or allocated, so a
 * corrupt length fails as truncated data instead of allocating it.
 */
import { UnpicklingError } from './errors.js';

const NEWLINE = 0x0a;

export class PickleReader {
  private at = 0;

  constructor(private readonly data: Buffer) {}

  get position(): number {
    return this.at;
  }

  /** Throws unless `size` more bytes follow. */
  require(size: number): void {
    const left = this.data.length - this.at;
    if (size > left) throw new UnpicklingError(`Pickle data was truncated: ${size} bytes declared, ${left} left`);
  }

  /** `size` bytes as a view into the input (copy them to keep them). */
  bytes(size: number): Buffer {
    this.require(size);
    const view = this.data.subarray(this.at, this.at + size);
    this.at += size;
    return view;
  }

  byte(): number {
    this.require(1);
    return this.data[this.at++]!;
  }

  uint16(): number {
    this.require(2);
    this.at += 2;
    return this.data.readUInt16LE(this.at - 2);
  }

  int32(): number {
    this.require(4);
    this.at += 4;
    return this.data.readInt32LE(this.at - 4);
  }

  uint32(): number {
    this.require(4);
    this.at += 4;
    return this.data.readUInt32LE(this.at - 4);
  }

  /** An 8-byte little-endian length; one that exceeds the input is refused before it can lose precision. */
  length64(): number {
    const low = this.uint32();
    const high = this.uint32();
    return high === 0 ? low : Number.MAX_SAFE_INTEGER;
  }

  float64(): number {
    this.require(8);
    this.at += 8;
    return this.data.readDoubleBE(this.at - 8);
  }

  /** The bytes up to the next newline, which is consumed and not returned. */
  line(): Buffer {
    const end = this.data.indexOf(NEWLINE, this.at);
    if (end === -1) throw new UnpicklingError('Pickle data was truncated: a line has no newline');
    const view = this.data.subarray(this.at, end);
    this.at = end + 1;
    return view;
  }
}
