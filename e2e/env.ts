/**
 * Where the end-to-end suite runs its own emulator and app: loopback only, on ports apart from `npm run dev`'s.
 * E2E_APP_PORT and E2E_EMULATOR_PORT move them, so two runs can share a machine.
 */
const emulatorPort = Number(process.env.E2E_EMULATOR_PORT ?? 4110);
const appPort = Number(process.env.E2E_APP_PORT ?? 3100);

export const E2E = {
  emulatorPort,
  appPort,
  emulatorUrl: `http://127.0.0.1:${emulatorPort}`,
  appUrl: `http://127.0.0.1:${appPort}`,
  stytchEnv: {
    STYTCH_PROJECT_ID: 'project-test-11111111-1111-4111-8111-111111111111',
    STYTCH_SECRET: 'secret-test-e2e-suite',
  },
} as const;
