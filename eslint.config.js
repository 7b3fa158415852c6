// ESLint for every TypeScript and script file (`npm run lint`). Not type-aware: the recommended syntactic rules
// run in seconds, and `npm run typecheck` already checks the types. Layout is Prettier's alone
// (eslint-config-prettier turns off every rule it would fight); import layers are dependency-cruiser's
// (.dependency-cruiser.cjs).
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  globalIgnores([
    '**/dist/**',
    '**/node_modules/**',
    'libs/megapay-client/src/generated/**',
    'pacts/**',
    'bench/results/**',
    'coverage/**',
  ]),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `_`-prefixed names say "unused on purpose" (a positional argument, a destructured rest).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      // `any` is allowed outside the domain for now (136 uses, most at the edges of TypeORM, Zod and tests);
      // the domain and the plain libs already have none and keep it so (below).
      '@typescript-eslint/no-explicit-any': 'off',
      // TypeORM's own API takes `Function` (entity and migration classes).
      '@typescript-eslint/no-unsafe-function-type': 'off',
      // Our request checks reject control characters on purpose.
      'no-control-regex': 'off',
      // Misreads a parameter decorator's argument as a dead write (`@Param('code', new ZodPipe(code)) code`).
      'no-useless-assignment': 'off',
      // A callback that reads the variable before it is assigned (a server handler) needs the `let`.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'error',
    },
  },
  {
    files: ['apps/*/src/domain/**/*.ts', 'libs/contracts/src/**/*.ts', 'libs/money/src/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'error' },
  },
  {
    files: ['apps/*/src/**/*.ts'],
    rules: {
      // What a request carries is checked by ZodPipe (INVALID_CHARACTERS and the schema); headers only through the
      // platform's decorators (Idempotency-Key, the caller), never read raw in a controller.
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "Decorator > CallExpression[callee.name=/^(Body|Query|Param)$/]:not(:has(NewExpression[callee.name='ZodPipe']))",
          message: 'Validate every body, query and route parameter with `new ZodPipe(schema)`.',
        },
        {
          selector: "Decorator > CallExpression[callee.name='Headers']",
          message: "Read headers through the platform's decorators (IdempotencyKey, …), not @Headers().",
        },
      ],
    },
  },
  {
    files: ['apps/*/src/persistence/**/*.ts'],
    rules: {
      // dependency-cruiser sees modules, not names: this catches ApiError taken through the '#platform' barrel.
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '#platform',
              importNames: ['ApiError'],
              message: 'persistence/ throws no HTTP error: return a result or throw a plain error.',
            },
            {
              name: '@nestjs/common',
              importNames: [
                'HttpException',
                'BadRequestException',
                'NotFoundException',
                'ConflictException',
                'UnprocessableEntityException',
                'ServiceUnavailableException',
              ],
              message: 'persistence/ throws no HTTP error: return a result or throw a plain error.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*-spec.ts', 'test/**/*.ts', 'bench/**/*.ts', 'scripts/**', '**/*.config.{js,ts}'],
    // Tests, benches and scripts report to a person at a terminal.
    rules: { 'no-console': 'off' },
  },
  {
    files: ['apps/back-office/ui/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  prettier,
);
