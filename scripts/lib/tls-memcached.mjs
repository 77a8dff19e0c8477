// Test certificates, made with `openssl` once per machine in a directory of
// the system's temporary directory, and memcached servers that speak TLS with
// them (`memcached -Z`, as Debian builds it), for the tests, the memory checks
// and the benchmarks.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

import { startMemcached } from './memcached.mjs';

/** Bump when the set of certificates changes, so an older directory is not taken. */
const VERSION = 3;
const DIRECTORY = path.join(tmpdir(), `memcache-native-tls-v${VERSION}`);

const PASSPHRASE = 'correct horse battery staple';

function openssl(cwd, ...args) {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

/** A P-256 key and a certificate for `subject`, signed by `ca` (or self-signed), with `extensions`. */
function issue(cwd, name, subject, ca, extensions, days = 3650) {
  openssl(cwd, 'genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', `${name}.key`);
  openssl(cwd, 'req', '-new', '-key', `${name}.key`, '-subj', subject, '-out', `${name}.csr`);
  writeFileSync(path.join(cwd, `${name}.ext`), `${extensions}\n`);
  const signer = ca === undefined ? ['-signkey', `${name}.key`] : ['-CA', `${ca}.pem`, '-CAkey', `${ca}.key`, '-CAcreateserial'];
  openssl(cwd, 'x509', '-req', '-in', `${name}.csr`, ...signer, '-days', String(days), '-extfile', `${name}.ext`, '-out', `${name}.pem`);
}

function make(cwd) {
  const caExtensions = 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign';
  const server = 'basicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:localhost,IP:127.0.0.1';
  issue(cwd, 'ca', '/CN=memcache-native test CA', undefined, caExtensions);
  issue(cwd, 'other-ca', '/CN=memcache-native other CA', undefined, caExtensions);
  issue(cwd, 'server', '/CN=localhost', 'ca', server);
  // notAfter a day before notBefore: expired from the start.
  issue(cwd, 'expired', '/CN=localhost', 'ca', server, -1);
  issue(cwd, 'other', '/CN=localhost', 'other-ca', server);
  issue(cwd, 'self-signed', '/CN=localhost', undefined, server);
  issue(cwd, 'wrong-name', '/CN=elsewhere.example', 'ca', 'basicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:elsewhere.example');
  // For its name only, not its address: reached at 127.0.0.1 it must be refused.
  issue(cwd, 'name-only', '/CN=localhost', 'ca', 'basicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:localhost');
  // As ElastiCache names its nodes: a host name only, no IP address.
  issue(cwd, 'node', '/CN=*.cache.example', 'ca', 'basicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:*.cache.example');
  issue(cwd, 'client', '/CN=memcache-native test client', 'ca', 'basicConstraints=CA:FALSE\nextendedKeyUsage=clientAuth');
  openssl(cwd, 'pkey', '-in', 'client.key', '-aes256', '-passout', `pass:${PASSPHRASE}`, '-out', 'client-encrypted.key');
}

/** The test certificates, made on first use. */
export function testCertificates() {
  if (!existsSync(path.join(DIRECTORY, 'done'))) {
    // Made aside and renamed into place, so a run that stops midway leaves nothing half made.
    const scratch = mkdtempSync(path.join(tmpdir(), 'memcache-native-tls-'));
    try {
      make(scratch);
      writeFileSync(path.join(scratch, 'done'), '');
      try {
        renameSync(scratch, DIRECTORY);
      } catch (error) {
        // Another run made them first.
        if (!existsSync(path.join(DIRECTORY, 'done'))) throw error;
      }
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }
  const file = (name) => path.join(DIRECTORY, name);
  const read = (name) => readFileSync(file(name), 'utf8');
  return {
    directory: DIRECTORY,
    ca: read('ca.pem'),
    otherCa: read('other-ca.pem'),
    clientCert: read('client.pem'),
    clientKey: read('client.key'),
    clientKeyEncrypted: read('client-encrypted.key'),
    clientKeyPassphrase: PASSPHRASE,
    files: {
      ca: file('ca.pem'),
      serverCert: file('server.pem'),
      serverKey: file('server.key'),
      expiredCert: file('expired.pem'),
      expiredKey: file('expired.key'),
      otherCert: file('other.pem'),
      otherKey: file('other.key'),
      selfSignedCert: file('self-signed.pem'),
      selfSignedKey: file('self-signed.key'),
      wrongNameCert: file('wrong-name.pem'),
      wrongNameKey: file('wrong-name.key'),
      nameOnlyCert: file('name-only.pem'),
      nameOnlyKey: file('name-only.key'),
      nodeCert: file('node.pem'),
      nodeKey: file('node.key'),
    },
  };
}

/**
 * A memcached that speaks only TLS, on a free port of 127.0.0.1: with the test
 * CA's server certificate unless `options.cert` and `options.key` name others,
 * requiring a client certificate with `options.requireClientCert`;
 * `options.args` go to memcached too; on `options.port` when given.
 */
export function startTlsMemcached(options = {}) {
  const { files } = testCertificates();
  const settings = [`ssl_chain_cert=${options.cert ?? files.serverCert}`, `ssl_key=${options.key ?? files.serverKey}`];
  if (options.requireClientCert) settings.push(`ssl_ca_cert=${files.ca}`, 'ssl_verify_mode=2');
  return startMemcached(['-Z', '-o', settings.join(','), ...(options.args ?? [])], options.port === undefined ? {} : { port: options.port });
}
