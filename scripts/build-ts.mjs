// Compiles src/ once, as CommonJS, and adds a thin ESM entry that re-exports it.
// One implementation for both module systems means one set of classes: an error
// thrown through `import` is still `instanceof` the class seen through `require`.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const root = new URL('..', import.meta.url);
const require = createRequire(import.meta.url);

rmSync(new URL('dist/', root), { recursive: true, force: true });
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.json'], {
  cwd: root,
  stdio: 'inherit',
});
writeFileSync(new URL('dist/cjs/package.json', root), JSON.stringify({ type: 'commonjs' }) + '\n');

// The ESM entry lists the names explicitly so static `import { Client }` works.
// Its default is the Client class, as the CommonJS entry's `default`: an ES
// module importing the CommonJS file itself would get the whole exports object.
const names = Object.keys(require('../dist/cjs/index.js')).filter((name) => name !== '__esModule' && name !== 'default');
mkdirSync(new URL('dist/esm/', root), { recursive: true });
writeFileSync(
  new URL('dist/esm/index.mjs', root),
  `import cjs from '../cjs/index.js';\n\nexport const { ${names.join(', ')} } = cjs;\nexport default cjs.default;\n`,
);
writeFileSync(new URL('dist/esm/index.d.mts', root), `import { Client } from '../cjs/index.js';\n\nexport * from '../cjs/index.js';\nexport default Client;\n`);
