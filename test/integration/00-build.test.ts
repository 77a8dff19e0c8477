import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import { sharedServers, uniquePrefix } from '../support/clients.js';
import { ensureDist, ROOT, runNode } from '../support/util.js';

interface GypTarget {
  target_name: string;
  type?: string;
  sources: string[];
  defines: string[];
  include_dirs: string[];
  dependencies?: string[];
  libraries?: string[];
  cflags: string[];
  'cflags!': string[];
  cflags_cc: string[];
  'cflags_cc!': string[];
  direct_dependent_settings?: { include_dirs: string[] };
}

function gypTargets(file: string): GypTarget[] {
  return (JSON.parse(readFileSync(path.join(ROOT, file), 'utf8')) as { targets: GypTarget[] }).targets;
}

function gypTarget(): GypTarget {
  const targets = gypTargets('binding.gyp');
  expect(targets).toHaveLength(1);
  return targets[0]!;
}

/** libmemcached, vendored: its gyp file's target, with paths made relative to the repository. */
const VENDORED = 'deps/libmemcached';
function vendoredTarget(): GypTarget {
  const targets = gypTargets(`${VENDORED}/libmemcached.gyp`);
  expect(targets).toHaveLength(1);
  const target = targets[0]!;
  const inRepo = (file: string) => `${VENDORED}/${file}`;
  return {
    ...target,
    sources: target.sources.map(inRepo),
    include_dirs: target.include_dirs.map(inRepo),
    direct_dependent_settings: { include_dirs: target.direct_dependent_settings!.include_dirs.map(inRepo) },
  };
}

/**
 * The headers of the Node that runs the tests, where node-gyp finds them too:
 * Node's own, and the OpenSSL that Node carries (include/node/openssl).
 */
const NODE_INCLUDE = path.join(path.dirname(process.execPath), '..', 'include', 'node');

/** The system's shared library `name` (libssl.so.3), by ldconfig's cache. */
function systemLibrary(name: string): string {
  const cache = spawnSync('ldconfig', ['-p'], { encoding: 'utf8' }).stdout;
  const line = cache.split('\n').find((entry) => entry.trim().startsWith(`${name} `) && entry.includes('x86-64'));
  expect(line, `${name} in ldconfig -p`).toBeDefined();
  return line!.split('=>')[1]!.trim();
}

