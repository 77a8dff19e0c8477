/**
 * Parses server specifications: `host`, `host:port`, `host:port/weight`,
 * `[v6]:port/weight`, a unix socket's absolute path, and connection strings
 * (`memcache://[user:password@]host[:port][,host[:port]...]`, and
 * `memcaches://` for TLS).
 */
import { InvalidArgumentError } from '../errors.js';
import type { ClientOptions, ResolvedTlsOptions } from '../options.js';

export interface ServerSpec {
  /** A host name or address, or a unix socket's absolute path when `port` is UNIX_SOCKET_PORT. */
  host: string;
  port: number;
  weight: number;
  /**
   * The name a TLS connection checks the server's certificate for and sends
   * in SNI, when it is not `host`: an ElastiCache node found by discovery is
   * reached at its IP address and named by its host name.
   */
  tlsName?: string;
}

/** SASL PLAIN credentials taken from connection strings. */
export interface UrlCredentials {
  username: string;
  password: string;
}

/** The servers of a client, and the credentials their connection strings carry (if any). */
export interface ServerList {
  servers: ServerSpec[];
  credentials: UrlCredentials | undefined;
  /** Every server was given in a memcaches:// connection string. */
  tls: boolean;
}

export const DEFAULT_PORT = 11211;

/** The port of a server that is a unix domain socket (as the native side and libmemcached take it). */
export const UNIX_SOCKET_PORT = 0;

/** The environment variable that names the servers when the constructor is given none. */
export const SERVERS_VARIABLE = 'MEMCACHED_SERVERS';

const SPEC = /^(?:\[(?<v6>[0-9a-fA-F:.]+)\]|(?<host>[^\s:/[\]]+))(?::(?<port>\d+))?(?:\/(?<weight>\d+))?$/;

/** `memcache://`, `memcaches://` or any other `scheme://` at the start of a connection string. */
const SCHEME = /^(?<scheme>[a-zA-Z][a-zA-Z0-9+.-]*):\/\//;

function fail(message: string): never {
  throw new InvalidArgumentError('ERR_INVALID_OPTION', message);
}

/**
 * A unix socket has no host name to check a certificate for or to send in
 * SNI: in TLS it needs `servername`, unless no certificate is checked.
 */
export function checkTlsNames(servers: readonly ServerSpec[], tls: ResolvedTlsOptions | undefined): void {
  if (tls === undefined || tls.servername !== undefined || !tls.rejectUnauthorized) return;
  const socket = servers.find((server) => server.port === UNIX_SOCKET_PORT && server.tlsName === undefined);
  if (socket !== undefined) {
    fail(`A unix socket (${socket.host}) has no host name to check the server's certificate for: ` + 'pass "tls.servername", the name the certificate carries');
  }
}

/** One server: `host`, `host:port`, `host:port/weight`, `[v6]:port/weight`, or a unix socket's absolute path. */
export function parseServer(spec: string): ServerSpec {
  if (typeof spec !== 'string') fail(`Expected a server such as "127.0.0.1:11211", got ${typeof spec}`);
  // A path is taken whole (but for surrounding spaces): the socket's own name, weight 1.
  const path = spec.trim();
  if (path.startsWith('/')) {
    if (path.includes('\0')) fail('A unix socket path may not contain NUL characters');
    return { host: path, port: UNIX_SOCKET_PORT, weight: 1 };
  }
  // Credentials belong in a memcache:// URL; never quote what may hold a password.
  if (spec.includes('@')) fail('A server given with "user:password@" must be a memcache:// URL, such as "memcache://user:password@host:11211"');
  const match = SPEC.exec(spec.trim());
  if (!match?.groups) {
    fail(`Expected a server as "host", "host:port", "host:port/weight" or "/path/to/unix.sock", got ${JSON.stringify(spec)}`);
  }
  const { v6, host, port, weight } = match.groups;
  const portNumber = port === undefined ? DEFAULT_PORT : Number(port);
  if (!Number.isInteger(portNumber) || portNumber < 1 || portNumber > 65535) {
    fail(`Server ${JSON.stringify(spec)} has a port outside 1-65535`);
  }
  const weightNumber = weight === undefined ? 1 : Number(weight);
  if (!Number.isSafeInteger(weightNumber) || weightNumber < 1 || weightNumber > 0xffffffff) {
    fail(`Server ${JSON.stringify(spec)} needs a positive integer weight`);
  }
  return { host: (v6 ?? host) as string, port: portNumber, weight: weightNumber };
}

/** Percent-decodes one part of the user information; the message never quotes it. */
function decodeCredential(part: string, name: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(part);
  } catch {
    fail(`The ${name} of a memcache:// URL has a malformed percent-encoding`);
  }
  if (decoded === '' || decoded.includes('\0')) fail(`The ${name} of a memcache:// URL must be non-empty, without NUL characters`);
  return decoded;
}

/**
 * One connection string: `memcache://[user:password@]host[:port][,host[:port]...]`.
 * Each host takes the forms of parseServer except a unix socket path.
 */
