// Every command under both protocols, with SASL and in TLS, every fault path and both
// ways a client ends (close and garbage collection), small enough to run under
// valgrind in about a minute.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as tls from 'node:tls';

import { Client, nativeResources, textCodec } from '../dist/esm/index.mjs';
import { freePort, startMemcached } from './lib/memcached.mjs';
import { startSaslMemcached } from './lib/sasl-memcached.mjs';
import { startTlsMemcached, testCertificates } from './lib/tls-memcached.mjs';

async function exerciseCommands(client) {
  const value = Buffer.alloc(256, 7);
  assert.equal(await client.set('a', value, { ttl: 100, flags: 3 }), true);
  assert.deepEqual(await client.get('a'), value);
  const entry = await client.gets('a');
  assert.equal(await client.cas('a', 'b', entry.cas), true);
  assert.equal(await client.cas('a', 'c', entry.cas), false);
  assert.equal(await client.add('a', 'x'), false);
  assert.equal(await client.replace('a', 'r'), true);
  assert.equal(await client.append('a', '!'), true);
  assert.equal(await client.prepend('a', '<'), true);
  assert.equal(await client.get('a'), '<r!');
  assert.equal(await client.touch('a', 50), true);
  assert.equal(await client.incr('n', 2, { initial: 5 }), 5);
  assert.equal(await client.decr('n', 2), 3);
  await client.set('t', 'text');
  await assert.rejects(client.incr('t'), { code: 'ERR_NOT_NUMERIC' });
  await client.set('big', Buffer.alloc(1024 * 1024, 1));
  assert.equal((await client.get('big')).length, 1024 * 1024);
  // A large ASCII text value becomes a string over its own memory.
  const text = 'memcached '.repeat(20_000);
  await client.set('text', text);
  assert.equal(await client.get('text'), text);
  const keys = Array.from({ length: 300 }, (_, i) => `k${i}`);
  await client.setMany(keys.map((key) => [key, key]));
  const hits = await client.getMany([...keys, 'missing', 'k1']);
  assert.equal(hits.size, 300);
  await client.deleteMany(keys);
  const mixed = [];
  for (let i = 0; i < 2000; i++) mixed.push(i % 3 === 0 ? client.set(`m${i % 50}`, `v${i}`) : client.get(`m${i % 50}`));
  await Promise.all(mixed);
  await client.stats();
  await client.version();
  await client.set('nr', 'x', { noreply: true });
  assert.equal(await client.delete('nr'), true);
  const inFlight = Array.from({ length: 500 }, (_, i) => client.get(`m${i % 50}`));
  await client.close();
  await Promise.allSettled(inFlight);
}

const server = await startMemcached(['-I', '2m']);
const options = { codec: textCodec, timeout: 2000, connectTimeout: 2000 };
await exerciseCommands(new Client(server.address, { ...options, keyPrefix: 'memcheck-ascii:' }));
await exerciseCommands(new Client(server.address, { ...options, keyPrefix: 'memcheck-binary:', protocol: 'binary' }));

// SASL: a good login through every command, a refused one on both paths.
const saslServer = await startSaslMemcached({ memcheck: 'secret' }, { args: ['-I', '2m'] });
await exerciseCommands(new Client(saslServer.address, { ...options, keyPrefix: 'memcheck-sasl:', sasl: { username: 'memcheck', password: 'secret' } }));
const refusedLogin = new Client(saslServer.address, { ...options, sasl: { username: 'memcheck', password: 'wrong' } });
await assert.rejects(refusedLogin.set('x', 'y'), { code: 'ERR_AUTH' });
await assert.rejects(refusedLogin.get('x'), { code: 'ERR_AUTH' });
await refusedLogin.close();
await saslServer.stop();

