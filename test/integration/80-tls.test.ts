import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as net from 'node:net';
import tls from 'node:tls';
import { inspect } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  Client,
  type ClientOptions,
  ConnectionError,
  InvalidArgumentError,
  nativeResources,
  ServerDownError,
  TimeoutError,
  TlsError,
} from '../../src/index.js';
import { protocolOption, sharedServers, track, uniquePrefix } from '../support/clients.js';
import { freePort, type MemcachedProcess } from '../support/memcached.js';
import { expectServerFault, rejectionOf, ROOT, silentServer, thrownBy, within } from '../support/util.js';
import { startSaslMemcached } from '../support/sasl-memcached.js';
import { LARGE, SMALL } from '../support/split-reply-tls-server.mjs';
import { startTlsMemcached, testCertificates } from '../support/tls.js';

const MiB = 1024 * 1024;
const certificates = testCertificates();
const { files } = certificates;

/** Servers started for this file, stopped after it. */
const started: MemcachedProcess[] = [];
async function start(...args: Parameters<typeof startTlsMemcached>): Promise<MemcachedProcess> {
  const server = await startTlsMemcached(...args);
  started.push(server);
  return server;
}

let server: MemcachedProcess;

beforeAll(async () => {
  // 2 MiB items, so a value of 1 MiB fits with its key and header.
  server = await start({ args: ['-I', '2m'] });
});

afterAll(async () => {
  await Promise.all(started.map((process) => process.stop()));
});

type Options = ClientOptions<string | Buffer>;

/** A client speaking this run's protocol in TLS, trusting the test CA unless `tls` says otherwise. */
function tlsClient(address: string | string[], options: Options = {}): Client<string | Buffer> {
  return track(
    new Client<string | Buffer>(address, {
      keyPrefix: uniquePrefix(),
      ...protocolOption(),
      tls: { ca: certificates.ca },
      retryTimeout: 0,
      ...options,
    }),
  );
}

/** The port of a `127.0.0.1:port` address, to reach the server as `localhost`. */
const localhost = (address: string) => `localhost:${address.split(':')[1]!}`;

