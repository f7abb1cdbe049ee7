import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** renderer/ and shared/ run in the browser too: no Electron, no Node, no native database. */
const browserSafe = {
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        { regex: '^electron(/.*)?$', message: 'renderer/ and shared/ must not import electron: go through the preload API.' },
        { regex: '^node:', message: 'renderer/ and shared/ run without Node: no node:* imports.' },
        { regex: '^better-sqlite3$', message: 'Only the engine under electron/ talks to SQLite.' },
        { regex: '(^|/)electron/', message: 'renderer/ and shared/ must not import from electron/.' },
      ],
    },
  ],
};

export default tseslint.config(
  { ignores: ['out/', 'dist/', 'node_modules/', 'test-results/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['electron/**/*.ts', 'test/**/*.{ts,mjs}', '*.config.{js,ts}', 'electron.vite.config.ts'],
    languageOptions: { globals: globals.node },
  },
  {
    // The Node version gate runs on any old Node: a plain CommonJS script.
    files: ['electron/tools/**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules, ...browserSafe },
  },
  {
    files: ['shared/**/*.ts'],
    rules: browserSafe,
  },
  {
    // The engine runs under plain Node (tests, command line, worker): no Electron.
    files: ['electron/engine/**/*.ts', 'electron/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^electron(/.*)?$', message: 'The engine runs under plain Node: no electron import.' }] },
      ],
    },
  },
);
