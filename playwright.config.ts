import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS, systemChromium } from './e2e/chromium';
import { E2E } from './e2e/env';

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  // One emulator and one app serve every test; its state is reset per test, so tests run one at a time.
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  timeout: 30_000,
  expect: { timeout: 7_000 },
  reporter: process.env.CI ? [['list'], ['json', { outputFile: '.ci-out/playwright.json' }]] : 'list',
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
  webServer: [
    {
      command: 'tsx emulator/main.ts',
      url: `${E2E.emulatorUrl}/health`,
      env: {
        EMULATOR_PORT: String(E2E.emulatorPort),
        EMULATOR_DATA_DIR: `.data/e2e-emulator-${E2E.emulatorPort}`,
        ...E2E.stytchEnv,
      },
      reuseExistingServer: !process.env.CI,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: `next start -H 127.0.0.1 -p ${E2E.appPort}`,
      url: `${E2E.appUrl}/login`,
      env: {
        ...E2E.stytchEnv,
        STYTCH_API_URL: E2E.emulatorUrl,
        SESSION_PASSWORD: 'e2e-session-password-at-least-32-characters',
        OTP_RESEND_COOLDOWN_SECONDS: '5',
        STYTCH_TIMEOUT_MS: '2000',
        // Sessions are re-checked with Stytch after 3 seconds here (60 by default), so tests see refreshes quickly.
        SESSION_JWT_MAX_AGE_SECONDS: '3',
        // Without DATABASE_URL, an in-memory PGlite: never the folder a running `npm run dev` holds.
        PGLITE_DATA_DIR: 'memory://',
        // Limits count in this server's memory (never a Redis shared with other runs); the country budget is
        // raised because every test number is +1, and abuse.spec.ts tests the others at their defaults.
        REDIS_URL: '',
        SMS_SENDS_PER_COUNTRY_PER_HOUR: '100000',
        NEXT_TELEMETRY_DISABLED: '1',
      },
      reuseExistingServer: !process.env.CI,
      // The app's structured logs go to stdout; errors and crashes still show.
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
});
