// Starts real memcached servers on free loopback ports, for the test suite,
// the tour and the benchmarks. A missing memcached binary is an error, never a skip.
import { execFileSync, spawn } from 'node:child_process';
import * as net from 'node:net';

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

function waitForPort(host, port, deadline) {
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = net.connect(port, host);
      socket.once('connect', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`memcached did not listen on ${port}`));
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