const cmake = () => readFileSync(path.join(ROOT, 'CMakeLists.txt'), 'utf8').replace(/#.*$/gm, '');

/** The whitespace-separated words inside `command(<head> ...)` in CMakeLists.txt. */
function cmakeWords(command: string, head: string): string[] {
  const match = new RegExp(`${command}\\(\\s*${head.replace(/[$]/g, '\\$&')}\\s+([^)]*)\\)`).exec(cmake());
  expect(match, `${command}(${head} ...) in CMakeLists.txt`).not.toBeNull();
  return match![1]!.split(/\s+/).filter((word) => word !== '');
}

describe('native build files', () => {
  it('binding.gyp and CMakeLists.txt compile exactly the same sources, and every native/**/*.cc', () => {
    const gypSources = gypTarget().sources;
    const cmakeSources = cmakeWords('set', 'MEMCACHE_NATIVE_SOURCES');
    expect(new Set(gypSources).size).toBe(gypSources.length);
    expect([...cmakeSources].sort()).toEqual([...gypSources].sort());
    const onDisk = (readdirSync(path.join(ROOT, 'native'), { recursive: true }) as string[])
      .filter((name) => name.endsWith('.cc'))
      .map((name) => `native/${name}`);
    expect(onDisk.length).toBeGreaterThan(0);
    for (const file of onDisk) expect(gypSources, `${file} is compiled`).toContain(file);
    for (const file of gypSources) expect(existsSync(path.join(ROOT, file)), `${file} exists`).toBe(true);
  });

  it('keeps native/engine/ free of Node: no N-API, libuv or V8 header, nothing from native/addon/; of what Node ships, only <openssl/...>', () => {
    // The engine must build, and be unit-tested or fuzzed, without Node. It
    // uses OpenSSL, whose headers come from Node's include directory (it is the
    // OpenSSL of the Node that loads the addon): nothing else from there.
    expect(existsSync(path.join(NODE_INCLUDE, 'openssl', 'ssl.h')), NODE_INCLUDE).toBe(true);
    const fromNode = new Set(readdirSync(NODE_INCLUDE).filter((name) => name !== 'openssl'));
    expect(fromNode).toContain('node.h');
    const forbidden =
      /^\s*#\s*include\s*[<"]([^>"]*\/)?(napi|node_api|node_api_types|js_native_api|js_native_api_types|node|node_buffer|node_object_wrap|uv|v8)\.h[>"]/;
    const engine = path.join(ROOT, 'native/engine');
    const files = (readdirSync(engine, { recursive: true }) as string[]).filter((name) => /\.(h|cc)$/.test(name));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const lines = readFileSync(path.join(engine, file), 'utf8').split('\n');
      for (const line of lines) {
        expect(forbidden.test(line), `native/engine/${file}: ${line}`).toBe(false);
        expect(/^\s*#\s*include\s*"[^"]*addon\//.test(line), `native/engine/${file}: ${line}`).toBe(false);
        const system = /^\s*#\s*include\s*<([^/>]+)/.exec(line);
        if (system) expect(fromNode.has(system[1]!), `native/engine/${file}: ${line} is Node's`).toBe(false);
      }
    }
  });

  it('links native/engine/ on its own, with the vendored libmemcached and OpenSSL and without Node', () => {
    // No Node include path and no undefined symbol allowed: an engine file that
    // reaches for N-API, libuv or a symbol of native/addon/ fails here, and so
    // does a vendored source that needs one libmemcached.gyp does not compile
    // (node-gyp links the addon with undefined symbols allowed; this does not).
    // One compiler run, so one -std for all: a link check, not the shipped flags.
    // Only OpenSSL's headers of Node's include directory are on the path, and
    // the system's libssl and libcrypto stand in for the ones Node exports.
    const out = mkdtempSync(path.join(tmpdir(), 'engine-'));
    try {
      mkdirSync(path.join(out, 'include'));
      symlinkSync(path.join(NODE_INCLUDE, 'openssl'), path.join(out, 'include', 'openssl'));
      const vendored = vendoredTarget();
      const engine = path.join(ROOT, 'native/engine');
      const sources = readdirSync(engine)
        .filter((name) => name.endsWith('.cc'))
        .map((name) => path.join(engine, name));
      const link = spawnSync(
        'g++',
        [
          '-std=c++17',
          '-fexceptions',
          '-shared',
          '-fPIC',
          '-Wl,--no-undefined',
          ...vendored.include_dirs.map((dir) => `-I${path.join(ROOT, dir)}`),
          `-I${path.join(out, 'include')}`,
          ...sources,
          ...vendored.defines.map((define) => `-D${define}`),
          '-w',
          ...vendored.sources.map((file) => path.join(ROOT, file)),
          systemLibrary('libssl.so.3'),
          systemLibrary('libcrypto.so.3'),
          '-o',
          path.join(out, 'engine.so'),
        ],
        { cwd: ROOT, encoding: 'utf8', timeout: 120_000 },
      );
      expect(link.status, link.stderr).toBe(0);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 150_000);

  it('uses the same preprocessor defines in both builds', () => {
    const gypDefines = gypTarget().defines;
    const cmakeDefines = cmakeWords('target_compile_definitions', '${PROJECT_NAME} PRIVATE');
    for (const define of ['NAPI_VERSION=8', 'NODE_ADDON_API_DISABLE_DEPRECATED', 'NAPI_CPP_EXCEPTIONS']) {
      expect(gypDefines).toContain(define);
      expect(cmakeDefines).toContain(define);
    }
    expect([...cmakeDefines].sort()).toEqual([...gypDefines].sort());
  });

  it('compiles with C++ exceptions, -Wall and -Wextra as C++17 in both builds', () => {
    const target = gypTarget();
    const cmakeOptions = cmakeWords('target_compile_options', '${PROJECT_NAME} PRIVATE');
    for (const flag of ['-fexceptions', '-Wall', '-Wextra']) {
      expect(target.cflags_cc).toContain(flag);
      expect(cmakeOptions).toContain(flag);
    }
    // node-gyp's common.gypi adds -fno-exceptions: the gyp build must remove it.
    expect(target['cflags_cc!']).toContain('-fno-exceptions');
    expect(target.cflags_cc).toContain('-std=c++17');
    expect(cmake()).toMatch(/set\(CMAKE_CXX_STANDARD 17\)/);
  });

  it('links libmemcached from deps/libmemcached/ statically in both builds, and nothing from the system', () => {
    const target = gypTarget();
    expect(target.dependencies).toEqual([`${VENDORED}/libmemcached.gyp:libmemcached`]);
    expect(target.libraries ?? []).toEqual([]);
    expect(vendoredTarget().type).toBe('static_library');
    expect(cmake()).toMatch(/add_library\(libmemcached_vendored STATIC \$\{LIBMEMCACHED_SOURCES\}\)/);
    expect(cmakeWords('target_link_libraries', '${PROJECT_NAME} PRIVATE')).toEqual(['${CMAKE_JS_LIB}', 'libmemcached_vendored']);
    expect(`${readFileSync(path.join(ROOT, 'binding.gyp'), 'utf8')}\n${cmake()}`).not.toMatch(/pkg-config|pkg_check_modules|rpath/i);
  });

  it('compiles the same vendored sources in both builds, and every vendored .cc', () => {
    const gypSources = vendoredTarget().sources;
    const cmakeSources = cmakeWords('set', 'LIBMEMCACHED_SOURCES');
    expect(new Set(gypSources).size).toBe(gypSources.length);
    expect([...cmakeSources].sort()).toEqual([...gypSources].sort());
    const onDisk = (readdirSync(path.join(ROOT, VENDORED), { recursive: true }) as string[])
      .filter((name) => name.endsWith('.cc'))
      .map((name) => `${VENDORED}/${name}`);
    expect([...onDisk].sort()).toEqual([...gypSources].sort());
  });

  it('compiles the vendored sources alike in both builds: same defines and include paths, gnu++11, no warnings, hidden symbols', () => {
    const target = vendoredTarget();
    expect([...cmakeWords('target_compile_definitions', 'libmemcached_vendored PRIVATE')].sort()).toEqual([...target.defines].sort());
    // BUILDING_LIBMEMCACHED or BUILDING_HASHKIT would mark the API visibility("default"),
    // and the addon would export libmemcached's symbols.
    expect(target.defines.filter((define) => define.startsWith('BUILDING_'))).toEqual([]);
    // NDEBUG as upstream's release build: its asserts call backtrace.cc, left out.
    expect(target.defines).toContain('NDEBUG');
    const cmakeIncludes = [
      ...cmakeWords('target_include_directories', 'libmemcached_vendored PRIVATE'),
      ...cmakeWords('target_include_directories', 'libmemcached_vendored PUBLIC'),
    ];
    expect([...cmakeIncludes].sort()).toEqual([...new Set([...target.include_dirs, ...target.direct_dependent_settings!.include_dirs])].sort());
    expect(cmakeWords('target_include_directories', 'libmemcached_vendored PUBLIC').sort()).toEqual([...target.direct_dependent_settings!.include_dirs].sort());
    const cmakeOptions = cmakeWords('target_compile_options', 'libmemcached_vendored PRIVATE');
    for (const flag of ['-w', '-fvisibility=hidden']) {
      expect(target.cflags).toContain(flag);
      expect(cmakeOptions).toContain(flag);
    }
    expect([...cmakeOptions].sort()).toEqual([...target.cflags].sort());
    expect(target['cflags!']).toEqual(expect.arrayContaining(['-Wall', '-Wextra']));
    expect(target['cflags_cc!']).toEqual(expect.arrayContaining(['-fno-rtti', '-fno-exceptions', '-std=gnu++17']));
    expect(target.cflags_cc).toEqual(['-std=gnu++11']);
    expect(cmakeWords('set_target_properties', 'libmemcached_vendored PROPERTIES')).toEqual([
      'CXX_STANDARD',
      '11',
      'CXX_EXTENSIONS',
      'ON',
      'POSITION_INDEPENDENT_CODE',
      'ON',
    ]);
  });

  it('built an addon that needs only the C and C++ runtimes and exports no libmemcached symbol', () => {
    const addon = path.join(ROOT, 'build/Release/memcache_native.node');
    // Without the sanitizer runtimes scripts/sanitize.sh preloads into every process.
    const env = { ...process.env, LD_PRELOAD: '' };
    const ldd = spawnSync('ldd', [addon], { encoding: 'utf8', env });
    expect(ldd.status, ldd.stderr).toBe(0);
    const needed = ldd.stdout
      .split('\n')
      .map((line) => line.trim().split(/\s+/)[0]!)
      .filter((name) => name !== '');
    for (const name of needed) {
      expect(name, ldd.stdout).toMatch(/^(linux-vdso|libc|libm|libstdc\+\+|libgcc_s|\/lib64\/ld-linux[^ ]*|ld-linux[^ ]*)\.so/);
    }
    const nm = spawnSync('nm', ['-D', '--defined-only', addon], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(nm.status, nm.stderr).toBe(0);
    const exported = nm.stdout.split('\n').map((line) => line.trim().split(/\s+/)[2] ?? '');
    expect(exported.filter((name) => /^(lib)?(memcached|hashkit)_/.test(name))).toEqual([]);
  });

  it('takes OpenSSL from the node process that loads it: every OpenSSL symbol it needs, node defines', () => {
    const addon = path.join(ROOT, 'build/Release/memcache_native.node');
    const symbols = (args: string[]) => {
      const nm = spawnSync('nm', args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
      expect(nm.status, nm.stderr).toBe(0);
      return nm.stdout.split('\n').map((line) => line.trim().split(/\s+/).at(-1)!);
    };
    const needed = symbols(['-D', '--undefined-only', addon]).filter((name) => /^(SSL|X509|ERR|BIO|PEM|EVP|TLS|OPENSSL)_/.test(name));
    expect(needed).toContain('SSL_new');
    expect(needed).toContain('X509_verify_cert_error_string');
    const node = new Set(symbols(['-D', '--defined-only', process.execPath]));
    expect(needed.filter((name) => !node.has(name))).toEqual([]);
  });
});

describe('the built package', () => {
  beforeAll(() => {
    ensureDist();
  }, 180_000);

  it('ships CommonJS and ESM entries with their type declarations', () => {
    for (const file of ['dist/cjs/index.js', 'dist/cjs/index.d.ts', 'dist/esm/index.mjs', 'dist/esm/index.d.mts']) {
      expect(existsSync(path.join(ROOT, file)), file).toBe(true);
    }
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      main: string;
      exports: { '.': { import: { default: string; types: string }; require: { default: string; types: string } } };
    };
    expect(existsSync(path.join(ROOT, pkg.main))).toBe(true);
    for (const entry of Object.values(pkg.exports['.'])) {
      expect(existsSync(path.join(ROOT, entry.default)), entry.default).toBe(true);
      expect(existsSync(path.join(ROOT, entry.types)), entry.types).toBe(true);
    }
  });

  it('loads through require() and round-trips a value through a real server', () => {
    const script = `
      const { Client, MemcachedError, libmemcachedVersion } = require(process.env.ROOT + '/dist/cjs/index.js');
      (async () => {
        const client = new Client(process.env.SERVER, { keyPrefix: process.env.PREFIX });
        const stored = await client.set('cjs', 'from require ✓');
        const value = await client.get('cjs');
        const error = await client.get('').catch((e) => e);
        await client.close();
        console.log(JSON.stringify({ stored, value, typed: error instanceof MemcachedError, code: error.code, libmemcachedVersion }));
      })().catch((error) => { console.error(error); process.exit(1); });
    `;
    const run = runNode(['-e', script], { ROOT, SERVER: sharedServers()[0]!, PREFIX: uniquePrefix() });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(out).toEqual({ stored: true, value: 'from require ✓', typed: true, code: 'ERR_INVALID_KEY', libmemcachedVersion: '1.1.4' });
  });

  it('loads through import() and round-trips a value through a real server', () => {
    const script = `
      import { pathToFileURL } from 'node:url';
      const esm = await import(pathToFileURL(process.env.ROOT + '/dist/esm/index.mjs').href);
      const client = new esm.Client(process.env.SERVER, { keyPrefix: process.env.PREFIX });
      const stored = await client.set('esm', Buffer.from([0, 1, 2, 255]));
      const value = await client.get('esm');
      await client.close();
      console.log(JSON.stringify({ stored, value: value.toString('hex'), isBuffer: Buffer.isBuffer(value), defaultIsClient: esm.default === esm.Client }));
    `;
    const run = runNode(['--input-type=module', '-e', script], { ROOT, SERVER: sharedServers()[0]!, PREFIX: uniquePrefix() });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ stored: true, value: '000102ff', isBuffer: true, defaultIsClient: true });
  });

  it('gives ESM and CommonJS the same classes, so instanceof works across them', () => {
    const script = `
      import { createRequire } from 'node:module';
      import { pathToFileURL } from 'node:url';
      import { Client as EsmClient, InvalidArgumentError as EsmInvalid } from ${JSON.stringify(path.join(ROOT, 'dist/esm/index.mjs'))};
      const cjs = createRequire(import.meta.url)(process.env.ROOT + '/dist/cjs/index.js');
      const esm = await import(pathToFileURL(process.env.ROOT + '/dist/esm/index.mjs').href);
      const names = Object.keys(cjs).filter((name) => name !== '__esModule');
      const client = new EsmClient(process.env.SERVER, { keyPrefix: process.env.PREFIX });
      const error = await client.set('bad key', 'v').catch((e) => e);
      await client.close();
      console.log(JSON.stringify({
        sameClient: EsmClient === cjs.Client,
        sameExports: names.every((name) => esm[name] === cjs[name]),
        missing: names.filter((name) => !(name in esm)),
        clientInstance: client instanceof cjs.Client,
        errorIsCjsInvalid: error instanceof cjs.InvalidArgumentError,
        errorIsCjsBase: error instanceof cjs.MemcachedError,
        errorIsEsmInvalid: error instanceof EsmInvalid,
        code: error.code,
      }));
    `;
    const run = runNode(['--input-type=module', '-e', script], { ROOT, SERVER: sharedServers()[0]!, PREFIX: uniquePrefix() });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      sameClient: true,
      sameExports: true,
      missing: [],
      clientInstance: true,
      errorIsCjsInvalid: true,
      errorIsCjsBase: true,
      errorIsEsmInvalid: true,
      code: 'ERR_INVALID_KEY',
    });
  });

  it('resolves by package name through the exports map from both module systems', () => {
    const cjs = runNode(['-e', `console.log(require.resolve('memcache-native'))`]);
    expect(cjs.status).toBe(0);
    expect(cjs.stdout.trim()).toBe(path.join(ROOT, 'dist/cjs/index.js'));
    const esm = runNode(['--input-type=module', '-e', `console.log(import.meta.resolve('memcache-native'))`]);
    expect(esm.status).toBe(0);
    expect(esm.stdout.trim()).toBe(`file://${path.join(ROOT, 'dist/esm/index.mjs')}`);
  });

  it('gives the Client class as the default export of both module systems', () => {
    const esm = runNode([
      '--input-type=module',
      '-e',
      `import Client, { Client as Named } from 'memcache-native'; console.log(JSON.stringify({ same: Client === Named, name: Client.name }))`,
    ]);
    expect(esm.stderr).toBe('');
    expect(JSON.parse(esm.stdout)).toEqual({ same: true, name: 'Client' });
    const cjs = runNode(['-e', `const m = require('memcache-native'); console.log(JSON.stringify({ same: m.default === m.Client, esModule: m.__esModule }))`]);
    expect(cjs.stderr).toBe('');
    expect(JSON.parse(cjs.stdout)).toEqual({ same: true, esModule: true });
  });
});

