import type { MemcachedProcess } from './memcached.mjs';

export interface TestCertificates {
  directory: string;
  /** The test CA, PEM. */
  ca: string;
  /** A CA that signed nothing the servers use, PEM. */
  otherCa: string;
  /** The client's certificate and key, signed by the test CA. */
  clientCert: string;
  clientKey: string;
  /** The client's key encrypted with `clientKeyPassphrase`. */
  clientKeyEncrypted: string;
  clientKeyPassphrase: string;
  /** Paths memcached reads. */
  files: Record<
    | 'ca'
    | 'serverCert'
    | 'serverKey'
    | 'expiredCert'
    | 'expiredKey'
    | 'otherCert'
    | 'otherKey'
    | 'selfSignedCert'
    | 'selfSignedKey'
    | 'wrongNameCert'
    | 'wrongNameKey'
    | 'nameOnlyCert'
    | 'nameOnlyKey'
    | 'nodeCert'
    | 'nodeKey',
    string
  >;
}

/** The test certificates, made on first use. */
export function testCertificates(): TestCertificates;

export interface TlsServerOptions {
  /** The certificate and key the server presents; the test CA's server certificate by default. */
  cert?: string;
  key?: string;
  /** Require a client certificate signed by the test CA. */
  requireClientCert?: boolean;
  /** More memcached arguments. */
  args?: string[];
  /** The port to listen on (a restart on the port of a stopped server); a free one by default. */
  port?: number;
}

/** A memcached that speaks only TLS, on a free port of 127.0.0.1. */
export function startTlsMemcached(options?: TlsServerOptions): Promise<MemcachedProcess>;
