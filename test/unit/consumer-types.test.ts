/**
 * The package's declarations as a TypeScript user compiles against them: the
 * packed package (npm pack) in small consumer projects, with `types: []` so
 * Node's types come only from the package's own reference, under
 * `module: nodenext` (an ESM and a CommonJS file) and `moduleResolution:
 * bundler`, with the repository's TypeScript (5.9) and with TypeScript 7.
 * The consumer code asserts the types of the generic reads and the incr/decr
 * overloads, and `@ts-expect-error` lines fail the compile if a wrong use
 * stops being an error.
 *
 * TypeScript 7 is installed on first use into node_modules/.cache (from the npm
 * registry), not as a devDependency: its `tsc` would take the place of the
 * repository's in node_modules/.bin.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ROOT } from '../support/util.js';

const TYPESCRIPT_7 = '7.0.2';
const TS7_PREFIX = path.join(ROOT, 'node_modules', '.cache', `typescript-${TYPESCRIPT_7}`);

const COMPILERS = {
  'TypeScript 5.9': path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'),
  [`TypeScript ${TYPESCRIPT_7}`]: path.join(TS7_PREFIX, 'node_modules', 'typescript', 'bin', 'tsc'),
};

const CONSUMER = `
import DefaultClient, { AbortError, Client, type GetsResult, type Key, type PingResult } from 'memcache-native';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(): T | undefined {
  return undefined;
}

interface User {
  name: string;
}

export async function consume(): Promise<void> {
  const client = new Client('127.0.0.1:11211');
  const user = await client.get<User>('user');
  assertType<Equal<typeof user, User | undefined>>();
  const plain = await client.get('user');
  assertType<Equal<typeof plain, unknown>>();
  const users = await client.getMany<User>(['a', 'b']);
  assertType<Equal<typeof users, Map<Key, User>>>();
  const withCas = await client.gets<User>('user');
  assertType<Equal<typeof withCas, GetsResult<User> | undefined>>();
  const manyWithCas = await client.getsMany<User>(['a']);
  assertType<Equal<typeof manyWithCas, Map<Key, GetsResult<User>>>>();

  const created = await client.incr('n', 1, { initial: 0 });
  assertType<Equal<typeof created, number | bigint>>();
  const lowered = await client.decr('n', 2n, { initial: 10n, ttl: 60, timeout: 100 });
  assertType<Equal<typeof lowered, number | bigint>>();
  const defaultDelta = await client.incr('n', undefined, { initial: 1 });
  assertType<Equal<typeof defaultDelta, number | bigint>>();
  const maybe = await client.incr('n');
  assertType<Equal<typeof maybe, number | bigint | undefined>>();
  const silent = await client.decr('n', 1, { noreply: true });
  assertType<Equal<typeof silent, undefined>>();

  // The default export is the class itself.
  const viaDefault = new DefaultClient<User>('127.0.0.1:11211');
  assertType<Equal<typeof viaDefault, Client<User>>>();
  assertType<Equal<typeof DefaultClient, typeof Client>>();

  const strings = new Client<string>(['127.0.0.1:11211', '127.0.0.1:11212/2']);
  const text = await strings.get('k');
  assertType<Equal<typeof text, string | undefined>>();
  // Buffer and AbortSignal come from the package's reference to Node's types.
  await client.set('bytes', Buffer.from('x'), { ttl: 60, signal: AbortSignal.timeout(100) });
  const pings: Record<string, PingResult> = await client.ping({ timeout: 50 });
  const latency: number | undefined = pings['127.0.0.1:11211']?.latencyMs;
  void latency;
  try {
    await client.close({ force: true });
  } catch (error) {
    if (error instanceof AbortError) void error.cause;
  }

  // @ts-expect-error without initial, a missing counter resolves undefined
  const counted: number | bigint = await client.incr('n');
  // @ts-expect-error a value read as User is not a string
  const name: string | undefined = await client.get<User>('user');
  // @ts-expect-error the timeout is a number of milliseconds
  await client.get('k', { timeout: '100' });
  // @ts-expect-error a Client<string> stores strings
  await strings.set('k', 42);
  void counted;
  void name;
}
`;

interface Project {
  name: string;
  compilerOptions: Record<string, unknown>;
  files: string[];
}

const PROJECTS: Project[] = [
  { name: 'module nodenext', compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext' }, files: ['consumer.mts', 'consumer.cts'] },
  { name: 'moduleResolution bundler', compilerOptions: { module: 'esnext', moduleResolution: 'bundler' }, files: ['consumer.ts'] },
];

let work: string;
let packageDir: string;

function run(command: string, args: string[], cwd: string, timeout = 240_000) {
  return spawnSync(command, args, { cwd, encoding: 'utf8', timeout });
}

/** A consumer project in `dir` whose node_modules holds `pkg` as memcache-native and Node's types. */
function consumerProject(dir: string, project: Project, pkg: string): void {
  mkdirSync(path.join(dir, 'node_modules', '@types'), { recursive: true });
  symlinkSync(pkg, path.join(dir, 'node_modules', 'memcache-native'));
  symlinkSync(path.join(ROOT, 'node_modules', '@types', 'node'), path.join(dir, 'node_modules', '@types', 'node'));
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  for (const file of project.files) writeFileSync(path.join(dir, file), CONSUMER);
  const compilerOptions = { target: 'ES2022', lib: ['ES2022'], strict: true, noEmit: true, skipLibCheck: false, types: [], ...project.compilerOptions };
  writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: project.files }));
}

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'consumer-types-'));
  const build = run(process.execPath, [path.join(ROOT, 'scripts', 'build-ts.mjs')], ROOT);
  expect(build.status, build.stderr + build.stdout).toBe(0);
  // As users get it: what npm pack puts in the tarball (the prebuilds are not needed to compile).
  const pack = run('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', work], ROOT);
  expect(pack.status, pack.stderr).toBe(0);
  const tarball = path.join(work, pack.stdout.trim().split('\n').pop()!);
  const untar = run('tar', ['-xzf', tarball, '-C', work], work);
  expect(untar.status, untar.stderr).toBe(0);
  packageDir = path.join(work, 'package');
  if (!existsSync(COMPILERS[`TypeScript ${TYPESCRIPT_7}`])) {
    mkdirSync(TS7_PREFIX, { recursive: true });
    const install = run('npm', ['install', '--prefix', TS7_PREFIX, '--no-save', '--no-audit', '--no-fund', '--silent', `typescript@${TYPESCRIPT_7}`], ROOT);
    expect(install.status, install.stderr).toBe(0);
  }
}, 300_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe.each(Object.entries(COMPILERS))('a consumer compiled with %s', (compiler, tsc) => {
  it.each(PROJECTS)('$name, types: []', (project) => {
    const dir = path.join(work, `${compiler}-${project.name}`.replace(/[^a-z0-9.]+/gi, '-'));
    consumerProject(dir, project, packageDir);
    const result = run(process.execPath, [tsc, '-p', 'tsconfig.json'], dir);
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it("fails without the package's reference to Node's types (so the test shows it is what makes them load)", () => {
    const stripped = path.join(work, `${compiler}-stripped`.replace(/[^a-z0-9.]+/gi, '-'), 'package');
    cpSync(packageDir, stripped, { recursive: true });
    const entry = path.join(stripped, 'dist', 'cjs', 'index.d.ts');
    writeFileSync(entry, readFileSync(entry, 'utf8').replace(/^\/\/\/ <reference types="node".*\n/m, ''));
    const dir = path.join(path.dirname(stripped), 'consumer');
    consumerProject(dir, PROJECTS[1]!, stripped);
    const result = run(process.execPath, [tsc, '-p', 'tsconfig.json'], dir);
    expect(result.status).not.toBe(0);
    expect(result.stdout).toContain("Cannot find name 'Buffer'");
  });
});
