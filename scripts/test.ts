/**
 * `npm test`: every test, in the order CI runs them — lint, typecheck, unit and conformance tests, production build,
 * then the Playwright suite against `next start` and the emulator — ending with "N passed, N failed".
 * The fuzz and the budgets run on that build afterwards: `npm run verify` (CI runs both).
 */
import { existsSync } from 'node:fs';
import { freshOutput, OUT, printSummary, step, testCounts } from './lib/steps';

function must(ok: boolean, what: string) {
  if (ok) return;
  console.error(`\n${what} failed.`);
  printSummary(testCounts());
  process.exit(1);
}

/** A Chromium for Playwright: the system's, else Playwright's own download, else Debian's package when root. */
function ensureBrowser() {
  if (existsSync(process.env.PLAYWRIGHT_CHROMIUM_PATH ?? '/usr/bin/chromium')) return;
  if (step('browser: Playwright Chromium', 'playwright', ['install', 'chromium'])) return;
  const canApt = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
  must(canApt, 'Finding a browser (set PLAYWRIGHT_CHROMIUM_PATH, or install chromium)');
  must(step('browser: apt-get update', 'apt-get', ['update', '-q']), 'apt-get update');
  const install = ['install', '-y', '-q', '--no-install-recommends', 'chromium'];
  must(
    step('browser: Debian chromium', 'apt-get', install, { DEBIAN_FRONTEND: 'noninteractive' }),
    'Installing chromium',
  );
}

freshOutput();
must(
  step('lint', 'eslint', ['.']) &&
    step('format', 'prettier', ['--check', '.']) &&
    step('workflow schema', 'action-validator', ['.github/workflows/ci.yml']),
  'Lint',
);
must(step('typecheck: route types', 'next', ['typegen']) && step('typecheck', 'tsc', ['--noEmit']), 'Typecheck');
const unitReport = ['--reporter=default', '--reporter=json', `--outputFile.json=${OUT}/vitest.json`];
must(step('unit and conformance tests', 'vitest', ['run', ...unitReport]), 'Unit tests');
must(step('build', 'next', ['build']), 'Build');
ensureBrowser();
const e2eOk = step('end-to-end tests', 'playwright', ['test'], { CI: process.env.CI ?? 'true' });
printSummary(testCounts());
process.exit(e2eOk ? 0 : 1);
