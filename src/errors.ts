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
  'ERR_ABORTED',
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

  /** The command of the call that failed (`'get'`, `'set'`, `'getMany'`, ...), when the error settled a call. */
  declare readonly command?: string;

  /** The key of the call that failed, as the caller gave it (for a multi-key call, on each error of {@link BatchError.errors}). */
  declare readonly key?: string | Buffer;

  /**
   * What caused the error: what the caller's own getter, proxy or iterator
   * threw, or, for a fault with a {@link systemCode}, an Error whose `code`
   * is that name (as Node's system errors carry it).
   */
  declare readonly cause?: unknown;

  constructor(code: ErrorCode, message: string, server?: string, systemCode?: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    if (server !== undefined) this.server = server;
    if (systemCode) {
      this.systemCode = systemCode;
      if (options?.cause === undefined) {
        // Without a stack: it would be this constructor's, and a batch's fault makes one per operation.
        const limit = Error.stackTraceLimit;
        Error.stackTraceLimit = 0;
        const cause = new Error(`${systemCode} (server ${server ?? 'unknown'})`);
        Error.stackTraceLimit = limit;
        Object.defineProperty(cause, 'code', { value: systemCode, enumerable: true });
        Object.defineProperty(this, 'cause', { value: cause, writable: true, configurable: true });
      }
    }
  }
}

/**
 * The error a call settles with: `error`, or, when it was made for many
 * operations at once (a batch's fault), a copy of it, naming the call's
 * `command` and `key`. With `callSite` (an object whose stack was captured
 * when the call was made), the stack ends with the caller's frames.
 */
export function errorOfCall(error: MemcachedError, command: string, key: string | Buffer | undefined, callSite?: { stack?: string }): MemcachedError {
  const own = Object.create(Object.getPrototypeOf(error) as object) as MemcachedError;
  for (const name of Object.getOwnPropertyNames(error)) {
    Object.defineProperty(own, name, Object.getOwnPropertyDescriptor(error, name)!);
  }
  Object.defineProperty(own, 'command', { value: command, enumerable: true, writable: true, configurable: true });
  if (key !== undefined) Object.defineProperty(own, 'key', { value: key, enumerable: true, writable: true, configurable: true });
  // Set on the copy in every case: Node 20's errors hold their stack in an own
  // property (copied above), Node 24's where only the original's accessor
  // reads it, so the copy would have none.
  let stack = error.stack ?? `${error.name}: ${error.message}`;
  if (callSite !== undefined) {
    const site = callSite.stack ?? '';
    stack += `\n    --- the call ---\n${site.slice(site.indexOf('\n') + 1)}`;
  }
  Object.defineProperty(own, 'stack', { value: stack, writable: true, configurable: true });
  return own;
}

/** Bad input, rejected before any I/O: a key, value, ttl, CAS token or option. */
export class InvalidArgumentError extends MemcachedError {}

/** The client was closed before this call was made, or closed by force before it settled. */
export class ClientClosedError extends MemcachedError {
  constructor(message = 'The client is closed') {
    super('ERR_CLIENT_CLOSED', message);
  }
}

/**
 * The call's `signal` aborted before it settled (or before it was made).
 * `name` is `'AbortError'`, as for the DOM's and Node's own; `cause` is the
 * signal's `reason`. An answer that arrives later is read and discarded.
 */
export class AbortError extends MemcachedError {
  constructor(reason: unknown) {
    super('ERR_ABORTED', 'The operation was aborted', undefined, undefined, { cause: reason });
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
    case 'CLOSED':
      // Calls settle with a ClientClosedError as the client closes by force;
      // this is for a batch's result that still comes back.
      return new ClientClosedError('The client was closed with force before the call settled');
    default:
      return new ProtocolError('ERR_UNKNOWN', message, at);
  }
}
