/**
 * `npm test`: every check in the order CI runs them — lint, typecheck, unit and conformance tests, production
 * build, then the Playwright suite against `next start` and the emulator — ending with "N passed, N failed".
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const OUT = '.ci-out';
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };

function step(name: string, command: string, args: string[], extraEnv: Record<string, string> = {}) {
  console.log(`\n=== ${name} (${new Date().toTimeString().slice(0, 8)})`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...env, ...extraEnv } });
  return result.status === 0;
}

function must(ok: boolean, what: string) {
  if (ok) return;
  console.error(`\n${what} failed.`);
  printSummary();
  process.exit(1);
}

/** A Chromium for Playwright: the system's, else Playwright's own download, else Debian's package when root. */
function ensureBrowser() {
  const path = process.env.PLAYWRIGHT_CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (existsSync(path)) return;
  if (step('browser: Playwright Chromium', 'playwright', ['install', 'chromium'])) return;
  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    must(step('browser: apt-get update', 'apt-get', ['update', '-q']), 'apt-get update');
    must(
      step('browser: Debian chromium', 'apt-get', ['install', '-y', '-q', '--no-install-recommends', 'chromium'], {
        DEBIAN_FRONTEND: 'noninteractive',
      }),
      'Installing chromium',
    );
    return;
  }
  must(false, 'Finding a browser (set PLAYWRIGHT_CHROMIUM_PATH, or install chromium)');
}

function readJson<T>(file: string): T | null {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : null;
}

function printSummary() {
  const unit = readJson<{ numPassedTests: number; numFailedTests: number }>(`${OUT}/vitest.json`);
  const e2e = readJson<{ stats: { expected: number; unexpected: number; flaky: number } }>(`${OUT}/playwright.json`);
  const passed = (unit?.numPassedTests ?? 0) + (e2e?.stats.expected ?? 0) + (e2e?.stats.flaky ?? 0);
  const failed = (unit?.numFailedTests ?? 0) + (e2e?.stats.unexpected ?? 0);
  console.log(
    `\nunit: ${unit ? `${unit.numPassedTests} passed, ${unit.numFailedTests} failed` : 'not run'}; e2e: ${e2e ? `${e2e.stats.expected + e2e.stats.flaky} passed (${e2e.stats.flaky} flaky), ${e2e.stats.unexpected} failed` : 'not run'}`,
  );
  console.log(`${passed} passed, ${failed} failed`);
}

rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });

must(step('lint', 'eslint', ['.']), 'Lint');
must(step('typecheck', 'next', ['typegen']) && step('typecheck', 'tsc', ['--noEmit']), 'Typecheck');
const unitOk = step('unit and conformance tests', 'vitest', [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${OUT}/vitest.json`,
]);
must(unitOk, 'Unit tests');
must(step('build', 'next', ['build']), 'Build');
ensureBrowser();
const e2eOk = step('end-to-end tests', 'playwright', ['test'], { CI: process.env.CI ?? 'true' });
// On the same build: 10,000 generated requests must draw no 5xx, and the JavaScript weight and Lighthouse's desktop
// scores must meet their budgets (BENCHMARKS.md). Each prints its own table.
const fuzzOk = step('fuzz', 'tsx', ['scripts/fuzz.ts']);
const budgetsOk = step('budgets: JS weight, Lighthouse (desktop)', 'tsx', [
  'scripts/bench/run.ts',
  'weight',
  'lighthouse',
]);
printSummary();
if (!fuzzOk || !budgetsOk)
  console.error(`
${[!fuzzOk && 'Fuzz', !budgetsOk && 'Budgets'].filter(Boolean).join(' and ')} failed.`);
process.exit(e2eOk && fuzzOk && budgetsOk ? 0 : 1);
