// @ts-check
/**
 * One lint for the monorepo. Type-aware rules (floating promises) use the TypeScript project
 * service, so every file is checked against the tsconfig.json that covers it.
 * Layer rules are not here: dependency-cruiser checks them (.dependency-cruiser.cjs).
 */
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Plain JS config files and scripts run on Node (TypeScript files get their globals from @types/node). */
const NODE_GLOBALS = Object.fromEntries(
  ['require', 'module', 'exports', 'process', '__dirname', 'console', 'setTimeout', 'clearTimeout', 'Buffer'].map((name) => [name, 'readonly']),
);
const TESTS = ['**/*.spec.ts', 'test/**', 'libs/testing/**'];
/** Tools and tests print to the terminal; services log through the logger. */
const MAY_PRINT = ['bench/**', 'scripts/**', 'test/**', 'libs/testing/**', '**/*.spec.ts', '**/cli/**', '**/*.js', '**/*.cjs', '**/*.mjs'];

export default tseslint.config(
  { ignores: ['dist/**', 'data/**', 'coverage/**', 'node_modules/**', '.cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      // async callbacks where void is expected (timers, event handlers) are how loops and listeners are written here
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'error',
    },
  },
  { files: TESTS, rules: { '@typescript-eslint/no-explicit-any': 'off' } },
  { files: MAY_PRINT, rules: { 'no-console': 'off' } },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: NODE_GLOBALS },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  { files: ['**/*.mjs'], languageOptions: { sourceType: 'module', globals: NODE_GLOBALS } },
);