function parseUrl(url: string, scheme: string): ServerList {
  const tls = scheme.toLowerCase() === 'memcaches';
  if (!tls && scheme.toLowerCase() !== 'memcache') {
    fail(`Expected a connection string to start with memcache:// or memcaches://, got ${JSON.stringify(`${scheme}://`)}`);
  }
  let rest = url.slice(scheme.length + 3);
  let credentials: UrlCredentials | undefined;
  const at = rest.lastIndexOf('@');
  if (at >= 0) {
    const userinfo = rest.slice(0, at);
    rest = rest.slice(at + 1);
    const colon = userinfo.indexOf(':');
    if (colon < 0) fail('A memcache:// URL with credentials needs both: "memcache://user:password@host"');
    credentials = { username: decodeCredential(userinfo.slice(0, colon), 'user name'), password: decodeCredential(userinfo.slice(colon + 1), 'password') };
  }
  // A trailing slash, as URLs often end, names nothing.
  if (rest.endsWith('/')) rest = rest.slice(0, -1);
  const hosts = rest.split(',').map((host) => host.trim());
  if (hosts.some((host) => host === '')) fail('A memcache:// URL needs a host, such as "memcache://127.0.0.1:11211"');
  if (hosts.some((host) => host.startsWith('/'))) fail('A unix socket is given as its path alone, not in a memcache:// URL');
  return { servers: hosts.map(parseServer), credentials, tls };
}

function sameCredentials(a: UrlCredentials | undefined, b: UrlCredentials | undefined): boolean {
  return a?.username === b?.username && a?.password === b?.password;
}

/**
 * The servers of a client: a comma-separated string, or an array whose items
 * are one server each or a connection string. Connection strings that carry
 * credentials must all carry the same ones. The messages never quote credentials.
 */
export function parseServerList(servers: string | readonly string[]): ServerList {
  let items: string[];
  if (typeof servers === 'string') {
    items = [];
    // A connection string runs on over the commas up to the next scheme or
    // unix socket path.
    for (const part of servers.split(',')) {
      if (part.trim() === '') continue;
      const continues = items.length > 0 && SCHEME.test(items.at(-1)!.trim()) && !SCHEME.test(part.trim()) && !part.trim().startsWith('/');
      if (continues) items[items.length - 1] += `,${part}`;
      else items.push(part);
    }
  } else if (Array.isArray(servers)) {
    items = [...(servers as unknown[])] as string[];
  } else {
    items = [];
  }
  if (items.length === 0) fail('Expected at least one server, such as "127.0.0.1:11211"');
  const list: ServerSpec[] = [];
  let credentials: UrlCredentials | undefined;
  let urls = 0;
  let tlsItems = 0;
  for (const item of items) {
    const scheme = typeof item === 'string' ? SCHEME.exec(item.trim())?.groups?.scheme : undefined;
    if (scheme === undefined) {
      list.push(parseServer(item));
      continue;
    }
    const url = parseUrl(item.trim(), scheme);
    if (url.tls) tlsItems++;
    if (urls > 0 && !sameCredentials(url.credentials, credentials)) {
      fail('Every memcache:// URL of a client must carry the same credentials (or none): SASL logs in to every server with the same ones');
    }
    credentials = url.credentials;
    urls++;
    list.push(...url.servers);
  }
  // TLS is the client's, for every connection it makes.
  if (tlsItems > 0 && tlsItems < items.length) {
    fail('memcaches:// makes every connection of a client TLS: give every server as memcaches://, or all as memcache:// or host:port with the "tls" option');
  }
  return { servers: list, credentials, tls: tlsItems > 0 };
}

/** The servers, without credentials (for addServer and the cluster's own lists). */
export function parseServers(servers: string | readonly string[]): ServerSpec[] {
  const { servers: list, credentials, tls } = parseServerList(servers);
  if (credentials !== undefined) fail('Credentials are given once for a client, in its constructor (or the "sasl" option)');
  if (tls) fail('TLS is given once for a client, in its constructor (memcaches:// or the "tls" option): servers added later connect as the others do');
  return list;
}

/**
 * The servers the constructor was given or, when it was given none (undefined),
 * those of the MEMCACHED_SERVERS environment variable.
 */
export function resolveServerList(servers: string | readonly string[] | undefined, environment: NodeJS.ProcessEnv = process.env): ServerList {
  if (servers !== undefined) return parseServerList(servers);
  const variable = environment[SERVERS_VARIABLE];
  if (variable === undefined || variable.trim() === '') {
    fail(`No servers: give them to the constructor, such as new Client('127.0.0.1:11211'), or set ${SERVERS_VARIABLE}`);
  }
  return parseServerList(variable);
}

/**
 * The options with the credentials of the connection strings as their `sasl`.
 * Options that are not an object are left for resolveOptions to refuse.
 */
export function withUrlCredentials<V>(options: ClientOptions<V> | undefined, credentials: UrlCredentials | undefined): ClientOptions<V> | undefined {
  if (credentials === undefined || (options !== undefined && (typeof options !== 'object' || options === null))) return options;
  if (options?.sasl !== undefined) fail('Credentials are given twice, in a memcache:// URL and in the "sasl" option: give them in one place');
  return { ...options, sasl: credentials };
}

/**
 * The options with TLS when the connection strings are memcaches://: `tls:
 * true` unless the `tls` option gives the settings; `tls: false` is refused.
 */
export function withUrlTls<V>(options: ClientOptions<V> | undefined, tls: boolean): ClientOptions<V> | undefined {
  if (!tls || (options !== undefined && (typeof options !== 'object' || options === null))) return options;
  if (options?.tls === false) fail('memcaches:// asks for TLS, and the "tls" option is false: give one or the other');
  return options?.tls === undefined ? { ...options, tls: true } : options;
}

/** `host:port`, `[v6]:port`, or a unix socket's path. */
export function serverName(server: ServerSpec): string {
  if (server.port === UNIX_SOCKET_PORT) return server.host;
  return server.host.includes(':') ? `[${server.host}]:${server.port}` : `${server.host}:${server.port}`;
}
