// The declarations name Buffer, EventEmitter and AbortSignal from Node's types:
// the reference makes a consumer's compiler load them whatever its `types`
// setting says (`types: []` is the default from TypeScript 6 on). `preserve`
// keeps tsc from dropping it from the emitted index.d.ts.
/// <reference types="node" preserve="true" />
import { Client } from './client.js';

export { Client };
/** `import Client from 'memcache-native'`, as `require('memcache-native').default`. */
export default Client;
export { CacheMap } from './adapters/cache-map.js';
export type { CacheMapClient } from './adapters/cache-map.js';
export { KeyvMemcache } from './adapters/keyv.js';
export type { KeyvMemcacheOptions } from './adapters/keyv.js';
export type {
  CallOptions,
  ClientCounters,
  ClientEvents,
  CloseOptions,
  CounterOptions,
  GetsResult,
  NoReplyOptions,
  PingResult,
  StoreOptions,
  Value,
} from './client.js';
export type { Counters } from './engine/batcher.js';
export { FLAG_TEXT, rawCodec, textCodec } from './codec.js';
export type { Codec, EncodedValue } from './codec.js';
export {
  AbortError,
  AuthenticationError,
  BatchError,
  ClientClosedError,
  ConnectionError,
  ERROR_CODES,
  InvalidArgumentError,
  MemcachedError,
  ProtocolError,
  ServerDownError,
  ServerError,
  TimeoutError,
  TlsError,
} from './errors.js';
export type { ErrorCode } from './errors.js';
export { MAX_KEY_BYTES } from './keys.js';
export type { Key } from './keys.js';
export { defaultOptions } from './options.js';
export type {
  ClientOptions,
  Distribution,
  HashFunction,
  Protocol,
  ResolvedOptions,
  ResolvedTlsOptions,
  SaslOptions,
  TlsOptions,
  TlsVersion,
} from './options.js';

export {
  CachedValue,
  DEFAULT_PICKLE_PROTOCOL,
  DecodeError,
  FLAG_COMPRESSED,
  FLAG_LZ4,
  FLAG_INTEGER,
  FLAG_JSON,
  FLAG_LONG,
  FLAG_PICKLE,
  PyDate,
  PyDateTime,
  PyDecimal,
  PyTime,
  PyTimedelta,
  PyTimezone,
  UnpicklingError,
  jsonCodec,
  pickle,
  pythonCodec,
  unpickle,
} from './python/index.js';
export type { DecodeErrorCode, GlobalFactory, PickleProtocol, PythonCodecFlavor, PythonCodecOptions, UnpickleOptions } from './python/index.js';
export { DJANGO_DEFAULT_TIMEOUT, DjangoCache, djangoExpiry, djangoKey } from './adapters/django.js';
export type { DjangoCacheOptions } from './adapters/django.js';
export { DOGPILE_VALUE_VERSION, DogpileCache } from './adapters/dogpile.js';
export type { DogpileCacheOptions } from './adapters/dogpile.js';

import { binding, type NativeResources } from './engine/native.js';
export type { NativeResources } from './engine/native.js';
/** The libmemcached version the addon runs on. */
export const libmemcachedVersion: string = binding.libmemcachedVersion;
/** Native resources alive in this process, across every client: for leak checks. */
export function nativeResources(): NativeResources {
  return binding.resources();
}