describe('an addon that cannot load', () => {
  it('fails with the platform, the Node version and the fixes', () => {
    ensureDist();
    const copy = mkdtempSync(path.join(tmpdir(), 'no-addon-'));
    try {
      // The package without build/ or prebuilds/: nothing for node-gyp-build to find.
      cpSync(path.join(ROOT, 'dist'), path.join(copy, 'dist'), { recursive: true });
      cpSync(path.join(ROOT, 'package.json'), path.join(copy, 'package.json'));
      cpSync(path.join(ROOT, 'binding.gyp'), path.join(copy, 'binding.gyp'));
      symlinkSync(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'));
      const run = runNode(['-e', `require(${JSON.stringify(copy)})`], { MEMCACHE_NATIVE_ADDON: '' });
      expect(run.status).not.toBe(0);
      expect(run.stderr).toContain(`could not load its native addon for ${process.platform}-${process.arch}, Node ${process.version}`);
      expect(run.stderr).toMatch(/Reason: No native build was found/);
      expect(run.stderr).toContain('linux-x64 with glibc 2.34');
      expect(run.stderr).toContain('apt-get install -y build-essential python3');
      expect(run.stderr).not.toContain('libmemcached-dev');
      expect(run.stderr).toContain('npm rebuild memcache-native');
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});

describe('the API reference', () => {
  it('docs/api is what typedoc makes of the TSDoc now, without warnings', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'api-'));
    try {
      const run = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/typedoc/bin/typedoc'), '--treatWarningsAsErrors', '--out', out], {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 120_000,
      });
      expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
      const committed = path.join(ROOT, 'docs/api');
      const files = (dir: string): string[] => (readdirSync(dir, { recursive: true }) as string[]).filter((file) => file.endsWith('.md')).sort();
      expect(files(out), 'run `npm run docs` and commit docs/api').toEqual(files(committed));
      for (const file of files(out)) {
        expect(readFileSync(path.join(out, file), 'utf8'), `${file}: run \`npm run docs\``).toBe(readFileSync(path.join(committed, file), 'utf8'));
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
