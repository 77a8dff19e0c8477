/** Small helpers shared by the test files: bounded waits, fake servers, the built package. */
import { type ChildProcess, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import * as tls from 'node:tls';

import { expect } from 'vitest';

import { ERROR_CODES, type ErrorCode, InvalidArgumentError, MemcachedError } from '../../src/index.js';

/** The repository root. */
export const ROOT = path.resolve(__dirname, '..', '..');

/** Codes of errors raised before any I/O: bad input, or a closed client. */
export const INPUT_CODES: readonly ErrorCode[] = [
  'ERR_INVALID_KEY',
  'ERR_KEY_TOO_LONG',
  'ERR_INVALID_VALUE',
  'ERR_VALUE_TOO_LARGE',
  'ERR_INVALID_TTL',
  'ERR_INVALID_CAS',
  'ERR_INVALID_ARGUMENT',
  'ERR_INVALID_OPTION',
  'ERR_CLIENT_CLOSED',
];

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Resolves or rejects as `promise` does, or rejects once `ms` pass without it settling. */
/**
 * Freezes a process with SIGSTOP and waits until the kernel has stopped it
 * (state T in /proc), so no request sent afterwards can still be answered.
 */
export async function freeze(child: ChildProcess): Promise<void> {
  child.kill('SIGSTOP');
  for (let tries = 0; tries < 200; tries++) {
    const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
    if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('T')) return;
    await sleep(5);
  }
  throw new Error(`process ${child.pid} did not stop after SIGSTOP`);
}

export function within<T>(promise: Promise<T>, ms: number, what = 'the operation'): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not settle within ${ms} ms`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/** The rejection reason of `promise`; fails if it resolves (or does not settle in `ms`). */
export async function rejectionOf(promise: Promise<unknown>, ms = 10_000): Promise<MemcachedError> {
  let value: unknown;
  try {
    value = await within(promise, ms);
  } catch (error) {
    return error as MemcachedError;
  }
  throw new Error(`expected a rejection, got a resolution with ${String(value)}`);
}

/** The error a synchronous call throws; fails if it does not throw. */
export function thrownBy(call: () => unknown): MemcachedError {
  try {
    call();
  } catch (error) {
    return error as MemcachedError;
  }
  throw new Error('expected the call to throw');
}

export interface FakeServer {
  address: string;
  port: number;
  /** Connections accepted so far. */
  readonly connections: number;
  /** Bytes received so far (decrypted, with `tls`). */
  readonly received: Buffer;
  /** The listening server (a tls.Server with `tls`). */
  readonly server?: net.Server;
  close(): Promise<void>;
}

/**
 * A TCP server on a free loopback port that hands each connection to
 * `onSocket`; with `options.tls`, a TLS server that hands it each connection
 * once its handshake is done.
 */
export async function fakeServer(onSocket: (socket: net.Socket) => void, options: { tls?: tls.TlsOptions } = {}): Promise<FakeServer> {
  const sockets = new Set<net.Socket>();
  const chunks: Buffer[] = [];
  let connections = 0;
  const accept = (socket: net.Socket) => {
    connections++;
    sockets.add(socket);
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
    onSocket(socket);
  };
  const server = options.tls === undefined ? net.createServer(accept) : tls.createServer(options.tls, accept);
  // A refused handshake is the client's to report.
  server.on('tlsClientError', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    address: `127.0.0.1:${port}`,
    port,
    server,
    get connections() {
      return connections;
    },
    get received() {
      return Buffer.concat(chunks);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Accepts connections, reads (and drops) every request, never answers. */
export function silentServer(): Promise<FakeServer> {
  return fakeServer((socket) => socket.resume());
}

/** Answers every request with a line that is not memcached's protocol. */
export function garbageServer(line = 'HELLO WORLD\r\n'): Promise<FakeServer> {
  return fakeServer((socket) => socket.on('data', () => socket.write(line)));
}

/**
 * The built package (dist/): built with scripts/build-ts.mjs only when
 * dist/cjs/index.js is missing. A failed build fails the caller loudly.
 */
export function ensureDist(): void {
  if (existsSync(path.join(ROOT, 'dist', 'cjs', 'index.js'))) return;
  const build = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build-ts.mjs')], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (build.status !== 0 || !existsSync(path.join(ROOT, 'dist', 'cjs', 'index.js'))) {
    throw new Error(`node scripts/build-ts.mjs failed (status ${String(build.status)}, signal ${String(build.signal)}):\n${build.stdout}\n${build.stderr}`);
  }
}

/** Runs `node <args>` with `env` added; returns status, stdout and stderr. */
export function runNode(args: string[], env: Record<string, string> = {}, timeout = 30_000) {
  const result = spawnSync(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout,
  });
  return { status: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}

/** A fault from a server: typed, with a stable code, naming the server, with a clean message. */
export function expectServerFault(error: unknown, server: string, codes?: readonly ErrorCode[]): MemcachedError {
  expect(error).toBeInstanceOf(MemcachedError);
  const fault = error as MemcachedError;
  expect(fault).not.toBeInstanceOf(InvalidArgumentError);
  expect(ERROR_CODES).toContain(fault.code);
  expect(INPUT_CODES).not.toContain(fault.code);
  if (codes) expect(codes, fault.message).toContain(fault.code);
  expect(fault.server).toBe(server);
  expect(fault.message).toContain(server);
  expect(fault.message).not.toMatch(/\(0x[0-9a-f]+\)/i);
  expect(fault.message).not.toMatch(/\.cc:\d+/);
  expect(fault.message).not.toMatch(/->\s*\S+:\d+/);
  return fault;
}
