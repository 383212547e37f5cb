/** Where the end-to-end suite runs its own emulator and app: ports apart from `npm run dev`'s, loopback only. */
const emulatorPort = 4110;
const appPort = 3100;

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
