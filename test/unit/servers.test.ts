/**
 * Server lists with no server: the forms a server is given in (host:port,
 * IPv6, unix socket paths, memcache:// connection strings with credentials),
 * the MEMCACHED_SERVERS fallback, and the errors each wrong form gets, which
 * never quote credentials.
 */
import { inspect } from 'node:util';

import { describe, expect, it } from 'vitest';

import { parseClusterConfig } from '../../src/cluster/discovery.js';
import { parseServer, parseServerList, parseServers, resolveServerList, serverName, withUrlCredentials, withUrlTls } from '../../src/cluster/servers.js';
import { InvalidArgumentError } from '../../src/errors.js';

const SECRET = 's3cr3t-p@ss';

function names(servers: string | string[]): string[] {
  return parseServerList(servers).servers.map(serverName);
}

function thrown(run: () => unknown): InvalidArgumentError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).code).toBe('ERR_INVALID_OPTION');
    return error as InvalidArgumentError;
  }
  throw new Error('expected an InvalidArgumentError');
}

describe('unix socket paths', () => {
  it('takes an absolute path whole, as the server and its name, with weight 1', () => {
    expect(parseServer('/run/memcached/memcached.sock')).toEqual({ host: '/run/memcached/memcached.sock', port: 0, weight: 1 });
    expect(parseServer('/tmp/odd name:11211/3')).toEqual({ host: '/tmp/odd name:11211/3', port: 0, weight: 1 });
    expect(names('/tmp/a.sock, 127.0.0.1:11311, /tmp/b.sock')).toEqual(['/tmp/a.sock', '127.0.0.1:11311', '/tmp/b.sock']);
    expect(names(['/tmp/with,comma.sock', '[::1]'])).toEqual(['/tmp/with,comma.sock', '[::1]:11211']);
  });

  it('refuses a relative path, a NUL, and a path inside a URL', () => {
    expect(thrown(() => parseServer('tmp/a.sock')).message).toMatch(/"\/path\/to\/unix.sock"/);
    expect(thrown(() => parseServer('/tmp/a\0.sock')).message).toMatch(/NUL/);
    expect(thrown(() => parseServerList('memcache:///tmp/a.sock')).message).toMatch(/unix socket is given as its path alone/);
  });
});

describe('memcache:// connection strings', () => {
  it.each([
    ['memcache://cache.example', ['cache.example:11211']],
    ['memcache://cache.example:11311/', ['cache.example:11311']],
    ['MEMCACHE://[::1]:11311', ['[::1]:11311']],
    ['memcache://[::1]', ['[::1]:11211']],
    ['memcache://a:1,b:2', ['a:1', 'b:2']],
    ['memcache://a:1,memcache://b:2', ['a:1', 'b:2']],
    ['memcache://a:1, b , memcache://[::1]:3', ['a:1', 'b:11211', '[::1]:3']],
    ['a:1,memcache://b:2', ['a:1', 'b:2']],
  ])('reads %s', (url, expected) => {
    expect(names(url)).toEqual(expected);
    expect(parseServerList(url).credentials).toBeUndefined();
  });

  it('keeps host weights within a URL', () => {
    expect(parseServerList('memcache://a:1/3,b:2').servers).toEqual([
      { host: 'a', port: 1, weight: 3 },
      { host: 'b', port: 2, weight: 1 },
    ]);
  });

  it('takes percent-decoded credentials, for every server of the string', () => {
    const list = parseServerList(`memcache://us%3Aer:${encodeURIComponent(SECRET)}@a:1,b:2`);
    expect(list.servers.map(serverName)).toEqual(['a:1', 'b:2']);
    expect(list.credentials).toEqual({ username: 'us:er', password: SECRET });
    // A raw @ or comma in the password still parses: the host starts after the last @.
    expect(parseServerList('memcache://u:p@ss,w@a:1').credentials).toEqual({ username: 'u', password: 'p@ss,w' });
    expect(parseServerList(['memcache://u:p@a:1', 'memcache://u:p@b:2', 'c:3']).credentials).toEqual({ username: 'u', password: 'p' });
  });

  it('refuses credentials that differ between URLs, or appear in only some', () => {
    for (const servers of [
      `memcache://u:${SECRET}@a:1,memcache://u:other@b:2`,
      `memcache://u:${SECRET}@a:1,memcache://v:${SECRET}@b:2`,
      `memcache://u:${SECRET}@a:1,memcache://b:2`,
      [`memcache://b:2`, `memcache://u:${SECRET}@a:1`],
    ]) {
      const error = thrown(() => parseServerList(servers));
      expect(error.message).toMatch(/must carry the same credentials/);
      expect(error.message).not.toContain(SECRET);
    }
  });

  it('takes memcaches:// as TLS for the whole client, never mixed with servers without it', () => {
    const list = parseServerList(`MEMCACHES://u:${encodeURIComponent(SECRET)}@a:1,b`);
    expect(list.tls).toBe(true);
    expect(list.servers.map(serverName)).toEqual(['a:1', 'b:11211']);
    expect(list.credentials).toEqual({ username: 'u', password: SECRET });
    expect(parseServerList(['memcaches://a:1', 'memcaches://b:2']).tls).toBe(true);
    expect(parseServerList('memcache://a:1').tls).toBe(false);
    expect(parseServerList('a:1').tls).toBe(false);
    for (const mixed of ['a:1,memcaches://b:2', ['memcaches://a:1', 'memcache://b:2'], ['memcaches://a:1', '/tmp/x.sock']]) {
      const error = thrown(() => parseServerList(mixed));
      expect(error.message).toMatch(/memcaches:\/\/ makes every connection of a client TLS/);
    }
    const later = thrown(() => parseServers(`memcaches://u:${SECRET}@a:1`));
    expect(later.message).not.toContain(SECRET);
    expect(thrown(() => parseServers('memcaches://a:1')).message).toMatch(/TLS is given once for a client/);
  });

  it('gives memcaches:// TLS unless the tls option has its settings, and refuses tls: false with it', () => {
    expect(withUrlTls(undefined, true)).toEqual({ tls: true });
    expect(withUrlTls({ timeout: 100 }, true)).toEqual({ timeout: 100, tls: true });
    expect(withUrlTls({ tls: { servername: 'x' } }, true)).toEqual({ tls: { servername: 'x' } });
    expect(withUrlTls({ timeout: 100 }, false)).toEqual({ timeout: 100 });
    expect(thrown(() => withUrlTls({ tls: false }, true)).message).toMatch(/"tls" option is false/);
  });

  it.each([
    ['another scheme', `redis://u:${SECRET}@a:1`, /start with memcache:\/\/ or memcaches:\/\/, got "redis:\/\/"/],
    ['a user without a password', `memcache://${SECRET}@a:1`, /needs both/],
    ['an empty password', 'memcache://u:@a:1', /password of a memcache:\/\/ URL must be non-empty/],
    ['a malformed percent-encoding', `memcache://u:${SECRET}%zz@a:1`, /malformed percent-encoding/],
    ['no host', `memcache://u:${SECRET}@`, /needs a host/],
    ['an empty host in the list', 'memcache://a:1,,memcache://', /needs a host/],
    ['a bad port', `memcache://u:${SECRET}@a:99999`, /port outside 1-65535/],
    ['credentials without a scheme', `u:${SECRET}@a:1`, /must be a memcache:\/\/ URL/],
  ])('refuses %s, without quoting credentials', (_name, servers, message) => {
    const error = thrown(() => parseServerList(servers));
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain(SECRET);
    expect(inspect(error)).not.toContain(SECRET);
  });

  it('takes no credentials where a client already has its own (addServer, discovery)', () => {
    expect(parseServers('memcache://a:1')).toEqual([{ host: 'a', port: 1, weight: 1 }]);
    expect(thrown(() => parseServers(`memcache://u:${SECRET}@a:1`)).message).not.toContain(SECRET);
  });
});