// TLS: every command under both protocols, a resumed session, a client certificate, and refusals
// (an untrusted server, a missing client certificate, a plaintext server).
const certificates = testCertificates();
const tlsServer = await startTlsMemcached({ args: ['-I', '2m'] });
const trust = { ca: certificates.ca };
// Sessions are kept while a client with the same tls options is open: this
// one's, resumed by the clients after it.
const keeper = new Client(tlsServer.address, { ...options, tls: trust });
assert.equal(await keeper.set('x', 'y'), true);
const resumedBefore = nativeResources().tlsResumptions;
await exerciseCommands(new Client(tlsServer.address, { ...options, keyPrefix: 'memcheck-tls:', tls: trust }));
await exerciseCommands(new Client(tlsServer.address, { ...options, keyPrefix: 'memcheck-tls-binary:', tls: trust, protocol: 'binary' }));
assert.ok(nativeResources().tlsResumptions >= resumedBefore + 2);
await keeper.close();
const strictServer = await startTlsMemcached({ requireClientCert: true });
const withCert = new Client(strictServer.address, { ...options, tls: { ...trust, cert: certificates.clientCert, key: certificates.clientKey } });
assert.equal(await withCert.set('x', 'y'), true);
await withCert.close();
for (const [address, tls] of [
  [tlsServer.address, { ca: certificates.otherCa }],
  [strictServer.address, trust],
  [server.address, trust],
]) {
  const refusedTls = new Client(address, { ...options, tls, retryTimeout: 0 });
  await assert.rejects(refusedTls.get('x'), { code: 'ERR_TLS' });
  await refusedTls.close();
}
await Promise.all([tlsServer.stop(), strictServer.stop()]);

// Discovery over TLS: a node reached at its IP address and checked for the
// host name the configuration endpoint gives it.
const node = await startTlsMemcached({ cert: certificates.files.nodeCert, key: certificates.files.nodeKey });
const nodeConfig = `1\nnode.cache.example|127.0.0.1|${node.address.split(':')[1]}\n`;
const endpointCredentials = { cert: fs.readFileSync(certificates.files.serverCert), key: fs.readFileSync(certificates.files.serverKey) };
const endpoint = tls
  .createServer(endpointCredentials, (socket) => socket.on('data', () => socket.write(`CONFIG cluster 0 ${nodeConfig.length}\r\n${nodeConfig}\r\nEND\r\n`)))
  .listen(0, '127.0.0.1');
await new Promise((resolve) => endpoint.once('listening', resolve));
const discovered = await Client.discover(`127.0.0.1:${endpoint.address().port}`, { ...options, tls: trust });
assert.equal(await discovered.set('x', 'y'), true);
assert.equal(await discovered.get('x'), 'y');
await discovered.close();
endpoint.close();
await node.stop();

// Faults: a refused port, a server that never answers, one that answers garbage.
const refused = new Client(`127.0.0.1:${await freePort()}`);
await assert.rejects(refused.get('x'), (error) => error.code === 'ERR_CONNECTION' || error.code === 'ERR_SERVER_DOWN');
await assert.rejects(refused.set('x', 'y'));
await refused.close();

const silent = net.createServer((socket) => socket.resume()).listen(0, '127.0.0.1');
const garbage = net.createServer((socket) => socket.on('data', () => socket.write('NONSENSE 1 2 3\r\n'))).listen(0, '127.0.0.1');
await Promise.all([silent, garbage].map((s) => new Promise((resolve) => s.once('listening', resolve))));
for (const fake of [silent, garbage]) {
  for (const protocol of ['ascii', 'binary']) {
    const c = new Client(`127.0.0.1:${fake.address().port}`, { timeout: 300, connectTimeout: 300, protocol });
    await Promise.allSettled([c.get('x'), c.set('x', 'y'), c.getMany(['a', 'b']), c.delete('x')]);
    await c.close();
  }
}
// A call's own timeout, an abort, and a close by force with a batch in flight
// on each driver: the one on the event loop ends later, on its own, with
// nobody waiting; the one on a thread is interrupted and ends at once.
for (const size of [1, 200]) {
  const c = new Client(`127.0.0.1:${silent.address().port}`, { timeout: 300, connectTimeout: 300 });
  await Promise.allSettled([c.get('warm', { timeout: 50 })]);
  const controller = new AbortController();
  const calls = Array.from({ length: size }, (_, i) => c.get(`k${i}`, { signal: controller.signal }));
  calls.push(c.stats(), c.get('late', { timeout: 2000 }));
  controller.abort();
  await c.close({ force: true });
  await Promise.allSettled(calls);
}
await new Promise((resolve) => setTimeout(resolve, 2500));
silent.close();
garbage.close();

// Unclosed clients are freed by the garbage collector.
for (let i = 0; i < 20; i++) {
  const dropped = new Client(server.address);
  await dropped.set('gc', String(i));
}
globalThis.gc?.();
await new Promise((resolve) => setTimeout(resolve, 50));
globalThis.gc?.();

await server.stop();
console.log('memcheck smoke: ok');
