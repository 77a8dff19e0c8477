/** The Python-compatible values API, for src/index.ts to re-export. */
export { CachedValue } from './cached-value.js';
export { FLAG_COMPRESSED, FLAG_INTEGER, FLAG_LONG, FLAG_LZ4, FLAG_PICKLE, pythonCodec } from './codec.js';
export type { PythonCodecFlavor, PythonCodecOptions } from './codec.js';
export { PyDate, PyDateTime, PyTime, PyTimedelta, PyTimezone } from './datetime.js';
export { PyDecimal } from './decimal.js';
export { DecodeError, UnpicklingError } from './errors.js';
export type { DecodeErrorCode } from './errors.js';
export { FLAG_JSON, jsonCodec } from './json-codec.js';
export { unpickle } from './pickle-decode.js';
export type { UnpickleOptions } from './pickle-decode.js';
export { DEFAULT_PICKLE_PROTOCOL, pickle } from './pickle-encode.js';
export type { PickleProtocol } from './pickle-encode.js';
export type { GlobalFactory } from './pickle-globals.js';
