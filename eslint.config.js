// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

/** Patterns that make code impure: frameworks, Node built-ins and tfjs. */
const impure = [
  { group: ['electron', 'electron/*'], message: 'src/shared is pure: no Electron.' },
  { group: ['react', 'react-dom', 'react/*', 'react-dom/*'], message: 'src/shared is pure: no React.' },
  { group: ['@xyflow/*'], message: 'src/shared is pure: no React Flow.' },
  {
    group: ['node:*', 'fs', 'path', 'child_process', 'os', 'worker_threads'],
    message: 'src/shared is pure: no Node built-ins.',
  },
  { group: ['@tensorflow/*'], message: 'src/shared is pure: no TensorFlow.js.' },
];

/** The renderer and preload may import only src/shared (plus their UI libraries). */
const notOutsideShared = [
  {
    group: ['**/main/**', '**/core/**', '**/cli/**', '**/web/**', '**/engine/**', '**/datasets/**'],
    message: 'Renderer and preload import only src/shared.',
  },
  {
    group: ['@tensorflow/*'],
    message: 'Renderer and preload never load TensorFlow.js: training runs in its own process.',
  },
  { group: ['node:*', 'fs', 'child_process'], message: 'Renderer and preload have no Node access.' },
];

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'out',
      'dist',
      'release',
      'resources',
      'test-results',
      'playwright-report',
      // AssemblyScript (built by npm run build:wasm), not TypeScript
      'src/core/engine/kernels/wasm/assembly',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    files: ['src/shared/**/*.ts'],
    ignores: ['src/shared/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: impure }] },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}', 'src/preload/**/*.ts'],
    ignores: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    rules: {
      'no-restricted-imports': ['error', { patterns: notOutsideShared }],
    },
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: notOutsideShared }],
    },
  },
  {
    // The Node core serves the Electron shell, the CLI and the browser mode alike: it knows none of them.
    files: ['src/core/**/*.ts'],
    ignores: ['src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', 'electron/*'], message: 'src/core runs without Electron (CLI, browser mode).' },
            {
              group: ['**/main/**', '**/cli/**', '**/web/**', '**/renderer/**', '**/preload/**'],
              message: 'src/core imports only src/shared and itself.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['bin/**/*.js', 'scripts/**/*.{js,mjs}'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
