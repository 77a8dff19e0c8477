/** Test certificates and memcached servers that speak TLS: see scripts/lib/tls-memcached.mjs. */
export { startTlsMemcached, type TestCertificates, testCertificates, type TlsServerOptions } from '../../scripts/lib/tls-memcached.mjs';