describe('every command over TLS', () => {
  it('stores, reads, counts, touches and deletes', async () => {
    const client = tlsClient(server.address);
    expect(await client.set('k', 'one')).toBe(true);
    expect(await client.get('k')).toBe('one');
    expect(await client.add('k', 'two')).toBe(false);
    expect(await client.add('fresh', 'added')).toBe(true);
    expect(await client.replace('k', 'two')).toBe(true);
    expect(await client.replace('absent', 'x')).toBe(false);
    expect(await client.append('k', '>')).toBe(true);
    expect(await client.prepend('k', '<')).toBe(true);
    const item = await client.gets('k');
    expect(item?.value).toBe('<two>');
    expect(await client.cas('k', 'swapped', item!.cas)).toBe(true);
    expect(await client.cas('k', 'stale', item!.cas)).toBe(false);
    expect(await client.get('k')).toBe('swapped');
    expect(await client.touch('k', 100)).toBe(true);
    expect(await client.touch('absent', 100)).toBe(false);
    expect(await client.set('n', '10')).toBe(true);
    expect(await client.incr('n', 5)).toBe(15);
    expect(await client.decr('n', 3)).toBe(12);
    expect(await client.incr('absent-counter', 1)).toBeUndefined();
    expect(await client.delete('k')).toBe(true);
    expect(await client.delete('k')).toBe(false);
    expect(await client.get('k')).toBeUndefined();
    expect(await client.getMany(['fresh', 'absent', 'n'])).toEqual(
      new Map([
        ['fresh', 'added'],
        ['n', '12'],
      ]),
    );
    const many = await client.getsMany(['fresh', 'n']);
    expect([...many.keys()]).toEqual(['fresh', 'n']);
  });

  it('sends noreply commands, and answers the calls after them in order', async () => {
    const client = tlsClient(server.address);
    await Promise.all([client.set('a', 'A', { noreply: true }), client.set('b', 'B', { noreply: true }), client.delete('c', { noreply: true })]);
    expect(await client.getMany(['a', 'b', 'c'])).toEqual(
      new Map([
        ['a', 'A'],
        ['b', 'B'],
      ]),
    );
  });

  it('asks for stats and the version, and flushes', async () => {
    const client = tlsClient(server.address);
    const stats = await client.stats();
    expect(Object.keys(stats)).toEqual([server.address]);
    expect(Number(stats[server.address]!.curr_connections)).toBeGreaterThan(0);
    const settings = await client.stats('settings');
    expect(settings[server.address]!.ssl_enabled).toBe('yes');
    expect((await client.version())[server.address]).toMatch(/^\d+\.\d+\.\d+/);
    await client.set('gone', 'soon');
    await client.flush();
    expect(await client.get('gone')).toBeUndefined();
  });

  it('carries values from 0 bytes to 1 MiB byte for byte, one by one and in one getMany', async () => {
    const client = tlsClient(server.address, { timeout: 5000 });
    // Around 2 KiB: over TLS the rest of a longer value is read straight into its room.
    const sizes = [0, 1, 2, 100, 2047, 2048, 2049, 2050, 4095, 4096, 4097, 10_000, 16 * 1024 - 1, 16 * 1024, 16 * 1024 + 1];
    sizes.push(65_535, 65_536, 100_000, 500_000, MiB - 1, MiB);
    const values = new Map(sizes.map((size) => [`v${size}`, randomBytes(size)]));
    for (const [key, value] of values) {
      expect(await client.set(key, value)).toBe(true);
      const read = await client.get(key);
      expect(Buffer.isBuffer(read) && read.equals(value), `${value.length} bytes`).toBe(true);
    }
    const many = await client.getMany([...values.keys()]);
    expect(many.size).toBe(values.size);
    for (const [key, value] of values) expect((many.get(key) as Buffer).equals(value), key).toBe(true);
  });

  it('keeps hundreds of calls in flight on one server', async () => {
    const client = tlsClient(server.address, { timeout: 5000 });
    const keys = Array.from({ length: 300 }, (_, i) => `many${i}`);
    await Promise.all(keys.map((key, i) => client.set(key, `${i}:${'x'.repeat(i * 37)}`)));
    const read = await Promise.all(keys.map((key) => client.get(key)));
    expect(read).toEqual(keys.map((_, i) => `${i}:${'x'.repeat(i * 37)}`));
  });

  it('sends batches of requests far larger than a TLS record, which memcached must take record by record', async () => {
    // memcached 1.6.18 stalls when a record holds more than its 16 KiB read
    // buffer takes, or runs past the end of a value it reads straight into
    // the item: the client cuts its records at request ends.
    const client = tlsClient(server.address, { timeout: 5000 });
    for (const [count, size] of [
      [1000, 1000],
      [300, 3000],
      [40, 40_000],
    ] as const) {
      const keys = Array.from({ length: count }, (_, i) => `batch${size}:${i}:${'k'.repeat(100)}`);
      const value = (i: number) => `${i}:`.padEnd(size, 'v');
      expect(await Promise.all(keys.map((key, i) => client.set(key, value(i))))).toEqual(keys.map(() => true));
      const read = await client.getMany(keys);
      expect(read.size, `${count} x ${size} B`).toBe(count);
      keys.forEach((key, i) => expect(read.get(key)).toBe(value(i)));
      await Promise.all(keys.map((key) => client.delete(key, { noreply: true })));
      expect((await client.getMany(keys)).size).toBe(0);
    }
  });

  it('connects in TLS to servers given as memcaches://, with the settings of the tls option', async () => {
    const client = track(
      new Client<string | Buffer>(`memcaches://${localhost(server.address)}`, { keyPrefix: uniquePrefix(), ...protocolOption(), tls: { ca: certificates.ca } }),
    );
    expect(await client.set('url', 'yes')).toBe(true);
    expect(await client.get('url')).toBe('yes');
    // memcaches:// alone is tls: true, which does not trust the test CA: proof that it is TLS.
    const untrusted = track(new Client<string | Buffer>(`memcaches://${server.address}`, { ...protocolOption(), retryTimeout: 0 }));
    expect(await rejectionOf(untrusted.get('k'))).toBeInstanceOf(TlsError);
  });

  it('reaches the server by name (localhost, in its certificate) as well as by IP address', async () => {
    const client = tlsClient(localhost(server.address));
    expect(await client.set('named', 'yes')).toBe(true);
    expect(await client.get('named')).toBe('yes');
  });

  it('presents a client certificate to a server that requires one, with an encrypted key too', async () => {
    const strict = await start({ requireClientCert: true });
    const plain = tlsClient(strict.address, { tls: { ca: certificates.ca, cert: certificates.clientCert, key: certificates.clientKey } });
    expect(await plain.set('k', 'v')).toBe(true);
    expect(await plain.get('k')).toBe('v');
    const encrypted = tlsClient(strict.address, {
      tls: {
        ca: certificates.ca,
        cert: Buffer.from(certificates.clientCert),
        key: Buffer.from(certificates.clientKeyEncrypted),
        passphrase: certificates.clientKeyPassphrase,
      },
    });
    expect(await encrypted.set('k', 'encrypted key')).toBe(true);
    expect(await encrypted.get('k')).toBe('encrypted key');
  });

  it('logs in with SASL over TLS, and refuses a wrong password as over TCP', async () => {
    const sasl = await startSaslMemcached({ tlsuser: 'secret' }, { args: ['-Z', '-o', `ssl_chain_cert=${files.serverCert},ssl_key=${files.serverKey}`] });
    started.push(sasl);
    const client = tlsClient(sasl.address, { protocol: 'binary', sasl: { username: 'tlsuser', password: 'secret' } });
    expect(await client.set('k', 'over TLS')).toBe(true);
    expect(await client.get('k')).toBe('over TLS');
    const refused = tlsClient(sasl.address, { protocol: 'binary', sasl: { username: 'tlsuser', password: 'wrong' } });
    const error = await rejectionOf(refused.get('k'));
    expect(error.code).toBe('ERR_AUTH');
    expect(error.message).not.toContain('wrong');
  });

  it('takes TLS 1.2 with a named cipher, and TLS 1.3 only', async () => {
    const tls12 = tlsClient(server.address, { tls: { ca: certificates.ca, maxVersion: 'TLSv1.2', ciphers: 'ECDHE-ECDSA-AES128-GCM-SHA256' } });
    expect(await tls12.set('k', '1.2')).toBe(true);
    const tls13 = tlsClient(server.address, { tls: { ca: [certificates.ca], minVersion: 'TLSv1.3', ciphers: 'TLS_AES_256_GCM_SHA384' } });
    expect(await tls13.get('k')).toBeUndefined(); // another key prefix
    expect(await tls13.set('k', '1.3')).toBe(true);
  });
});

