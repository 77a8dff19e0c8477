import { randomBytes, pbkdf2 } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as net from 'node:net';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { MemcachedError } from '../../src/index.js';
import { track } from '../support/clients.js';
import { Client } from '../../src/index.js';

/** A server that accepts connections and never answers: every batch waits out the timeout. */
let silent: net.Server;
let silentAddress: string;

beforeAll(async () => {
  // Reads and discards requests (a paused socket would never notice the client hanging up).
  silent = net.createServer((socket) => socket.resume());
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  silentAddress = `127.0.0.1:${(silent.address() as net.AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => silent.close(() => resolve())));

describe('the libuv thread pool', () => {
  it('keeps serving fs and crypto while every batch waits on a server that never answers', async () => {
    const client = track(new Client(silentAddress, { timeout: 1500, connectTimeout: 1500, maxConcurrentBatches: 2 }));
    // Issue reads over many ticks: without the cap each tick would pin a libuv thread.
    const reads: Array<Promise<unknown>> = [];
    for (let tick = 0; tick < 8; tick++) {
      reads.push(client.get(`key${tick}`).catch((error: unknown) => error));
      await new Promise((resolve) => setImmediate(resolve));
    }
    const started = performance.now();
    const file = await fs.readFile(__filename, 'utf8');
    await promisify(pbkdf2)(randomBytes(8), 'salt', 1000, 32, 'sha256');
    const elapsed = performance.now() - started;
    expect(file).toContain('never answers');
    // The reads are still pinned for over a second; fs and crypto must not wait for them.
    expect(elapsed).toBeLessThan(500);
    const outcomes = await Promise.all(reads);
    for (const outcome of outcomes) {
      expect(outcome).toBeInstanceOf(MemcachedError);
      expect((outcome as MemcachedError).code).toBe('ERR_TIMEOUT');
    }
  });
});
