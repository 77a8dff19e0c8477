/**
 * What only the binary protocol has: replies matched by opaque, quiet commands
 * that answer only when they fail, framed replies that can be cut short or
 * lie about their length. A scripted server sends what a real one never
 * would; every call must settle with a correct result or a typed error, and
 * the connection must never be reused out of step. (The commands themselves
 * run under both protocols: see vitest.config.mts.)
 */
import { afterEach, describe, expect, it } from 'vitest';

import { ConnectionError, MemcachedError, ProtocolError } from '../../src/index.js';
import { binding } from '../../src/engine/native.js';
import { seededRandom } from '../support/random.mjs';
import { binaryHit, binaryResponse, binaryScriptedServer, OPCODES, plainBinaryReply, type BinaryScript } from '../support/binary-server.js';
import { testClient } from '../support/clients.js';
import type { FakeServer } from '../support/util.js';
import { within } from '../support/util.js';

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function binaryClientOf(script: BinaryScript) {
  server = await binaryScriptedServer(script);
  return testClient({ protocol: 'binary', retryTimeout: 0, timeout: 500, connectTimeout: 500 }, server.address);
}

function settleAll<T>(promises: Promise<T>[]): Promise<PromiseSettledResult<T>[]> {
  return within(Promise.allSettled(promises), 5000, 'the batch');
}

function rejection(result: PromiseSettledResult<unknown>): unknown {
  expect(result.status).toBe('rejected');
  return (result as PromiseRejectedResult).reason;
}