describe('session resumption', () => {
  /** The TLS handshakes and resumptions `run` made, from the process-wide counts. */
  async function handshakesOf(run: () => Promise<void>): Promise<{ handshakes: number; resumed: number }> {
    const before = nativeResources();
    await run();
    const after = nativeResources();
    return { handshakes: after.tlsHandshakes - before.tlsHandshakes, resumed: after.tlsResumptions - before.tlsResumptions };
  }

  for (const version of ['TLSv1.3', 'TLSv1.2'] as const) {
    it(`resumes the session of the first connection to a server in the connections after it (${version})`, async () => {
      const fresh = await start();
      const keyPrefix = uniquePrefix();
      const tls = { ca: certificates.ca, minVersion: version, maxVersion: version };
      const first = await handshakesOf(async () => {
        expect(await tlsClient(fresh.address, { keyPrefix, tls }).set('k', 'first')).toBe(true);
      });
      expect(first).toEqual({ handshakes: 1, resumed: 0 });
      // Each client opens connections of its own; they share the context, and with it its sessions.
      const later = await handshakesOf(async () => {
        for (let i = 0; i < 3; i++) {
          const client = tlsClient(fresh.address, { keyPrefix, tls });
          expect(await client.get('k')).toBe(i === 0 ? 'first' : `then ${i - 1}`);
          expect(await client.set('k', `then ${i}`)).toBe(true);
        }
      });
      expect(later).toEqual({ handshakes: 3, resumed: 3 });
    });
  }

  it('resumes when one client reconnects after the server closed its idle connection', async () => {
    // memcached closes connections idle for a second, checking about once a second.
    const closing = await start({ args: ['-o', 'idle_timeout=1'] });
    const client = tlsClient(closing.address);
    const first = await handshakesOf(async () => expect(await client.set('k', 'before')).toBe(true));
    expect(first).toEqual({ handshakes: 1, resumed: 0 });
    await new Promise((resolve) => setTimeout(resolve, 5000));
    const again = await handshakesOf(async () => expect(await client.get('k')).toBe('before'));
    expect(again).toEqual({ handshakes: 1, resumed: 1 });
  });

  it('falls back to a full handshake with a server restarted with another key and certificate', async () => {
    const before = await start();
    const { port } = before;
    const tls = { ca: [certificates.ca, certificates.otherCa] };
    const keyPrefix = uniquePrefix();
    expect(await tlsClient(before.address, { keyPrefix, tls }).set('k', 'before')).toBe(true);
    expect(await handshakesOf(async () => expect(await tlsClient(before.address, { keyPrefix, tls }).get('k')).toBe('before'))).toEqual({
      handshakes: 1,
      resumed: 1,
    });
    await before.stop();
    const after = await start({ port, cert: files.otherCert, key: files.otherKey });
    const counted = await handshakesOf(async () => {
      const client = tlsClient(after.address, { keyPrefix, tls });
      expect(await client.get('k')).toBeUndefined();
      expect(await client.set('k', 'after')).toBe(true);
      expect(await client.get('k')).toBe('after');
    });
    expect(counted).toEqual({ handshakes: 1, resumed: 0 });
    // And what the new server gave is resumed in turn.
    expect(await handshakesOf(async () => expect(await tlsClient(after.address, { keyPrefix, tls }).get('k')).toBe('after'))).toEqual({
      handshakes: 1,
      resumed: 1,
    });
  });

  it('never offers a session checked for one name to the server under another, whose certificate check must still fail', async () => {
    // Its certificate names localhost, not 127.0.0.1.
    const named = await start({ cert: files.nameOnlyCert, key: files.nameOnlyKey });
    const byName = localhost(named.address);
    const counted = await handshakesOf(async () => {
      expect(await tlsClient(byName).set('k', 'v')).toBe(true);
      expect(await tlsClient(byName).get('k')).toBeUndefined();
    });
    expect(counted).toEqual({ handshakes: 2, resumed: 1 });
    // The same options, so the same context and its sessions, but reached by address.
    const byAddress = tlsClient(named.address);
    const error = await rejectionOf(byAddress.get('k'));
    expect(error, error.message).toBeInstanceOf(TlsError);
    expect(error.message).toMatch(/IP address mismatch/);
    // A context that does not check certificates keeps sessions of its own: a
    // checking one never takes them.
    expect(await tlsClient(named.address, { tls: { rejectUnauthorized: false } }).set('k', 'unchecked')).toBe(true);
    expect((await rejectionOf(tlsClient(named.address).get('k'))).message).toMatch(/IP address mismatch/);
  });

  it('makes a full handshake every time with a client certificate', async () => {
    // memcached without ssl_session_cache refuses any offered session when it checks client certificates.
    const strict = await start({ requireClientCert: true });
    const tls = { ca: certificates.ca, cert: certificates.clientCert, key: certificates.clientKey };
    const counted = await handshakesOf(async () => {
      for (let i = 0; i < 3; i++) expect(await tlsClient(strict.address, { tls }).set('k', 'v')).toBe(true);
    });
    expect(counted).toEqual({ handshakes: 3, resumed: 0 });
  });
});

