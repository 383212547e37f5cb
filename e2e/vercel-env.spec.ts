import { DEV_DEFAULTS } from '@/lib/env-schema';
import { spawn } from 'node:child_process';
import { setTimeout } from 'node:timers/promises';
import { extraAppProcess } from './extra-app';
import { expect, test } from './fixtures';

// Vercel's own variables for a production deployment; the rest is the test stack's, or as each test says.
const VERCEL_PRODUCTION = { VERCEL: '1', VERCEL_ENV: 'production' };
const LIVE_SECRETS = {
  STYTCH_PROJECT_ID: 'project-live-4f1c2d3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
  STYTCH_SECRET: 'secret-live-Zq8xW3vN7bK2mR5tY9uP4sL6',
  SESSION_PASSWORD: 'k3J9vQ2mX7pL5nR8tW4yZ6bC1dF0gH3s',
};

/** Runs this build's `next start` until it answers /health or exits; what it printed to stderr, and how it ended. */
async function startOnce(offset: number, env: Record<string, string>) {
  const { command, args, env: appEnv, readyUrl } = extraAppProcess(offset, env);
  const child = spawn(command, args, { env: { ...process.env, ...appEnv }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  try {
    for (let waited = 0; waited < 30_000 && child.exitCode === null; waited += 250) {
      if (
        await fetch(readyUrl).then(
          (response) => response.ok,
          () => false,
        )
      )
        return { answered: true, stderr };
      await setTimeout(250);
    }
    return { answered: false, exitCode: await exited, stderr };
  } finally {
    if (child.exitCode === null) {
      child.kill();
      await exited;
    }
  }
}

test.describe("with Vercel's production environment", () => {
  // One server start per test, nothing in the browser: the desktop project covers it.
  test.skip(({ isMobile }) => isMobile, 'no browser involved');

  test('the server refuses the emulator and the development secrets at start, naming the keys only', async () => {
    const developmentSecrets = {
      STYTCH_SECRET: DEV_DEFAULTS.STYTCH_SECRET,
      SESSION_PASSWORD: DEV_DEFAULTS.SESSION_PASSWORD,
    };
    const started = await startOnce(5, { ...VERCEL_PRODUCTION, ...developmentSecrets, DATABASE_URL: '' });
    expect(started).toMatchObject({ answered: false, exitCode: 1 });
    for (const key of ['DATABASE_URL is missing', 'STYTCH_API_URL points at the local emulator', 'STYTCH_SECRET is']) {
      expect(started.stderr).toContain(key);
    }
    expect(started.stderr).toContain('SESSION_PASSWORD is the built-in development value');
    for (const value of Object.values(developmentSecrets)) expect(started.stderr).not.toContain(value);
  });

  test('the server starts with a proper production configuration', async () => {
    const started = await startOnce(6, {
      ...VERCEL_PRODUCTION,
      ...LIVE_SECRETS,
      // Stytch itself in production; never reached here, since nothing signs in.
      STYTCH_API_URL: '',
      // A PostgreSQL URL nothing listens on: the schema only asks for one, and the server only logs its absence.
      DATABASE_URL: 'postgres://app@127.0.0.1:1/app',
    });
    expect(started.answered, started.stderr).toBe(true);
  });
});