describe('the binary pipeline against replies a server should never send', () => {
  it("faults a reply carrying another command's opaque, closes the connection, and starts clean", async () => {
    const client = await binaryClientOf((request) =>
      request.connection === 0 && request.index === 2 ? binaryResponse(request, { opaque: request.opaque + 7 }) : plainBinaryReply(request),
    );
    const results = await settleAll(Array.from({ length: 5 }, (_, i) => client.set(`k${i}`, 'v')));
    expect(results.slice(0, 2).map((result) => result.status)).toEqual(['fulfilled', 'fulfilled']);
    for (const result of results.slice(2)) {
      const error = rejection(result);
      expect(error).toBeInstanceOf(ProtocolError);
      expect((error as Error).message).toMatch(/a reply no command asked for/);
    }
    // A new connection, in step.
    expect(await client.set('after', 'v')).toBe(true);
    expect(server!.connections).toBe(2);
  });

  it('rejects bytes that are not a response frame', async () => {
    const client = await binaryClientOf((request) => (request.connection === 0 ? Buffer.from('HELLO WORLD\r\n') : plainBinaryReply(request)));
    const error = rejection((await settleAll([client.set('k', 'v')]))[0]!);
    expect(error).toBeInstanceOf(ProtocolError);
    expect((error as Error).message).toMatch(/not a binary response frame: 'HELLO WORLD\?\?'/);
    expect(await client.set('k', 'v')).toBe(true);
  });

  it('rejects a frame whose body length no reply to a write could have, without waiting for the body', async () => {
    const client = await binaryClientOf((request) => {
      if (request.connection !== 0) return plainBinaryReply(request);
      const frame = binaryResponse(request);
      frame.writeUInt32BE(1 << 30, 8);
      return frame;
    });
    const error = rejection((await settleAll([client.delete('k')]))[0]!);
    // A client that waited for the body would fail with a TimeoutError.
    expect(error).toBeInstanceOf(ProtocolError);
    expect((error as Error).message).toMatch(/a body of 1073741824 bytes/);
    expect(await client.delete('k')).toBe(true);
  });

  it('faults the commands whose replies were cut short by a closed connection', async () => {
    const client = await binaryClientOf((request) => {
      if (request.connection !== 0 || request.index < 1) return plainBinaryReply(request);
      return { last: binaryResponse(request).subarray(0, 10) };
    });
    const results = await settleAll([client.set('a', 'v'), client.set('b', 'v'), client.set('c', 'v')]);
    expect(results[0]).toEqual({ status: 'fulfilled', value: true });
    for (const result of results.slice(1)) expect(rejection(result)).toBeInstanceOf(ConnectionError);
    expect(await client.set('b', 'v')).toBe(true);
  });

  it('rejects a counter that is not 8 bytes, and the stream stays in step for the rest', async () => {
    const client = await binaryClientOf((request) =>
      request.opcode === OPCODES.INCR && request.key.toString().endsWith('odd')
        ? binaryResponse(request, { value: Buffer.alloc(4) })
        : plainBinaryReply(request),
    );
    const [odd, even, set] = await settleAll<unknown>([client.incr('odd', 5), client.incr('even', 9), client.set('k', 'v')]);
    const error = rejection(odd!);
    expect(error).toBeInstanceOf(ProtocolError);
    expect((error as Error).message).toMatch(/a counter of 4 bytes/);
    expect(even).toEqual({ status: 'fulfilled', value: 9 });
    expect(set).toEqual({ status: 'fulfilled', value: true });
    expect(server!.connections).toBe(1);
  });

  it('swallows the failure a quiet (noreply) command reports, and answers the commands after it', async () => {
    const client = await binaryClientOf((request) =>
      request.opcode === OPCODES.SETQ ? binaryResponse(request, { status: 0x0003, value: Buffer.from('Too large.') }) : plainBinaryReply(request),
    );
    const results = await settleAll<unknown>([client.set('quiet', 'v', { noreply: true }), client.incr('n', 3), client.set('loud', 'v')]);
    expect(results).toEqual([
      { status: 'fulfilled', value: true },
      { status: 'fulfilled', value: 3 },
      { status: 'fulfilled', value: true },
    ]);
    expect(server!.connections).toBe(1);
  });

  it("seeded fuzz: every write settles with the plain answer or a typed error, never another command's", async () => {
    const next = seededRandom(3003);
    const random = { int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)) };
    const spoilers: Array<(request: Parameters<BinaryScript>[0]) => ReturnType<BinaryScript>> = [
      (request) => binaryResponse(request, { opaque: random.int(0, 64) }),
      (request) => binaryResponse(request, { status: random.int(1, 0x90) }),
      (request) => ({ last: binaryResponse(request, { value: Buffer.alloc(8) }).subarray(0, random.int(0, 31)) }),
      () => Buffer.from(Array.from({ length: random.int(1, 40) }, () => random.int(0, 255))),
      (request) => Buffer.concat([plainBinaryReply(request) ?? Buffer.alloc(0), plainBinaryReply(request) ?? Buffer.alloc(0)]),
      () => 'close',
    ];
    const client = await binaryClientOf((request) =>
      random.int(0, 9) === 0 ? spoilers[random.int(0, spoilers.length - 1)]!(request) : plainBinaryReply(request),
    );
    let answered = 0;
    let typed = 0;
    for (let round = 0; round < 40; round++) {
      const deltas = Array.from({ length: 20 }, () => random.int(1, 1_000_000));
      const results = await settleAll<unknown>(deltas.map((delta, i) => client.incr(`r${round}k${i}`, delta)));
      results.forEach((result, i) => {
        if (result.status === 'fulfilled') {
          // The scripted server answers an incr with its own delta: any other number came from another command.
          if (result.value !== undefined) expect(result.value).toBe(deltas[i]);
          answered++;
        } else {
          expect(result.reason).toBeInstanceOf(MemcachedError);
          typed++;
        }
      });
    }
    // The spoiling did happen, and many calls still went through.
    expect(answered).toBeGreaterThan(200);
    expect(typed).toBeGreaterThan(20);
  });

  it('reads on the event loop: hits in order, misses left out, a value for another key refused', async () => {
    let spoil = false;
    const client = await binaryClientOf((request) => {
      if (request.opcode !== OPCODES.GETKQ) return plainBinaryReply(request);
      const key = request.key.toString();
      if (spoil && key.endsWith('hit1')) return binaryHit(request, Buffer.from('x'), Buffer.from(key.replace('hit1', 'hit2')));
      return key.includes('hit') ? binaryHit(request, Buffer.from(`value of ${key.slice(key.lastIndexOf(':') + 1)}`)) : null;
    });
    expect(await client.set('warm', 'up')).toBe(true); // opens the connection
    const before = client.counters.loopBatches;
    const read = await settleAll<unknown>(['miss0', 'hit1', 'miss2', 'hit2', 'hit1'].map((key) => client.get(key)));
    // On the event loop, unless the thread driver is forced (the thread project).
    expect(client.counters.loopBatches).toBe(before + (binding.threadDriverForced ? 0 : 1));
    // Flags 0: textCodec hands the values back as Buffers.
    expect(read.map((result) => (result as PromiseFulfilledResult<Buffer | undefined>).value?.toString())).toEqual([
      undefined,
      'value of hit1',
      undefined,
      'value of hit2',
      'value of hit1',
    ]);

    spoil = true;
    const [hit1, hit2] = await settleAll<unknown>([client.get('hit1'), client.get('hit2')]);
    expect(rejection(hit1!)).toBeInstanceOf(ProtocolError);
    expect((rejection(hit1!) as Error).message).toMatch(/a reply no read asked for/);
    expect(hit2!.status).toBe('rejected');
  });
});
