import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';
import { defineConfig, globalIgnores } from 'eslint/config';
import clientImports from './eslint-rules/client-imports.mjs';

const root = import.meta.dirname;

// The architecture as lint: each library is known by one folder, which the rest of the code calls instead.
// Owner globs must not overlap: a file in two owners would get only one of the generated rule configs.
const OWNED_PACKAGES = [
  {
    name: 'stytch',
    // The emulator's tests drive it through the real client; test-support/stytch.ts builds its errors for lib/stytch's.
    owners: ['lib/stytch/**', 'emulator/**', 'test-support/stytch.ts'],
    message: 'Only lib/stytch may know the Stytch client and its snake_case: call the functions of lib/stytch instead.',
  },
  {
    name: 'iron-session',
    // e2e/session.spec.ts unseals the real cookie; lib/env-schema.test.ts proves its password map rotates as iron's.
    owners: ['lib/session/**', 'e2e/session.spec.ts', 'lib/env-schema.test.ts'],
    message:
      'Only lib/session may know iron-session: read and write the session through lib/session (pages ask its DAL).',
  },
  {
    name: 'rate-limiter-flexible',
    owners: ['lib/limits/**'],
    message: 'Only lib/limits may know rate-limiter-flexible: ask lib/limits whether a request is allowed.',
  },
];

const restrictPackages = (packages) => [
  'error',
  {
    patterns: packages.map(({ name, message }) => ({ regex: `^${name}(/|$)`, message })),
  },
];

const packageBoundaries = [
  { name: 'boundaries/packages', rules: { 'no-restricted-imports': restrictPackages(OWNED_PACKAGES) } },
  ...OWNED_PACKAGES.map((owned) => ({
    name: `boundaries/packages/${owned.name}-owners`,
    files: owned.owners,
    rules: { 'no-restricted-imports': restrictPackages(OWNED_PACKAGES.filter((other) => other !== owned)) },
  })),
];

// What ships (tests excluded: they may compare with or drive the emulator).
const shippedCode = ['{app,lib,components}/**/!(*.test).{ts,tsx}', 'proxy.ts', 'instrumentation*.ts'];

const componentsZone = {
  target: './components',
  from: './lib',
  except: ['./fields'],
  message:
    'components/ is the browser-safe layer: from lib/ it may import only lib/fields. ' +
    'Let the page or action call the server code and pass the result (or the action) in as a prop.',
};
const appZone = {
  target: ['./lib', './components'],
  from: './app',
  message:
    'lib/ and components/ sit below app/ and never import it. ' +
    'Move what both need into lib/ (lib/fields if the browser needs it), or take it as a prop.',
};
const emulatorZone = {
  target: shippedCode,
  from: './emulator',
  message:
    'The app never imports emulator/: it is a separate dev and test server, reached only over HTTP ' +
    '(STYTCH_API_URL). Only tests, e2e and scripts may use it.',
};
const restrictPaths = (zones) => ['error', { basePath: root, zones }];

const folderBoundaries = [
  {
    name: 'boundaries/folders',
    rules: { 'import/no-restricted-paths': restrictPaths([componentsZone, appZone, emulatorZone]) },
  },
];

const clientBoundary = {
  name: 'boundaries/use-client',
  plugins: { local: { rules: { 'client-imports': clientImports } } },
  rules: {
    'local/client-imports': [
      'error',
      {
        root,
        from: 'lib',
        except: ['lib/fields'],
        message:
          "A 'use client' module ships to the browser: from lib/ it may import only lib/fields. " +
          'Let a server component or action call the server code and pass the result in as a prop.',
      },
    ],
  },
};

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-definitions': ['error', 'type'],
      // Prettier wraps code at 120 but not comments or JSX text; strings stay whole so a message can be found by grep.
      'max-len': [
        'error',
        {
          code: 120,
          ignoreUrls: true,
          ignoreStrings: true,
          ignoreTemplateLiterals: true,
          ignoreRegExpLiterals: true,
          ignorePattern: '^\\s*(import|export) .* from ',
        },
      ],
    },
  },
  ...packageBoundaries,
  ...folderBoundaries,
  clientBoundary,
  {
    // Declaration files augment libraries' interfaces (next-intl's AppConfig), which only an interface can do.
    files: ['**/*.d.ts'],
    rules: { '@typescript-eslint/consistent-type-definitions': 'off' },
  },
  {
    // Playwright fixtures receive a `use` callback that the React hooks rules mistake for React's `use`.
    files: ['e2e/**'],
    rules: { 'react-hooks/rules-of-hooks': 'off' },
  },
  globalIgnores([
    '.next/**',
    'node_modules/**',
    'next-env.d.ts',
    'test-results/**',
    'playwright-report/**',
    '.ci-out/**',
    '.data/**',
  ]),
]);