/**
 * A Node TLS server in front of a plaintext memcached, on a port of 127.0.0.1
 * or at a unix socket's path: for what memcached does not do (it speaks no
 * TLS on a unix socket, and never renegotiates). `onSocket` sees each
 * connection; `servernames` collects the SNI each one sent (false or null: none).
 */
async function tlsFront(listenAt: string | undefined, options: tls.TlsOptions = {}, onSocket?: (socket: tls.TLSSocket) => void) {
  const [upstreamHost, upstreamPort] = sharedServers()[0]!.split(':');
  const sockets = new Set<net.Socket>();
  const servernames: (string | false | null)[] = [];
  const front = tls.createServer({ key: readFileSync(files.serverKey), cert: readFileSync(files.serverCert), ...options }, (socket) => {
    servernames.push(socket.servername);
    const backend = net.connect(Number(upstreamPort), upstreamHost);
    sockets.add(socket).add(backend);
    socket.pipe(backend).pipe(socket);
    socket.on('error', () => backend.destroy());
    backend.on('error', () => socket.destroy());
    onSocket?.(socket);
  });
  await new Promise<void>((resolve) => (listenAt === undefined ? front.listen(0, '127.0.0.1', resolve) : front.listen(listenAt, resolve)));
  const address = listenAt ?? `127.0.0.1:${(front.address() as net.AddressInfo).port}`;
  return {
    address,
    servernames,
    async close(): Promise<void> {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => front.close(resolve));
    },
  };
}

