// ESLint: the recommended rules for JavaScript, and typescript-eslint's
// type-checked recommended rules for the TypeScript in src/ and test/ (through
// the tsconfig.json nearest to each file). Formatting is prettier's business.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['dist/', 'build/', 'build-asan/', 'prebuilds/', 'deps/', 'docs/api/', 'bench/results/', 'coverage/', '.vitest-*/'] },
  js.configs.recommended,
  {
    languageOptions: { globals: globals.node },
    rules: {
      // Key and text validation matches control characters on purpose.
      'no-control-regex': 'off',
    },
  },
  {
    files: ['**/*.{ts,mts,cts}'],
    extends: [tseslint.configs.recommended],
  },
  {
    // .ts files belong to tsconfig.json (src/) or test/tsconfig.json; declaration
    // files (.d.mts) and the root config files get the rules that need no types.
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // Messages about rejected input print whatever the caller passed with String().
      '@typescript-eslint/no-base-to-string': 'off',
      // Passing an async function where a caller expects one that returns a
      // promise, even with nothing to await, keeps a throw a rejection.
      '@typescript-eslint/require-await': 'off',
      // Rethrowing a caught value as a rejection passes it on unchanged.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
      // The pickle decoder throws FactoryError through its own frames to tell a
      // user factory's exception apart from its own; it never leaves the decoder.
      '@typescript-eslint/only-throw-error': ['error', { allow: [{ from: 'file', name: 'FactoryError' }] }],
    },
  },
);
