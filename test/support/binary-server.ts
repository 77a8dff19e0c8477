/**
 * A fake memcached that speaks the binary protocol's framing (24-byte request
 * headers, then extras, key and value) and answers each request as a script
 * says: for what no real server does, such as answering with another
 * request's opaque or a frame cut short.
 */
import { type FakeServer, fakeServer } from './util.js';

export interface BinaryRequest {
  opcode: number;
  opaque: number;
  extras: Buffer;
  key: Buffer;
  value: Buffer;
  /** Requests seen before this one on the same connection. */
  index: number;
  /** Connections accepted before this one. */
  connection: number;
}

/**
 * The bytes to send, `'close'` to drop the connection, `{ last }` to send
 * bytes and then drop it, or `null` for nothing.
 */
export type BinaryScript = (request: BinaryRequest) => Buffer | 'close' | { last: Buffer } | null;

export const OPCODES = { SET: 0x01, INCR: 0x05, NOOP: 0x0a, GETKQ: 0x0d, SETQ: 0x11, SASL_AUTH: 0x21 } as const;
const QUIET = new Set([0x09, 0x0d, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x19, 0x1a]);

/**
 * A response frame to `request`; `opaque`, `status` and `value` may be
 * overridden, and `extras` and `key` added (a read's hit carries both).
 */
export function binaryResponse(
  request: BinaryRequest,
  options: { status?: number; value?: Buffer; opaque?: number; extras?: Buffer; key?: Buffer } = {},
): Buffer {
  const value = options.value ?? Buffer.alloc(0);
  const extras = options.extras ?? Buffer.alloc(0);
  const key = options.key ?? Buffer.alloc(0);
  const header = Buffer.alloc(24);
  header[0] = 0x81;
  header[1] = request.opcode;
  header.writeUInt16BE(key.length, 2);
  header[4] = extras.length;
  header.writeUInt16BE(options.status ?? 0, 6);
  header.writeUInt32BE(extras.length + key.length + value.length, 8);
  header.writeUInt32BE(options.opaque ?? request.opaque, 12);
  return Buffer.concat([header, extras, key, value]);
}

/** A hit for a GETKQ: flags in the extras, the key, the value. */
export function binaryHit(request: BinaryRequest, value: Buffer, key = request.key): Buffer {
  const flags = Buffer.alloc(4);
  return binaryResponse(request, { extras: flags, key, value });
}

/** Answers as memcached would when every command succeeds: quiet ones say nothing, incr returns its delta. */
export function plainBinaryReply(request: BinaryRequest): Buffer | null {
  if (QUIET.has(request.opcode)) return null;
  if (request.opcode === 0x05 || request.opcode === 0x06) {
    return binaryResponse(request, { value: request.extras.subarray(0, 8) });
  }
  if (request.opcode === 0x0b) return binaryResponse(request, { value: Buffer.from('1.6.0-scripted') });
  return binaryResponse(request);
}

export function binaryScriptedServer(script: BinaryScript): Promise<FakeServer> {
  let connections = 0;
  return fakeServer((socket) => {
    const connection = connections++;
    let index = 0;
    let buffered = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      while (buffered.length >= 24) {
        const bodyLength = buffered.readUInt32BE(8);
        if (buffered.length < 24 + bodyLength) break;
        const extrasLength = buffered[4]!;
        const keyLength = buffered.readUInt16BE(2);
        const body = buffered.subarray(24, 24 + bodyLength);
        const request: BinaryRequest = {
          opcode: buffered[1]!,
          opaque: buffered.readUInt32BE(12),
          extras: body.subarray(0, extrasLength),
          key: body.subarray(extrasLength, extrasLength + keyLength),
          value: body.subarray(extrasLength + keyLength),
          index: index++,
          connection,
        };
        buffered = buffered.subarray(24 + bodyLength);
        const reply = script(request);
        if (reply === 'close') {
          socket.destroy();
          return;
        }
        if (reply && 'last' in reply) {
          socket.end(reply.last);
          return;
        }
        if (reply) socket.write(reply);
      }
    });
  });
}