describe('credentials and the sasl option', () => {
  const credentials = { username: 'u', password: SECRET };

  it('makes the credentials the sasl option', () => {
    expect(withUrlCredentials(undefined, credentials)).toEqual({ sasl: credentials });
    expect(withUrlCredentials({ timeout: 100 }, credentials)).toEqual({ timeout: 100, sasl: credentials });
    expect(withUrlCredentials({ timeout: 100 }, undefined)).toEqual({ timeout: 100 });
  });

  it('refuses credentials given both ways', () => {
    const error = thrown(() => withUrlCredentials({ sasl: { username: 'v', password: 'other' } }, credentials));
    expect(error.message).toMatch(/given twice, in a memcache:\/\/ URL and in the "sasl" option/);
    expect(error.message).not.toContain(SECRET);
  });
});

describe('MEMCACHED_SERVERS', () => {
  it('is the list when the constructor is given none', () => {
    const list = resolveServerList(undefined, { MEMCACHED_SERVERS: 'memcache://u:p@a:1,/tmp/m.sock' });
    expect(list.servers.map(serverName)).toEqual(['a:1', '/tmp/m.sock']);
    expect(list.credentials).toEqual({ username: 'u', password: 'p' });
  });

  it('is not read when the constructor is given servers', () => {
    expect(resolveServerList('b:2', { MEMCACHED_SERVERS: 'a:1' }).servers.map(serverName)).toEqual(['b:2']);
  });

  it('says so when there is neither', () => {
    for (const environment of [{}, { MEMCACHED_SERVERS: '' }, { MEMCACHED_SERVERS: ' ' }]) {
      expect(thrown(() => resolveServerList(undefined, environment)).message).toMatch(/No servers: give them to the constructor.*or set MEMCACHED_SERVERS/);
    }
  });
});

describe('parseClusterConfig', () => {
  it('reaches each node at its IP address and names it by its host name for TLS', () => {
    const config = parseClusterConfig('12\nnode-1.cache.example|10.0.0.1|11211 node-2.cache.example||11212 node-3.cache.example|fd00::3|11213\n', 'cfg:11211');
    expect(config.version).toBe(12);
    expect(config.servers).toEqual([
      { host: '10.0.0.1', port: 11211, weight: 1, tlsName: 'node-1.cache.example' },
      // No IP: reached at its host name, which is also its TLS name.
      { host: 'node-2.cache.example', port: 11212, weight: 1 },
      { host: 'fd00::3', port: 11213, weight: 1, tlsName: 'node-3.cache.example' },
    ]);
    expect(config.servers.map(serverName)).toEqual(['10.0.0.1:11211', 'node-2.cache.example:11212', '[fd00::3]:11213']);
  });
});
