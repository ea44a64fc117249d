// @ts-check
/**
 * ESLint flat config: typescript-eslint's type-checked recommended rules (as a `nest new` app has them),
 * with Prettier owning formatting (eslint-config-prettier turns off every stylistic rule).
 * `npm run lint` checks; `npm run format` / `npm run format:check` run Prettier.
 */
import eslint from '@eslint/js';
import { defineConfig } from 'eslint/config';
import prettier from 'eslint-config-prettier/flat';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  {
    ignores: ['dist/', 'dist-check/', 'dist-sample-app/', 'coverage/', '.tmp/', 'node_modules/', 'test/consumers/*/'],
  },
  eslint.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
  {
    // Plain JavaScript (build and runner scripts, this file): no type information to check against.
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    // The sample app's sign-in page: browser scripts (ES modules, loaded by the page).
    files: ['sample-app/**/public/**/*.js'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['**/*.ts'],
    rules: {
      // The library escapes control characters on purpose (error messages, logs): those regexes are the point.
      'no-control-regex': 'off',
      // `_`-prefixed parameters and variables are deliberately unused (signatures of doubles, skipped tuple items).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // Tests: doubles and assertions on unknown payloads are the point there.
    files: ['test/**/*.ts', '**/*.spec.ts', 'sample-app/test/**/*.ts'],
    rules: {
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // The sample app's e2e tests run on node:test, whose describe() and it() return promises the runner awaits.
    files: ['sample-app/test/**/*.ts'],
    rules: { '@typescript-eslint/no-floating-promises': 'off' },
  },
  prettier,
);
