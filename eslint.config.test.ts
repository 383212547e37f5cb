import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

// Each boundary in eslint.config.mjs, linted at a virtual path: the forbidden import reports it, the allowed is clean.

let eslint: ESLint;
// The first lint loads the config and every plugin, seconds on a busy machine: done here, outside a test's budget.
beforeAll(async () => {
  eslint = new ESLint({ cwd: import.meta.dirname });
  await eslint.lintText('export {};\n', { filePath: 'lib/warm-up.ts' });
}, 60_000);

const importing = (specifier: string) => `import * as imported from '${specifier}';\nexport { imported };\n`;
const clientModule = (specifier: string) => `'use client';\n\n${importing(specifier)}`;

async function lint(filePath: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map(({ ruleId, message }) => ({ ruleId, message }));
}

const PACKAGES = 'no-restricted-imports';
const FOLDERS = 'import/no-restricted-paths';
const CLIENT = 'local/client-imports';

describe('eslint.config.mjs boundaries', () => {
  it.each([
    ['stytch outside lib/stytch', 'lib/auth/sign-in.ts', importing('stytch'), PACKAGES, 'Only lib/stytch'],
    [
      'a stytch type outside lib/stytch',
      'app/page.tsx',
      `import type { Session } from 'stytch';\nexport type S = Session;\n`,
      PACKAGES,
      'Only lib/stytch',
    ],
    ['a stytch subpath', 'components/ui/card.tsx', importing('stytch/dist/index'), PACKAGES, 'Only lib/stytch'],
    [
      'iron-session outside lib/session',
      'app/actions/auth.ts',
      importing('iron-session'),
      PACKAGES,
      'Only lib/session',
    ],
    [
      'iron-session in the stytch adapter',
      'lib/stytch/client.ts',
      importing('iron-session'),
      PACKAGES,
      'Only lib/session',
    ],
    [
      'rate-limiter-flexible outside lib/limits',
      'lib/session/cookie.ts',
      importing('rate-limiter-flexible'),
      PACKAGES,
      'Only lib/limits',
    ],
    [
      'server lib in components',
      'components/ui/card.tsx',
      importing('@/lib/env'),
      FOLDERS,
      'components/ is the browser-safe layer',
    ],
    [
      'server lib in a client module',
      'app/(auth)/login/phone-form.tsx',
      clientModule('@/lib/env'),
      CLIENT,
      "A 'use client' module",
    ],
    [
      'server lib in a client module, relative',
      'app/(auth)/login/phone-form.tsx',
      clientModule('../../../lib/env'),
      CLIENT,
      "A 'use client' module",
    ],
    ['app in lib', 'lib/auth/sign-in.ts', importing('@/app/layout'), FOLDERS, 'never import it'],
    ['app in lib, relative', 'lib/auth/sign-in.ts', importing('../../app/layout'), FOLDERS, 'never import it'],
    ['app in components', 'components/ui/card.tsx', importing('@/app/layout'), FOLDERS, 'never import it'],
    [
      'the emulator in app',
      'app/health/route.ts',
      importing('@/emulator/main'),
      FOLDERS,
      'The app never imports emulator/',
    ],
    [
      'the emulator in lib, relative',
      'lib/env.ts',
      importing('../emulator/main'),
      FOLDERS,
      'The app never imports emulator/',
    ],
    [
      'the emulator in components',
      'components/ui/card.tsx',
      importing('@/emulator/main'),
      FOLDERS,
      'The app never imports emulator/',
    ],
    ['the emulator in the proxy', 'proxy.ts', importing('./emulator/main'), FOLDERS, 'The app never imports emulator/'],
    [
      'the emulator in instrumentation',
      'instrumentation-node.ts',
      importing('@/emulator/main'),
      FOLDERS,
      'The app never imports emulator/',
    ],
  ])('forbids %s', async (_case, filePath, code, ruleId, explanation) => {
    const messages = await lint(filePath, code);
    expect(messages).toHaveLength(1);
    expect(messages[0]?.ruleId).toBe(ruleId);
    expect(messages[0]?.message).toContain(explanation);
  });

  it.each([
    ['stytch in lib/stytch', 'lib/stytch/client.ts', importing('stytch')],
    ["stytch in the emulator's tests", 'emulator/transport.test.ts', importing('stytch')],
    ['iron-session in lib/session', 'lib/session/cookie.ts', importing('iron-session')],
    ['iron-session in the e2e cookie test', 'e2e/session.spec.ts', importing('iron-session')],
    ['rate-limiter-flexible in lib/limits', 'lib/limits/rate-limits.ts', importing('rate-limiter-flexible')],
    ['lib/fields in components', 'components/ui/card.tsx', importing('@/lib/fields/phone')],
    ['lib/fields in a client module', 'app/(auth)/login/phone-form.tsx', clientModule('@/lib/fields/phone')],
    ['server lib in a server component', 'app/(auth)/login/page.tsx', importing('@/lib/env')],
    ['lib in lib', 'lib/auth/sign-in.ts', importing('@/lib/env')],
    ['app in app', 'app/page.tsx', importing('@/app/layout')],
    ['the emulator in a unit test', 'lib/env.test.ts', importing('@/emulator/main')],
    ['the emulator in scripts', 'scripts/dev.ts', importing('../emulator/main')],
  ])('allows %s', async (_case, filePath, code) => {
    expect(await lint(filePath, code)).toEqual([]);
  });
});

describe('eslint.config.mjs line length', () => {
  const long = 'word '.repeat(30).trim();

  it('reports a comment over 120 columns, which Prettier leaves alone', async () => {
    expect(await lint('lib/auth/sign-in.ts', `// ${long}\nexport const ok = true;\n`)).toEqual([
      expect.objectContaining({ ruleId: 'max-len' }),
    ]);
  });

  it('keeps a long string whole, so its message can be found by grep', async () => {
    expect(await lint('lib/auth/sign-in.ts', `export const message =\n  '${long}';\n`)).toEqual([]);
  });
});