describe('a server that asks for a new handshake mid-stream', () => {
  it('carries values both ways while TLS 1.2 renegotiations interrupt its reads and writes', async () => {
    // The server asks for a new handshake whenever requests arrive, so the
    // client's writes meet handshakes under way (SSL_write wanting to read
    // first) and its reads meet handshake messages to answer.
    // Node counts a server's renegotiations against the same limit as a client's.
    const settable = tls as { CLIENT_RENEG_LIMIT: number };
    const limit = settable.CLIENT_RENEG_LIMIT;
    settable.CLIENT_RENEG_LIMIT = Number.MAX_SAFE_INTEGER;
    let renegotiations = 0;
    const front = await tlsFront(undefined, { minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2' }, (socket) => {
      let renegotiating = false;
      socket.on('data', () => {
        if (renegotiating) return;
        renegotiating = true;
        socket.renegotiate({}, (error) => {
          renegotiating = false;
          if (!error) renegotiations++;
        });
      });
    });
    try {
      const client = tlsClient(localhost(front.address), { maxValueSize: 2 * MiB, timeout: 5000 });
      const large = randomBytes(MiB);
      for (let round = 0; round < 10; round++) {
        const values = new Map<string, string | Buffer>([['large', large]]);
        for (let i = 0; i < 50; i++) values.set(`small-${i}`, `round ${round} value ${i}`);
        await client.setMany(values);
        const got = await client.getMany([...values.keys()]);
        // Compared apart: a deep equality of 1 MiB goes byte by byte, for seconds.
        expect(large.equals(got.get('large') as Buffer)).toBe(true);
        values.delete('large');
        got.delete('large');
        expect(got).toEqual(values);
      }
      expect(renegotiations).toBeGreaterThan(0);
      await client.close();
    } finally {
      settable.CLIENT_RENEG_LIMIT = limit;
      await front.close();
    }
  });
});

describe('the TLS 1.3 suite', () => {
  it("offers AES-128-GCM first unless tls.ciphers says otherwise, and the server takes the client's order", async () => {
    const ciphers: string[] = [];
    // As memcached does (Node's server takes its own order by default).
    const front = await tlsFront(undefined, { minVersion: 'TLSv1.3', honorCipherOrder: false }, (socket) => ciphers.push(socket.getCipher().name));
    try {
      const chosen = tlsClient(localhost(front.address), { tls: { ca: certificates.ca, ciphers: 'TLS_AES_256_GCM_SHA384' } });
      expect(await chosen.set('k', 'v')).toBe(true);
      const byDefault = tlsClient(localhost(front.address));
      expect(await byDefault.get('k')).toBeUndefined(); // another key prefix
      expect(ciphers).toEqual(['TLS_AES_256_GCM_SHA384', 'TLS_AES_128_GCM_SHA256']);
    } finally {
      await front.close();
    }
  });
});

describe('a TLS 1.3 KeyUpdate', () => {
  it('answers the KeyUpdate a server asks for before its next request, which the server then reads with the new keys', async () => {
    // openssl s_server sends a KeyUpdate asking for one back when "K" is typed
    // on its own line; other lines go to the client as data (LF as CRLF).
    // Unbuffered, its output says at once what it received.
    const port = await freePort();
    const server = spawn(
      'stdbuf',
      ['-o0', 'openssl', 's_server', '-accept', `127.0.0.1:${port}`, '-cert', files.serverCert, '-key', files.serverKey, '-tls1_3', '-crlf', '-naccept', '1'],
      { stdio: ['pipe', 'pipe', 'ignore'] },
    );
    let output = '';
    const waiting: (() => void)[] = [];
    server.stdout.on('data', (data: Buffer) => {
      output += data.toString();
      for (const wake of waiting.splice(0)) wake();
    });
    const printed = async (count: (text: string) => boolean) => {
      while (!count(output)) await new Promise<void>((wake) => waiting.push(wake));
    };
    const updates = () => output.split('SSL_do_handshake -> 1').length - 1;
    try {
      await printed((text) => text.includes('ACCEPT'));
      const client = tlsClient(`127.0.0.1:${port}`, { protocol: 'ascii', keyPrefix: '', timeout: 5000 });
      for (let round = 0; round < 3; round++) {
        const answer = client.get(`key${round}`);
        await printed((text) => text.includes(`gets key${round}\r\n`));
        server.stdin.write('K\n');
        await printed(() => updates() === round + 1);
        server.stdin.write(`VALUE key${round} 0 6 1\nround${round}\nEND\n`);
        expect(await answer).toEqual(Buffer.from(`round${round}`));
      }
      // Each request after a KeyUpdate was read: the client's KeyUpdate went
      // out first, and the records after it were sealed with the new keys.
      expect(output).toContain('gets key2\r\n');
      expect(updates()).toBe(3);
    } finally {
      server.kill();
    }
  });
});

