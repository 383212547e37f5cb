import type { KnipConfig } from 'knip';

// Knip's plugins find Next's routes, proxy, instrumentation, Vitest's tests, Playwright's specs and drizzle.config.ts,
// and package.json's `tsx <file>` (emulator/main.ts); a script is an entry even if no npm script runs it, and so is
// a route of the benchmark build (next.config.js).
const config: KnipConfig = {
  entry: ['scripts/*.ts', 'scripts/*/run.ts', 'app/**/*.bench.{ts,tsx}'],
};

export default config;
