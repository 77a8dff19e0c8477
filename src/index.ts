export { Client } from './client.js';
export type { ClientEvents, CounterOptions, GetsResult, NoReplyOptions, StoreOptions, Value } from './client.js';
export { FLAG_TEXT, rawCodec, textCodec } from './codec.js';
export type { Codec, EncodedValue } from './codec.js';
export {
  BatchError,
  ClientClosedError,
  ConnectionError,
  InvalidArgumentError,
  MemcachedError,
  ProtocolError,
  ServerDownError,
  ServerError,
  TimeoutError,
} from './errors.js';
export type { ErrorCode } from './errors.js';
export { MAX_KEY_BYTES } from './keys.js';
export type { Key } from './keys.js';
export { defaultOptions } from './options.js';
export type { ClientOptions, Distribution, HashFunction } from './options.js';

import { binding } from './native.js';
/** The libmemcached version the addon runs on. */
export const libmemcachedVersion: string = binding.libmemcachedVersion;