describe('replies split across TLS records', () => {
  it('reads the rest of a reply OpenSSL took off the socket with a large value, without waiting for the socket', async () => {
    // The first write ends inside k2's value; the client reads it, finds the
    // socket empty and goes on with k2's value straight from OpenSSL, which by
    // then may have the second write whole, END included, off the socket. That
    // END is read at once, not when the reply deadline comes (it once waited
    // there, within the first 100 to 1,400 exchanges of every run).
    const script = path.join(ROOT, 'test', 'support', 'split-reply-tls-server.mjs');
    const server = spawn(process.execPath, [script, files.serverCert, files.serverKey], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const port = await new Promise<number>((resolve, reject) => {
        server.stdout.once('data', (data: Buffer) => resolve(Number(data.toString().trim())));
        server.once('exit', (code) => reject(new Error(`the split-reply server exited with ${code}`)));
      });
      const client = tlsClient(`127.0.0.1:${port}`, { protocol: 'ascii', keyPrefix: '', timeout: 5000 });
      let slowest = 0;
      let wrong = 0;
      // Three seconds of exchanges, some 8,000: each lands in the window or not, by chance.
      for (const end = performance.now() + 3000; performance.now() < end && slowest < 1000;) {
        const started = performance.now();
        // One batch, one line: gets k1 k2.
        const [small, large] = await Promise.all([client.get('k1'), client.get('k2')]);
        slowest = Math.max(slowest, performance.now() - started);
        // Buffer.equals: a deep toEqual of 5,000 bytes would slow each exchange tenfold.
        if (!(Buffer.isBuffer(small) && small.equals(SMALL) && Buffer.isBuffer(large) && large.equals(LARGE))) wrong++;
      }
      expect(wrong).toBe(0);
      // An exchange takes well under a millisecond; a stalled one, the timeout.
      expect(slowest).toBeLessThan(1000);
    } finally {
      server.kill();
    }
  });
});

