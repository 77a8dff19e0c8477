// Starts real memcached servers on free loopback ports, for the test suite,
// the tour and the benchmarks. A missing memcached binary is an error, never a skip.
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

function memcachedBinary() {
  try {
    return execFileSync('sh', ['-c', 'command -v memcached'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('memcached is not installed: run `bash scripts/setup.sh` (it installs the Debian package)');
  }
}

/** A TCP port on 127.0.0.1 that nothing listened on a moment ago. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Waits until something accepts connections at `port` of `host`, or at the unix socket `host` when `port` is undefined. */
function waitForPort(host, port, deadline) {
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = port === undefined ? net.connect(host) : net.connect(port, host);
      socket.once('connect', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`memcached did not listen on ${port ?? host}`));
        else setTimeout(attempt, 20);
      });
    };
    attempt();
  });
}

/**
 * Starts one memcached on `options.port` or a free port; `extraArgs` go to memcached
 * (for example `['-I', '2m']`), `options.env` replaces its environment.
 */
export async function startMemcached(extraArgs = [], options = {}) {
  const binary = memcachedBinary();
  const attempts = options.port === undefined ? 5 : 1;
  const host = options.host ?? '127.0.0.1';
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const port = options.port ?? (await freePort());
    const user = process.getuid?.() === 0 ? ['-u', 'root'] : [];
    const child = spawn(binary, [...user, '-l', host, '-p', String(port), '-U', '0', '-m', '64', ...extraArgs], {
      stdio: 'ignore',
      env: options.env ?? process.env,
    });
    let exited = false;
    child.once('exit', () => {
      exited = true;
    });
    try {
      await waitForPort(host, port, Date.now() + 5000);
    } catch (error) {
      child.kill('SIGKILL');
      if (attempt === attempts) throw error;
      continue;
    }
    if (exited) {
      if (attempt === attempts) throw new Error(`memcached exited at start on port ${port}`);
      continue;
    }
    return {
      port,
      address: host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`,
      process: child,
      stop(signal = 'SIGTERM') {
        return new Promise((resolve) => {
          if (exited) return resolve();
          child.once('exit', () => resolve());
          child.kill(signal);
        });
      },
    };
  }
  throw new Error('could not start memcached');
}

/**
 * Starts one memcached that listens on a unix socket only, in a directory of
 * its own under the system's temporary directory (removed by stop()).
 * `extraArgs` go to memcached.
 */
export async function startUnixMemcached(extraArgs = []) {
  const binary = memcachedBinary();
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'mcn-'));
  const socketPath = path.join(directory, 'memcached.sock');
  const user = process.getuid?.() === 0 ? ['-u', 'root'] : [];
  const child = spawn(binary, [...user, '-s', socketPath, '-m', '64', ...extraArgs], { stdio: 'ignore' });
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  const remove = () => fs.rmSync(directory, { recursive: true, force: true });
  try {
    await waitForPort(socketPath, undefined, Date.now() + 5000);
  } catch (error) {
    child.kill('SIGKILL');
    remove();
    throw error;
  }
  if (exited) {
    remove();
    throw new Error(`memcached exited at start on ${socketPath}`);
  }
  return {
    path: socketPath,
    address: socketPath,
    process: child,
    stop(signal = 'SIGTERM') {
      return new Promise((resolve) => {
        if (exited) {
          remove();
          return resolve();
        }
        child.once('exit', () => {
          remove();
          resolve();
        });
        child.kill(signal);
      });
    },
  };
}
