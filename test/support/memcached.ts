/**
 * Starts real memcached servers on free loopback ports for the test run.
 * A missing memcached binary fails the run: tests never pretend to pass.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as net from 'node:net';

export interface MemcachedProcess {
  port: number;
  address: string;
  process: ChildProcess;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

function memcachedBinary(): string {
  try {
    return execFileSync('sh', ['-c', 'command -v memcached'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('memcached is not installed: run `bash scripts/test.sh` (it installs the Debian package), or apt-get install memcached');
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function waitForPort(port: number, deadline: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = net.connect(port, '127.0.0.1');
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

/** Starts one memcached; extra arguments go to memcached (for example `['-I', '2m']`). */
export async function startMemcached(extraArgs: string[] = []): Promise<MemcachedProcess> {
  const binary = memcachedBinary();
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    const user = process.getuid?.() === 0 ? ['-u', 'root'] : [];
    const child = spawn(binary, [...user, '-l', '127.0.0.1', '-p', String(port), '-U', '0', '-m', '64', ...extraArgs], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let exited = false;
    child.once('exit', () => {
      exited = true;
    });
    try {
      await waitForPort(port, Date.now() + 5000);
    } catch (error) {
      child.kill('SIGKILL');
      if (attempt === 4) throw error;
      continue;
    }
    if (exited) continue;
    return {
      port,
      address: `127.0.0.1:${port}`,
      process: child,
      stop(signal: NodeJS.Signals = 'SIGTERM') {
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
