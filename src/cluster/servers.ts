/** Parses server specifications: `host`, `host:port`, `host:port/weight`, `[v6]:port/weight`. */
import { InvalidArgumentError } from '../errors.js';

export interface ServerSpec {
  host: string;
  port: number;
  weight: number;
}

export const DEFAULT_PORT = 11211;

const SPEC = /^(?:\[(?<v6>[0-9a-fA-F:.]+)\]|(?<host>[^\s:/[\]]+))(?::(?<port>\d+))?(?:\/(?<weight>\d+))?$/;

export function parseServer(spec: string): ServerSpec {
  if (typeof spec !== 'string') {
    throw new InvalidArgumentError('ERR_INVALID_OPTION', `Expected a server such as "127.0.0.1:11211", got ${typeof spec}`);
  }
  const match = SPEC.exec(spec.trim());
  if (!match?.groups) {
    throw new InvalidArgumentError('ERR_INVALID_OPTION', `Expected a server as "host", "host:port" or "host:port/weight", got ${JSON.stringify(spec)}`);
  }
  const { v6, host, port, weight } = match.groups;
  const portNumber = port === undefined ? DEFAULT_PORT : Number(port);
  if (!Number.isInteger(portNumber) || portNumber < 1 || portNumber > 65535) {
    throw new InvalidArgumentError('ERR_INVALID_OPTION', `Server ${JSON.stringify(spec)} has a port outside 1-65535`);
  }
  const weightNumber = weight === undefined ? 1 : Number(weight);
  if (!Number.isSafeInteger(weightNumber) || weightNumber < 1 || weightNumber > 0xffffffff) {
    throw new InvalidArgumentError('ERR_INVALID_OPTION', `Server ${JSON.stringify(spec)} needs a positive integer weight`);
  }
  return { host: (v6 ?? host) as string, port: portNumber, weight: weightNumber };
}

export function parseServers(servers: string | readonly string[]): ServerSpec[] {
  const list = typeof servers === 'string' ? servers.split(',').filter((s) => s.trim() !== '') : servers;
  if (!Array.isArray(list) || list.length === 0) {
    throw new InvalidArgumentError('ERR_INVALID_OPTION', 'Expected at least one server, such as "127.0.0.1:11211"');
  }
  return list.map(parseServer);
}

export function serverName(server: ServerSpec): string {
  return server.host.includes(':') ? `[${server.host}]:${server.port}` : `${server.host}:${server.port}`;
}
