// A real memcached that requires SASL, for the tests and the memory checks: its
// users go into a sasldb made with Debian's saslpasswd2 (package sasl2-bin),
// and a memcached.conf beside it offers PLAIN against that database.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

import { startMemcached } from './memcached.mjs';

/**
 * Starts memcached -S with `users` ({ name: password }), on `options.port` or a
 * free one; `options.args` go to memcached too.
 */
export async function startSaslMemcached(users, options = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'memcache-native-sasl-'));
  const database = path.join(dir, 'sasldb2');
  for (const [user, password] of Object.entries(users)) {
    try {
      execFileSync('saslpasswd2', ['-a', 'memcached', '-c', '-p', '-f', database, user], { input: password, stdio: ['pipe', 'ignore', 'pipe'] });
    } catch (error) {
      throw new Error(`saslpasswd2 failed (is sasl2-bin installed? run bash scripts/setup.sh): ${error.message}`, { cause: error });
    }
  }
  writeFileSync(path.join(dir, 'memcached.conf'), `mech_list: plain\nsasldb_path: ${database}\n`);
  const env = { ...process.env, SASL_CONF_PATH: dir };
  const server = await startMemcached(['-S', ...(options.args ?? [])], { env, port: options.port });
  return {
    ...server,
    async stop(signal) {
      await server.stop(signal);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
