/**
 * The benchmarks' one shared fixture: the Stytch emulator and `next start` on loopback, started once for a run and
 * stopped at its end (or on Ctrl-C), plus the Chromium flags every browser the benchmarks launch uses.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CHROMIUM_ARGS } from '../../e2e/chromium';
import { DEV_PROJECT_ID, DEV_SECRET } from '../../emulator/dev-credentials';

const appPort = Number(process.env.BENCH_APP_PORT ?? 3300);
const emulatorPort = Number(process.env.BENCH_EMULATOR_PORT ?? 4310);

export const BENCH = {
  appUrl: `http://127.0.0.1:${appPort}`,
  emulatorUrl: `http://127.0.0.1:${emulatorPort}`,
  stytchProjectId: DEV_PROJECT_ID,
  stytchSecret: DEV_SECRET,
  chromiumPath: process.env.PLAYWRIGHT_CHROMIUM_PATH ?? '/usr/bin/chromium',
} as const;

/** As the e2e suite's, plus a resolver rule that keeps Chromium's background lookups off the network. */
export const CHROMIUM_FLAGS = [...CHROMIUM_ARGS, '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1'];

/** Something started that the run has to stop again. */
type Running = { stop(): Promise<void> };

/** Starts the emulator, then the production build against it; both answer on loopback when this resolves. */
export async function startServers(): Promise<Running> {
  if (!existsSync('.next/BUILD_ID')) {
    throw new Error('No production build in .next: run `npm run build` first (`npm run bench` does).');
  }
  const running: Running[] = [];
  const stop = async () => {
    await Promise.all(running.splice(0).map((server) => server.stop()));
  };
  const onSignal = () => void stop().then(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    running.push(
      await launch('emulator', 'node_modules/.bin/tsx', ['emulator/main.ts'], `${BENCH.emulatorUrl}/health`, {
        EMULATOR_PORT: String(emulatorPort),
        EMULATOR_DATA_DIR: `.data/bench-emulator-${emulatorPort}`,
        STYTCH_PROJECT_ID: BENCH.stytchProjectId,
        STYTCH_SECRET: BENCH.stytchSecret,
        // Each bench number gets one code, but the emulator's per-number limit must never be what stops a run.
        EMULATOR_SMS_SENDS_PER_HOUR: '1000000000',
      }),
    );
    running.push(
      await launch(
        'app',
        'node_modules/.bin/next',
        ['start', '-H', '127.0.0.1', '-p', String(appPort)],
        `${BENCH.appUrl}/health`,
        {
          STYTCH_PROJECT_ID: BENCH.stytchProjectId,
          STYTCH_SECRET: BENCH.stytchSecret,
          STYTCH_API_URL: BENCH.emulatorUrl,
          SESSION_PASSWORD: 'bench-session-password-at-least-32-characters',
          // The longest the app allows: a session signed in at the start of a load run is checked locally throughout.
          SESSION_JWT_MAX_AGE_SECONDS: '300',
          // Codes outlive a whole run, so /login/verify is measured in its normal state, not its expired one.
          OTP_EXPIRATION_MINUTES: '10',
          // An in-memory database and limits whatever the shell has set: the same on every machine, never a real one.
          PGLITE_DATA_DIR: 'memory://',
          DATABASE_URL: '',
          REDIS_URL: '',
          // Every bench number is +1 and gets one code, so only the per-country budget would stop a load run.
          SMS_SENDS_PER_COUNTRY_PER_HOUR: '1000000',
          NEXT_TELEMETRY_DISABLED: '1',
        },
      ),
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    stop: async () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      await stop();
    },
  };
}

async function launch(
  name: string,
  command: string,
  args: string[],
  readyUrl: string,
  env: Record<string, string>,
): Promise<Running> {
  await expectPortFree(name, readyUrl);
  // Its own process group, so stopping it also stops anything it spawned (npx, next's workers).
  const child = spawn(command, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4_000);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const stop = () => stopGroup(child, exited);
  try {
    await waitUntilReady(readyUrl, exited, () => `${name} stopped before it was ready:\n${stderr}`);
  } catch (error) {
    await stop();
    throw error;
  }
  return { stop };
}

async function expectPortFree(name: string, url: string) {
  const answered = await fetch(url).then(
    () => true,
    () => false,
  );
  if (answered)
    throw new Error(
      `Something already answers at ${url}; stop it or set BENCH_APP_PORT / BENCH_EMULATOR_PORT for the ${name}.`,
    );
}

async function waitUntilReady(url: string, exited: Promise<number | null>, describeExit: () => string) {
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (gone) throw new Error(describeExit());
    const ok = await fetch(url).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not answer within 60 s.`);
}

async function stopGroup(child: ChildProcess, exited: Promise<number | null>) {
  const pid = child.pid;
  if (child.exitCode !== null || child.signalCode !== null || pid === undefined) return;
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pid, signal);
    } catch {
      // The group is already gone.
    }
  };
  signalGroup('SIGTERM');
  const forced = setTimeout(() => signalGroup('SIGKILL'), 5_000);
  await exited;
  clearTimeout(forced);
}
