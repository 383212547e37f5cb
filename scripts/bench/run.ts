/**
 * `npm run bench` (everything) and `npm run bench:ci` (what CI enforces): starts the emulator and `next start` on
 * loopback, runs the chosen benchmarks against the production build, prints one table and exits non-zero if a
 * budget is missed. `--build` runs `BENCH_BUILD=1 next build` first; without it the build already in .next is
 * measured (the load bench needs a BENCH_BUILD=1 one).
 *
 *   tsx scripts/bench/run.ts [--build] [weight] [lighthouse] [mobile] [load]     (no name: all of them)
 */
import { execFileSync } from 'node:child_process';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { buildApp } from '../lib/stack';
import { measureLighthouseDesktop, measureLighthouseMobile } from './lighthouse';
import { measureLoad } from './load';
import { overBudget, toMarkdownTable, type Findings } from './report';
import { BENCH, startBenchStack } from './stack';
import { measureWeight } from './weight';

const BENCHMARKS: Record<string, () => Promise<Findings>> = {
  weight: measureWeight,
  lighthouse: measureLighthouseDesktop,
  mobile: measureLighthouseMobile,
  load: measureLoad,
};

const args = process.argv.slice(2);
const chosen = args.filter((arg) => arg !== '--build');
const unknown = chosen.filter((name) => !(name in BENCHMARKS));
if (unknown.length > 0) {
  console.error(`Unknown benchmark ${unknown.join(', ')}; choose from ${Object.keys(BENCHMARKS).join(', ')}.`);
  process.exit(2);
}

// The benchmark build: the product's routes plus the load bench's baselines (see next.config.js).
if (args.includes('--build')) buildApp({ BENCH_BUILD: '1' });

console.log(machine());
const stack = await startBenchStack();
const findings: Required<Findings> = { measurements: [], notes: [], tables: [] };
try {
  for (const name of chosen.length > 0 ? chosen : Object.keys(BENCHMARKS)) {
    const started = Date.now();
    console.error(`… ${name}`);
    const { measurements, notes, tables = [] } = await BENCHMARKS[name]!();
    findings.measurements.push(...measurements);
    findings.notes.push(...notes);
    findings.tables.push(...tables);
    console.error(`  ${name} took ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
} finally {
  await stack.stop();
}

console.log(`\n${toMarkdownTable(findings.measurements)}\n`);
for (const note of findings.notes) console.log(`- ${note}`);
for (const table of findings.tables) console.log(`\n${table}`);
const over = overBudget(findings.measurements);
if (over.length > 0) {
  console.log(`\n${over.length} over budget: ${over.map((m) => `${m.area} ${m.subject} ${m.metric}`).join('; ')}`);
  process.exit(1);
}
console.log('\nAll budgets met.');

function machine(): string {
  const chromium = execFileSync(BENCH.chromiumPath, ['--version'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  }).trim();
  const [one, five] = loadavg();
  return [
    `Machine: ${availableParallelism()} CPUs (${cpus()[0]?.model ?? 'unknown'}),`,
    `${(totalmem() / 2 ** 30).toFixed(1)} GiB memory,`,
    `Node ${process.version}, ${chromium}; load average ${one?.toFixed(2)} / ${five?.toFixed(2)} (1 / 5 min) at start.`,
  ].join(' ');
}
