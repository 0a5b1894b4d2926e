// One lint configuration for the workspace (ESLint flat config).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import officeAddins from 'eslint-plugin-office-addins';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/node_modules/**', '**/coverage/**', 'docs/api/**', '**/.tmp/**', 'addin/test/fake-office/**/*.js', 'packages/bench/scratch/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{js,mjs,cjs}', '**/scripts/**', 'examples/**', 'packages/cli/**', 'packages/bench/**', 'docs/**', '**/*.config.*'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      // Japanese text legitimately contains the ideographic space (U+3000).
      'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true, skipComments: true }],
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
    },
  },
  {
    // Core is a library: it never writes to the console and never touches I/O.
    files: ['packages/core/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-console': 'error',
      'no-restricted-imports': ['error', { patterns: ['node:*', 'fs', 'path', 'os', 'child_process'] }],
    },
  },
  {
    // Office.js rules (load before read, no sync in loops…) for the add-in. The published plugin
    // parses with espree unless a parser is set (a CJS-interop bug), so the TS parser is set here.
    files: ['addin/src/**/*.ts'],
    plugins: { 'office-addins': officeAddins },
    languageOptions: { parser: tseslint.parser, ecmaVersion: 'latest', sourceType: 'module' },
    rules: {
      ...officeAddins.configs.recommended.rules,
      'no-restricted-syntax': [
        'error',
        { selector: "AssignmentExpression[left.property.name='innerHTML']", message: 'Use textContent or DOM APIs, never innerHTML.' },
        { selector: "AssignmentExpression[left.property.name='outerHTML']", message: 'Use DOM APIs, never outerHTML.' },
        { selector: "CallExpression[callee.property.name='insertAdjacentHTML']", message: 'Use DOM APIs, never insertAdjacentHTML.' },
      ],
    },
  },
);
