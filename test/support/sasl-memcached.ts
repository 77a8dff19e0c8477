export { startSaslMemcached } from '../../scripts/lib/sasl-memcached.mjs';
