import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS, systemChromium } from './e2e/chromium';
import { E2E } from './e2e/env';
import { testStack } from './scripts/lib/stack-env';

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  // One emulator and one app serve every test; its state is reset per test, so tests run one at a time.
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  timeout: 30_000,
  expect: { timeout: 7_000 },
  // The HTML report (`npx playwright show-report`) holds the traces of retried tests; CI also writes the counts.
  reporter: process.env.CI
    ? [['list'], ['json', { outputFile: '.ci-out/playwright.json' }], ['html', { open: 'never' }]]
    : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: E2E.appUrl,
    trace: 'on-first-retry',
    launchOptions: {
      executablePath: systemChromium,
      args: CHROMIUM_ARGS,
    },
  },
  projects: [
    { name: 'desktop', use: { ...devices['Desktop Chrome'] } },
    { name: 'phone', use: { ...devices['Pixel 7'] } },
  ],
  // The test stack of scripts/lib/stack-env.ts, as `npm run fuzz` and the bench start it too.
  webServer: Object.values(testStack('e2e', E2E)).map(({ command, args, env, readyUrl }) => ({
    command: [command, ...args].map((word) => JSON.stringify(word)).join(' '),
    url: readyUrl,
    env,
    reuseExistingServer: !process.env.CI,
    // The app's structured logs and the emulator's lines go to stdout; errors and crashes still show.
    stdout: 'ignore' as const,
    stderr: 'pipe' as const,
  })),
});