describe('a unix socket in TLS', () => {
  let directory: string;
  beforeAll(() => {
    directory = mkdtempSync(path.join(tmpdir(), 'memcache-native-tls-unix-'));
  });
  afterAll(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  it('needs tls.servername, refused before any I/O: a path is no name to check a certificate for', () => {
    const socket = path.join(directory, 'absent.sock');
    for (const [servers, options] of [
      [socket, { tls: { ca: certificates.ca } }],
      [socket, { tls: true }],
      [['127.0.0.1:11211', socket], { tls: { ca: certificates.ca } }],
      [socket, { serverless: true }],
    ] as const) {
      const error = thrownBy(() => new Client<string>(servers, options));
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect(error.code).toBe('ERR_INVALID_OPTION');
      expect(error.message).toContain(socket);
      expect(error.message).toMatch(/pass "tls.servername"/);
    }
  });

  it('checks the certificate for tls.servername, sent in SNI, and takes rejectUnauthorized: false without one', async () => {
    const front = await tlsFront(path.join(directory, 'memcached.sock'));
    try {
      const named = tlsClient(front.address, { tls: { ca: certificates.ca, servername: 'localhost' } });
      expect(await named.set('k', 'over a unix socket')).toBe(true);
      expect(await named.get('k')).toBe('over a unix socket');
      expect(front.servernames).toEqual(['localhost']);
      const wrong = tlsClient(front.address, { tls: { ca: certificates.ca, servername: 'elsewhere.example' } });
      const error = await rejectionOf(wrong.get('k'));
      expect(error, error.message).toBeInstanceOf(TlsError);
      expect(error.message).toMatch(/hostname mismatch/);
      // No name to check and none to send: the path never goes out as SNI.
      const unchecked = tlsClient(front.address, { tls: { rejectUnauthorized: false } });
      expect(await unchecked.set('k', 'unchecked')).toBe(true);
      expect(front.servernames.at(-1)).toBe(false);
    } finally {
      await front.close();
    }
  });
});

describe('certificates that are refused', () => {
  /** The first call's error: a TlsError naming the server, well within the timeouts. */
  async function refusal(client: Client<string | Buffer>, address: string): Promise<TlsError> {
    const started = performance.now();
    const error = await rejectionOf(client.get('k'), 5000);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(error, error.message).toBeInstanceOf(TlsError);
    expectServerFault(error, address, ['ERR_TLS']);
    return error;
  }

  it('a server whose certificate another CA signed', async () => {
    const other = await start({ cert: files.otherCert, key: files.otherKey });
    const error = await refusal(tlsClient(other.address), other.address);
    expect(error.message).toMatch(/not accepted: unable to get local issuer certificate/);
  });

  it('the test CA is not in the system trust store: tls: true refuses it', async () => {
    const error = await refusal(tlsClient(server.address, { tls: true }), server.address);
    expect(error.message).toMatch(/unable to get local issuer certificate/);
  });

  it('an expired certificate', async () => {
    const expired = await start({ cert: files.expiredCert, key: files.expiredKey });
    const error = await refusal(tlsClient(expired.address), expired.address);
    expect(error.message).toMatch(/certificate has expired/);
  });

  it('a certificate for another name, whether reached by IP address or by name', async () => {
    const wrong = await start({ cert: files.wrongNameCert, key: files.wrongNameKey });
    expect((await refusal(tlsClient(wrong.address), wrong.address)).message).toMatch(/IP address mismatch/);
    const named = localhost(wrong.address);
    expect((await refusal(tlsClient(named), named)).message).toMatch(/hostname mismatch/);
    // servername names what the certificate must carry.
    const right = tlsClient(wrong.address, { tls: { ca: certificates.ca, servername: 'elsewhere.example' } });
    expect(await right.set('k', 'v')).toBe(true);
    const mismatch = tlsClient(server.address, { tls: { ca: certificates.ca, servername: 'elsewhere.example' } });
    expect((await refusal(mismatch, server.address)).message).toMatch(/hostname mismatch/);
  });

  it('a server that requires a client certificate, from a client without one', async () => {
    const strict = await start({ requireClientCert: true });
    const error = await refusal(tlsClient(strict.address), strict.address);
    expect(error.message).toMatch(/alert certificate required/);
  });

  it('a server that takes none of the TLS versions the client allows', async () => {
    // memcached takes TLS 1.2 and later.
    const error = await refusal(tlsClient(server.address, { tls: { ca: certificates.ca, maxVersion: 'TLSv1.1' } }), server.address);
    expect(error.message).toMatch(/TLS handshake failed: .*(protocol|version)/i);
  });

  it('a plaintext server, from a TLS client', async () => {
    const plain = sharedServers()[1]!;
    const error = await rejectionOf(tlsClient(plain, { connectTimeout: 500 }).get('k'), 5000);
    expect(error, error.message).toBeInstanceOf(TlsError);
    expectServerFault(error, plain, ['ERR_TLS']);
    expect(error.message).toMatch(/wrong version number|did not finish within/);
  });

  it('a server that never answers the handshake, within connectTimeout', async () => {
    const silent = await silentServer();
    try {
      const client = tlsClient(silent.address, { connectTimeout: 300 });
      const started = performance.now();
      const error = await rejectionOf(client.get('k'), 5000);
      expect(performance.now() - started).toBeLessThan(2000);
      expect(error, error.message).toBeInstanceOf(TlsError);
      expectServerFault(error, silent.address, ['ERR_TLS']);
      expect(error.message).toMatch(/TLS handshake did not finish within 300 ms/);
      expect(error.systemCode).toBe('ETIMEDOUT');
    } finally {
      await silent.close();
    }
  });

  it('a TLS server, from a plaintext client: a fault, never an answer or a hang', async () => {
    const client = track(
      new Client<string | Buffer>(server.address, { keyPrefix: uniquePrefix(), ...protocolOption(), retryTimeout: 0, connectTimeout: 500, timeout: 500 }),
    );
    const error = await rejectionOf(client.get('k'), 5000);
    expectServerFault(error, server.address, ['ERR_CONNECTION', 'ERR_TIMEOUT']);
    expect(error instanceof ConnectionError || error instanceof TimeoutError).toBe(true);
  });

  it('counts a refused certificate as a failure to reach the server', async () => {
    const other = await start({ cert: files.otherCert, key: files.otherKey });
    const client = tlsClient(other.address, { retryTimeout: 60_000 });
    expect(await rejectionOf(client.get('k'))).toBeInstanceOf(TlsError);
    const skipped = await rejectionOf(client.get('k'));
    expect(skipped).toBeInstanceOf(ServerDownError);
    expect(skipped.message).toMatch(/unable to get local issuer certificate/);
  });

  it('declares a server dead after failureLimit refused handshakes, as after refused connections', async () => {
    const other = await start({ cert: files.otherCert, key: files.otherKey });
    const client = tlsClient(other.address, { failureLimit: 2 });
    const down = new Promise<{ server: string; error: Error; failures: number }>((resolve) => client.once('server:down', resolve));
    expect(await rejectionOf(client.get('a'))).toBeInstanceOf(TlsError);
    expect(await rejectionOf(client.get('b'))).toBeInstanceOf(TlsError);
    const event = await within(down, 5000, 'server:down');
    expect(event.server).toBe(other.address);
    expect(event.failures).toBe(2);
    expect(event.error).toBeInstanceOf(TlsError);
    expect(await rejectionOf(client.get('c'))).toBeInstanceOf(ServerDownError);
  });

  it('rejectUnauthorized: false connects to a self-signed server, and to one of another CA', async () => {
    const selfSigned = await start({ cert: files.selfSignedCert, key: files.selfSignedKey });
    const client = tlsClient(selfSigned.address, { tls: { rejectUnauthorized: false } });
    expect(await client.set('k', 'v')).toBe(true);
    expect(await client.get('k')).toBe('v');
    const other = tlsClient(server.address, { tls: { ca: certificates.otherCa, rejectUnauthorized: false } });
    expect(await within(other.get('k'), 5000)).toBeUndefined();
  });
});

describe('the tls option', () => {
  const make = (tls: unknown) => () => new Client('127.0.0.1:1', { tls } as Options);

  it('refuses what it cannot use, before any I/O', () => {
    const cases: Array<[unknown, RegExp]> = [
      ['yes', /"tls" option to be true, false or an object/],
      [{ verify: true }, /Unknown TLS option "tls.verify"/],
      [{ ca: 'not a certificate' }, /"tls.ca" to hold a PEM certificate/],
      [{ ca: [] }, /at least one/],
      [{ ca: 42 }, /"tls.ca" to be a PEM string or Buffer/],
      [{ cert: certificates.clientCert }, /give both or neither/],
      [{ cert: certificates.clientCert, key: 'nonsense' }, /"tls.key" to be a PEM private key/],
      [{ cert: certificates.clientCert, key: certificates.clientKeyEncrypted }, /an encrypted one needs "tls.passphrase"/],
      [{ cert: certificates.clientCert, key: certificates.clientKeyEncrypted, passphrase: 'wrong' }, /that "tls.passphrase" decrypts/],
      [{ cert: certificates.ca, key: certificates.clientKey }, /not the private key/],
      [{ passphrase: 'p' }, /decrypts "tls.key", which is not given/],
      [{ rejectUnauthorized: 'no' }, /"tls.rejectUnauthorized" to be a boolean/],
      [{ minVersion: 'SSLv3' }, /"tls.minVersion" to be one of/],
      [{ minVersion: 'TLSv1.3', maxVersion: 'TLSv1.2' }, /above "tls.maxVersion"/],
      [{ servername: 'a b' }, /"tls.servername"/],
      [{ ciphers: '' }, /"tls.ciphers"/],
      [{ ciphers: 'NO-SUCH-CIPHER' }, /"tls.ciphers" names no cipher OpenSSL knows/],
    ];
    for (const [tls, message] of cases) {
      const error = thrownBy(make(tls));
      expect(error, inspect(tls)).toBeInstanceOf(InvalidArgumentError);
      expect(error.code).toBe('ERR_INVALID_OPTION');
      expect(error.message).toMatch(message);
      expect(error.message).not.toContain(certificates.clientKeyPassphrase);
      expect(error.message).not.toContain('PRIVATE KEY');
    }
  });

  it('keeps the key and passphrase out of client.options, inspect() and errors', async () => {
    const strict = await start({ requireClientCert: true });
    const client = tlsClient(strict.address, {
      tls: { ca: certificates.ca, cert: certificates.clientCert, key: certificates.clientKeyEncrypted, passphrase: certificates.clientKeyPassphrase },
    });
    expect(client.options.tls).toMatchObject({ key: '[redacted]', passphrase: '[redacted]', rejectUnauthorized: true });
    const printed = `${inspect(client, { depth: 10 })}${inspect(client.options, { depth: 10 })}${JSON.stringify(client.options)}`;
    expect(printed).not.toContain(certificates.clientKeyPassphrase);
    expect(printed).not.toContain('PRIVATE KEY');
    expect(await client.set('k', 'v')).toBe(true);
    expect(await client.get('k')).toBe('v');
    expect(tlsClient(server.address, { tls: true }).options.tls).toEqual({ rejectUnauthorized: true });
  });
});
