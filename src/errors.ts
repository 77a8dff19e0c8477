/**
 * Error classes. Every error this library raises is a {@link MemcachedError}
 * with a stable `code`; faults that involve a server also name it in `server`.
 */

/** Every `code` a {@link MemcachedError} can carry. */
export const ERROR_CODES = Object.freeze([
  'ERR_INVALID_KEY',
  'ERR_KEY_TOO_LONG',
  'ERR_INVALID_VALUE',
  'ERR_VALUE_TOO_LARGE',
  'ERR_INVALID_TTL',
  'ERR_INVALID_CAS',
  'ERR_INVALID_ARGUMENT',
  'ERR_INVALID_OPTION',
  'ERR_CLIENT_CLOSED',
  'ERR_CONNECTION',
  'ERR_TIMEOUT',
  'ERR_SERVER_DOWN',
  'ERR_AUTH',
  'ERR_TLS',
  'ERR_SERVER_ERROR',
  'ERR_CLIENT_ERROR',
  'ERR_NOT_NUMERIC',
  'ERR_PROTOCOL',
  'ERR_UNKNOWN',
  'ERR_BATCH',
  'ERR_DECODE',
  'ERR_UNPICKLE',
  'ERR_UNPICKLE_GLOBAL',
  'ERR_NOT_SUPPORTED',
] as const);

/** A `code` a {@link MemcachedError} can carry: one of {@link ERROR_CODES}. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Base class of every error this library raises. */
export class MemcachedError extends Error {
  readonly code: ErrorCode;
  /** The server (`host:port`) involved, when the error came from one. */
  declare readonly server?: string;

  /**
   * The system's name for the error behind a fault, as Node's own errors
   * carry it in `code`: `ECONNREFUSED`, `ECONNRESET`, `ENOTFOUND`,
   * `ETIMEDOUT`, ... Absent when there was none (an answer the server sent,
   * a connection it closed).
   */
  declare readonly systemCode?: string;

  constructor(code: ErrorCode, message: string, server?: string, systemCode?: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    if (server !== undefined) this.server = server;
    if (systemCode) this.systemCode = systemCode;
  }
}

/** Bad input, rejected before any I/O: a key, value, ttl, CAS token or option. */
export class InvalidArgumentError extends MemcachedError {}

/** The client was closed before this call was made. */
export class ClientClosedError extends MemcachedError {
  constructor() {
    super('ERR_CLIENT_CLOSED', 'The client is closed');
  }
}

/** A connection to a server could not be made or broke. */
export class ConnectionError extends MemcachedError {}

/** A server did not answer within the configured timeout. */
export class TimeoutError extends MemcachedError {}

/** The server is marked dead or temporarily disabled after earlier failures. */
export class ServerDownError extends MemcachedError {}

/**
 * The server refused the SASL credentials, or requires a login the client did
 * not make. The message never contains the username or password.
 */
export class AuthenticationError extends MemcachedError {}

/**
 * The TLS connection to a server failed: its certificate was not trusted
 * (an unknown or expired one, or one that does not name the server), the
 * server refused the client's certificate or TLS version, or the handshake
 * did not finish in time. The message names the server and, for a refused
 * certificate, OpenSSL's verification result in words. Counted as a failure
 * to reach the server, as a refused connection is.
 */
export class TlsError extends MemcachedError {}

/** The server answered with an error (`SERVER_ERROR`, `CLIENT_ERROR`). */
export class ServerError extends MemcachedError {}

/** The server's answer could not be understood. */
export class ProtocolError extends MemcachedError {}

/**
 * Some keys of a multi-key call failed. `results` holds the outcome of every key
 * that did not fail, `errors` the error of every key that did.
 */
export class BatchError<K, R> extends MemcachedError {
  readonly results: Map<K, R>;
  readonly errors: Map<K, MemcachedError>;

  constructor(results: Map<K, R>, errors: Map<K, MemcachedError>) {
    const first = errors.values().next().value as MemcachedError;
    super('ERR_BATCH', `${errors.size} of ${results.size + errors.size} keys failed; first: ${first.message}`);
    this.results = results;
    this.errors = errors;
  }
}

/** Builds the typed error for a native fault status. */
export function faultError(status: string, server: string, detail: string, systemCode = ''): MemcachedError {
  const text = detail || status;
  // A reason that quotes an earlier error of the server names it already.
  const message = server && !text.endsWith(`(server ${server})`) ? `${text} (server ${server})` : text;
  const at = server || undefined;
  switch (status) {
    case 'TIMEOUT':
      return new TimeoutError('ERR_TIMEOUT', message, at, systemCode);
    case 'CONNECTION':
      return new ConnectionError('ERR_CONNECTION', message, at, systemCode);
    case 'SERVER_DOWN':
      return new ServerDownError('ERR_SERVER_DOWN', message, at, systemCode);
    case 'AUTH':
      return new AuthenticationError('ERR_AUTH', message, at);
    case 'TLS':
      return new TlsError('ERR_TLS', message, at, systemCode);
    case 'SERVER_ERROR':
      return new ServerError('ERR_SERVER_ERROR', message, at);
    case 'CLIENT_ERROR':
      return new ServerError('ERR_CLIENT_ERROR', message, at);
    case 'NOT_NUMERIC':
      return new ServerError('ERR_NOT_NUMERIC', message, at);
    case 'PROTOCOL':
      return new ProtocolError('ERR_PROTOCOL', message, at);
    default:
      return new ProtocolError('ERR_UNKNOWN', message, at);
  }
}
