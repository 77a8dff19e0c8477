/**
 * Collects the bytes of one pickle and frames them as Python's pickler does from
 * protocol 4 on: a frame closes at the first opcode boundary after 64 KiB, a
 * frame under 4 bytes gets no FRAME header, and a str or bytes payload of
 * 64 KiB or more goes outside any frame so a reader can take it without copying.
 * Every method writes one whole opcode.
 */
import { FRAME_SIZE_TARGET, OP } from './pickle-opcodes.js';
import { encodeUtf8, hasLoneSurrogate } from './utf8.js';

const FRAME_SIZE_MIN = 4;

type SizeWidth = 0 | 1 | 4 | 8;

function writeSize(target: Buffer, at: number, width: SizeWidth, size: number): void {
  if (width === 1) target.writeUInt8(size, at);
  else if (width === 4) target.writeUInt32LE(size, at);
  else if (width === 8) target.writeBigUInt64LE(BigInt(size), at);
}

export class PickleWriter {
  /** Finished output: PROTO, committed frames and the large payloads between them. */
  private readonly chunks: Buffer[] = [];
  /** The open frame (below protocol 4, simply the output not yet committed) and its used length. */
  private frame = Buffer.allocUnsafe(256);
  private length = 0;
  private readonly framing: boolean;

  constructor(protocol: number) {
    // PROTO comes before the first frame.
    this.chunks.push(Buffer.from([OP.PROTO, protocol]));
    this.framing = protocol >= 4;
  }

  op(code: number): void {
    this.reserve(code, 0);
  }

  opUint8(code: number, value: number): void {
    const at = this.reserve(code, 1);
    this.frame.writeUInt8(value, at);
  }

  opUint16(code: number, value: number): void {
    const at = this.reserve(code, 2);
    this.frame.writeUInt16LE(value, at);
  }

  opInt32(code: number, value: number): void {
    const at = this.reserve(code, 4);
    this.frame.writeInt32LE(value, at);
  }

  opUint32(code: number, value: number): void {
    const at = this.reserve(code, 4);
    this.frame.writeUInt32LE(value, at);
  }

  opFloat64(code: number, value: number): void {
    const at = this.reserve(code, 8);
    this.frame.writeDoubleBE(value, at);
  }

  /** GLOBAL and the like: the opcode, then each argument as a UTF-8 line. */
  opLines(code: number, ...lines: string[]): void {
    this.opPayload(code, 0, Buffer.from(lines.map((line) => `${line}\n`).join(''), 'utf8'), false);
  }

  /**
   * The opcode, the payload's length as a `sizeWidth`-byte little-endian integer
   * (0: no length), then the payload. With `mayBypassFrame`, a payload of 64 KiB
   * or more is written outside frames, as Python does for str and bytes.
   */
  opPayload(code: number, sizeWidth: SizeWidth, payload: Uint8Array, mayBypassFrame: boolean): void {
    if (mayBypassFrame && payload.length >= FRAME_SIZE_TARGET) {
      this.commit();
      const header = Buffer.alloc(1 + sizeWidth);
      header[0] = code;
      writeSize(header, 1, sizeWidth, payload.length);
      this.chunks.push(header, Buffer.from(payload.buffer, payload.byteOffset, payload.length));
      return;
    }
    const at = this.reserve(code, sizeWidth + payload.length);
    writeSize(this.frame, at, sizeWidth, payload.length);
    this.frame.set(payload, at + sizeWidth);
  }

  /** {@link opPayload} for text, written as UTF-8 (surrogatepass) without an intermediate copy when it is small. */
  opText(code: number, sizeWidth: SizeWidth, text: string, byteLength: number, mayBypassFrame: boolean): void {
    if ((mayBypassFrame && byteLength >= FRAME_SIZE_TARGET) || hasLoneSurrogate(text)) {
      this.opPayload(code, sizeWidth, encodeUtf8(text), mayBypassFrame);
      return;
    }
    const at = this.reserve(code, sizeWidth + byteLength);
    writeSize(this.frame, at, sizeWidth, byteLength);
    this.frame.write(text, at + sizeWidth, byteLength, 'utf8');
  }

  finish(): Buffer {
    this.commit();
    return Buffer.concat(this.chunks);
  }

  /**
   * Ends the frame if it is full, makes room for an opcode and `argumentSize`
   * bytes, writes the opcode, and returns where the argument goes.
   */
  private reserve(code: number, argumentSize: number): number {
    if (this.framing && this.length >= FRAME_SIZE_TARGET) this.commit();
    const size = 1 + argumentSize;
    if (this.length + size > this.frame.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.frame.length * 2, this.length + size));
      this.frame.copy(grown, 0, 0, this.length);
      this.frame = grown;
    }
    this.frame[this.length] = code;
    this.length += size;
    return this.length - argumentSize;
  }

  private commit(): void {
    if (this.length === 0) return;
    if (this.framing && this.length >= FRAME_SIZE_MIN) {
      const header = Buffer.alloc(9);
      header[0] = OP.FRAME;
      header.writeBigUInt64LE(BigInt(this.length), 1);
      this.chunks.push(header);
    }
    this.chunks.push(this.frame.subarray(0, this.length));
    this.frame = Buffer.allocUnsafe(this.frame.length);
    this.length = 0;
  }
}
