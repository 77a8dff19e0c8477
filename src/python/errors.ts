/** Errors raised while turning stored bytes into values. */
import { type ErrorCode, MemcachedError } from '../errors.js';

/** The `code`s of the errors below. */
export type DecodeErrorCode = Extract<ErrorCode, 'ERR_DECODE' | 'ERR_UNPICKLE' | 'ERR_UNPICKLE_GLOBAL'>;

/**
 * A stored value's bytes could not become a value: corrupt zlib data, inflated
 * data beyond the size limit, an integer item that is not a decimal number, or
 * JSON that does not parse. Code `ERR_DECODE`.
 */
export class DecodeError extends MemcachedError {
  constructor(message: string, code: DecodeErrorCode = 'ERR_DECODE') {
    super(code, message);
  }
}

/**
 * A pickle could not be decoded. Code `ERR_UNPICKLE` for malformed or unsupported
 * data, `ERR_UNPICKLE_GLOBAL` for a class or function the decoder refuses to
 * build; `global` then names it as `module.name`.
 */
export class UnpicklingError extends DecodeError {
  readonly global?: string;

  constructor(message: string, global?: string) {
    super(message, global === undefined ? 'ERR_UNPICKLE' : 'ERR_UNPICKLE_GLOBAL');
    if (global !== undefined) this.global = global;
  }
}
