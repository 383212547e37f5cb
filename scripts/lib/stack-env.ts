/**
 * What a local stack (the Stytch emulator and the app, on loopback) runs with: each launcher's ports, the commands,
 * and the one test environment that the e2e suite (playwright.config.ts), the fuzz and the bench share.
 */
import { fileURLToPath } from 'node:url';
import { DEV_PROJECT_ID, DEV_SECRET } from '../../emulator/dev-credentials';

export type StackName = 'dev' | 'e2e' | 'bench' | 'fuzz';
export type StackPorts = { appPort: number; emulatorPort: number };
type Env = Record<string, string>;
/** One process of a stack: what to run, with which env on top of the shell's, and the URL that answers once up. */
export type StackProcess = { command: string; args: string[]; env: Env; readyUrl: string };
type StackSpec = { emulator: StackProcess; app: StackProcess };
/** Env to set on top of a stack's preset, per process. */
export type StackEnvOverrides = { app?: Env; emulator?: Env };

/** Each launcher's ports, apart so they can all run at once, and the env vars that move them. */
const PORTS: Record<StackName, { app: [string, number]; emulator: [string, number] }> = {
  dev: { app: ['PORT', 3000], emulator: ['EMULATOR_PORT', 4010] },
  e2e: { app: ['E2E_APP_PORT', 3100], emulator: ['E2E_EMULATOR_PORT', 4110] },
  bench: { app: ['BENCH_APP_PORT', 3300], emulator: ['BENCH_EMULATOR_PORT', 4310] },
  fuzz: { app: ['FUZZ_APP_PORT', 3500], emulator: ['FUZZ_EMULATOR_PORT', 4510] },
};

/** The stack's ports: its defaults, or what its two env vars say. */
export function stackPorts(name: StackName): StackPorts {
  const { app, emulator } = PORTS[name];
  return { appPort: portFromEnv(...app), emulatorPort: portFromEnv(...emulator) };
}

/** The env var that moves one process's port, for messages that tell how. */
export function portVariable(name: StackName, part: 'app' | 'emulator'): string {
  return PORTS[name][part][0];
}

export function loopbackUrl(port: number): string {
  return `http://127.0.0.1:${port}`;
}

/** The Stytch project every test stack's emulator accepts and its app uses. Unlocks nothing but that emulator. */
export const TEST_STYTCH_CREDENTIALS = {
  STYTCH_PROJECT_ID: 'project-test-11111111-1111-4111-8111-111111111111',
  STYTCH_SECRET: 'secret-test-local-stack',
} as const;

/** The app's env in every test stack; each launcher sets only what it needs on top. */
function testAppEnv(emulatorPort: number): Env {
  return {
    ...TEST_STYTCH_CREDENTIALS,
    STYTCH_API_URL: loopbackUrl(emulatorPort),
    SESSION_PASSWORD: 'test-stack-session-password-at-least-32-characters',
    OTP_RESEND_COOLDOWN_SECONDS: '5',
    STYTCH_TIMEOUT_MS: '2000',
    // Sessions are re-checked with Stytch after 3 seconds (60 by default), so tests see refreshes quickly.
    SESSION_JWT_MAX_AGE_SECONDS: '3',
    // Without DATABASE_URL, an in-memory PGlite: never the folder a running `npm run dev` holds.
    PGLITE_DATA_DIR: 'memory://',
    // Limits count in the server's memory (never in a Redis shared with other runs); the country budget is raised
    // because every test number is +1, and e2e/abuse.spec.ts tests the other limits at their defaults.
    REDIS_URL: '',
    SMS_SENDS_PER_COUNTRY_PER_HOUR: '100000',
    // Every test browser is 127.0.0.1, one client to the per-address limits.
    SMS_SENDS_PER_IP_PER_HOUR: '100000',
    WRONG_CODES_PER_IP_PER_HOUR: '100000',
    ACCOUNT_ACTIONS_PER_IP_PER_HOUR: '100000',
    NEXT_TELEMETRY_DISABLED: '1',
  };
}

/** The emulator and `next start` on the build in .next, with the test env. */
export function testStack(name: StackName, ports: StackPorts, overrides: StackEnvOverrides = {}): StackSpec {
  return {
    emulator: emulatorProcess(ports.emulatorPort, {
      EMULATOR_DATA_DIR: `.data/${name}-emulator-${ports.emulatorPort}`,
      ...TEST_STYTCH_CREDENTIALS,
      ...overrides.emulator,
    }),
    app: appProcess('start', ports.appPort, { ...testAppEnv(ports.emulatorPort), ...overrides.app }),
  };
}

/** The emulator with its development credentials and `next dev`, pointed at it unless the shell names a project. */
export function devStack(ports: StackPorts, shell: NodeJS.ProcessEnv = process.env): StackSpec {
  return {
    emulator: emulatorProcess(ports.emulatorPort, {
      STYTCH_PROJECT_ID: DEV_PROJECT_ID,
      STYTCH_SECRET: DEV_SECRET,
      APP_URL: loopbackUrl(ports.appPort),
    }),
    app: appProcess('dev', ports.appPort, {
      ...(shell.STYTCH_PROJECT_ID ? {} : { STYTCH_API_URL: loopbackUrl(ports.emulatorPort) }),
      NEXT_TELEMETRY_DISABLED: shell.NEXT_TELEMETRY_DISABLED ?? '1',
    }),
  };
}

function emulatorProcess(port: number, env: Env): StackProcess {
  return {
    command: bin('tsx'),
    args: ['emulator/main.ts'],
    env: { EMULATOR_PORT: String(port), ...env },
    readyUrl: `${loopbackUrl(port)}/health`,
  };
}

function appProcess(mode: 'start' | 'dev', port: number, env: Env): StackProcess {
  return {
    command: bin('next'),
    args: [mode, '-H', '127.0.0.1', '-p', String(port)],
    env,
    readyUrl: `${loopbackUrl(port)}/health`,
  };
}

/** A command this repo installs (node_modules/.bin), wherever the script is run from. */
export function bin(name: string): string {
  return fileURLToPath(new URL(`../../node_modules/.bin/${name}`, import.meta.url));
}

function portFromEnv(variable: string, fallback: number): number {
  const raw = process.env[variable]?.trim();
  if (!raw) return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new Error(`${variable} must be a port number.`);
  return port;
}
