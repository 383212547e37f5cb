/**
 * `npm run verify`: on the build `npm test` made, 10,000 generated requests must draw no 5xx (the fuzz), and the
 * JavaScript weight and Lighthouse's desktop scores must meet their budgets (BENCHMARKS.md). Each prints its own
 * table; the last line adds both to the counts of the `npm test` before it: "N passed, N failed".
 */
import { checkCounts, printSummary, step } from './lib/steps';

const fuzz = step('fuzz', 'npm', ['run', '--silent', 'fuzz']);
const budgets = step('budgets: JS weight, Lighthouse (desktop)', 'npm', ['run', '--silent', 'bench:ci']);
printSummary(checkCounts({ fuzz, budgets }));
process.exit(fuzz && budgets ? 0 : 1);
