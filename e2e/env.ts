/**
 * Where the end-to-end suite runs its own emulator and app: loopback only, on ports apart from `npm run dev`'s.
 * E2E_APP_PORT and E2E_EMULATOR_PORT move them, so two runs can share a machine.
 */
import { loopbackUrl, stackPorts, TEST_STYTCH_CREDENTIALS } from '../scripts/lib/stack-env';

const ports = stackPorts('e2e');

export const E2E = {
  ...ports,
  emulatorUrl: loopbackUrl(ports.emulatorPort),
  appUrl: loopbackUrl(ports.appPort),
  stytchEnv: TEST_STYTCH_CREDENTIALS,
} as const;
