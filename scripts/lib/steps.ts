/**
 * The steps of `npm test` and `npm run verify`: each runs as a command with its output shown and its time kept; the
 * tests' counts and the checks' verdicts land in .ci-out, so the last runner can print one "N passed, N failed".
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { bin } from './stack-env';

export const OUT = '.ci-out';
const SUMMARY = `${OUT}/summary.json`;

/** What one runner adds to the summary: tests counted one by one, and checks (a fuzz run, a budget run) as one. */
type Summary = { passed: number; failed: number; parts: string[] };

type Timing = { name: string; ok: boolean; seconds: number };
const timings: Timing[] = [];

/** Runs a command installed in node_modules/.bin (or on PATH); true if it exited 0. */
export function step(name: string, command: string, args: string[], env: Record<string, string> = {}): boolean {
  console.log(`\n=== ${name} (${new Date().toTimeString().slice(0, 8)})`);
  const startedAt = Date.now();
  const local = bin(command);
  const result = spawnSync(existsSync(local) ? local : command, args, {
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env },
  });
  const timing = { name, ok: result.status === 0, seconds: Math.round((Date.now() - startedAt) / 1000) };
  timings.push(timing);
  console.log(`--- ${name}: ${timing.ok ? 'ok' : 'FAILED'} in ${timing.seconds} s`);
  return timing.ok;
}

/** Starts a fresh .ci-out, forgetting the counts of any earlier run. */
export function freshOutput(): void {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
}

function readJson<T>(file: string): T | null {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : null;
}

/** The unit and e2e counts from the reporters' JSON in .ci-out, in words and in numbers. */
export function testCounts(): Summary {
  const unit = readJson<{ numPassedTests: number; numFailedTests: number }>(`${OUT}/vitest.json`);
  const e2e = readJson<{ stats: { expected: number; unexpected: number; flaky: number } }>(`${OUT}/playwright.json`);
  const e2ePassed = (e2e?.stats.expected ?? 0) + (e2e?.stats.flaky ?? 0);
  return {
    passed: (unit?.numPassedTests ?? 0) + e2ePassed,
    failed: (unit?.numFailedTests ?? 0) + (e2e?.stats.unexpected ?? 0),
    parts: [
      `unit: ${unit ? `${unit.numPassedTests} passed, ${unit.numFailedTests} failed` : 'not run'}`,
      `e2e: ${e2e ? `${e2ePassed} passed (${e2e.stats.flaky} flaky), ${e2e.stats.unexpected} failed` : 'not run'}`,
    ],
  };
}

/** Each check as one passed or failed, by name. */
export function checkCounts(checks: Record<string, boolean>): Summary {
  const entries = Object.entries(checks);
  return {
    passed: entries.filter(([, ok]) => ok).length,
    failed: entries.filter(([, ok]) => !ok).length,
    parts: entries.map(([name, ok]) => `${name}: ${ok ? 'passed' : 'FAILED'}`),
  };
}

/** Adds to the summary in .ci-out, prints each step's time and then the whole summary, ending "N passed, N failed". */
export function printSummary(added: Summary): void {
  const earlier = readJson<Summary>(SUMMARY) ?? { passed: 0, failed: 0, parts: [] };
  const summary = {
    passed: earlier.passed + added.passed,
    failed: earlier.failed + added.failed,
    parts: [...earlier.parts, ...added.parts],
  };
  mkdirSync(OUT, { recursive: true });
  writeFileSync(SUMMARY, JSON.stringify(summary));
  console.log('\nsteps:');
  for (const { name, ok, seconds } of timings)
    console.log(`  ${String(seconds).padStart(5)} s  ${ok ? 'ok' : 'FAILED'}  ${name}`);
  console.log(`\n${summary.parts.join('; ')}`);
  console.log(`${summary.passed} passed, ${summary.failed} failed`);
}
