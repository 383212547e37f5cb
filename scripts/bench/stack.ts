/**
 * The benchmarks' one shared fixture: the test stack on the bench's ports (BENCH_APP_PORT, BENCH_EMULATOR_PORT),
 * clients of its app and emulator, and the Chromium flags every browser the benchmarks launch uses.
 */
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, systemChromium } from '../../e2e/chromium';
import { EmulatorClient } from '../../emulator/client';
import { AppClient } from '../lib/app-client';
import { startStack } from '../lib/stack';
import { loopbackUrl, stackPorts } from '../lib/stack-env';

const ports = stackPorts('bench');

export const BENCH = {
  appUrl: loopbackUrl(ports.appPort),
  emulatorUrl: loopbackUrl(ports.emulatorPort),
  // Debian's Chromium here; Playwright's own where `npx playwright install chromium` put it (GitHub Actions).
  chromiumPath: systemChromium ?? chromium.executablePath(),
} as const;

export const emulator = new EmulatorClient(BENCH.emulatorUrl);
export const app = new AppClient(BENCH.appUrl, emulator);

/** As the e2e suite's, plus a resolver rule that keeps Chromium's background lookups off the network. */
export const CHROMIUM_FLAGS = [...CHROMIUM_ARGS, '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1'];

/** The test stack, tuned so that only the code under measurement limits a run. */
export function startBenchStack() {
  return startStack({
    name: 'bench',
    ...ports,
    env: {
      // Each bench number gets one code, but the emulator's per-number limit must never be what stops a run.
      emulator: { EMULATOR_SMS_SENDS_PER_HOUR: '1000000000' },
      app: {
        // The production timeout: at 100 connections Stytch calls queue, which is load, not failure.
        STYTCH_TIMEOUT_MS: '10000',
        // The longest the app allows: a session signed in at the start of a load run is checked locally throughout.
        SESSION_JWT_MAX_AGE_SECONDS: '300',
        // Codes outlive a whole run, so /login/verify is measured in its normal state, not its expired one.
        OTP_EXPIRATION_MINUTES: '10',
        // In-memory PGlite whatever the shell has set (the same on every machine, never a real database), unless
        // BENCH_DATABASE_URL names a throwaway PostgreSQL database: PGlite runs inside the app's own process, so its
        // queries count against the app's CPU, where production's PostgreSQL works in a process of its own.
        DATABASE_URL: process.env.BENCH_DATABASE_URL ?? '',
        // Every bench number is +1 and gets one code, so only the per-country budget would stop a load run.
        SMS_SENDS_PER_COUNTRY_PER_HOUR: '1000000',
      },
    },
  });
}
