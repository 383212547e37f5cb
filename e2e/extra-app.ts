import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout } from 'node:timers/promises';
import { loopbackUrl, testStack } from '../scripts/lib/stack-env';
import { E2E } from './env';

/** How a second `next start` of this build runs on the e2e emulator, with settings of its own: E2E_APP_PORT + 10 up. */
export function extraAppProcess(offset: number, env: Record<string, string>) {
  const appPort = E2E.appPort + 10 + offset;
  return { appPort, ...testStack('e2e', { appPort, emulatorPort: E2E.emulatorPort }, { app: env }).app };
}

/** Starts the extra app of `extraAppProcess` and waits until it answers. */
export async function startExtraApp(offset: number, env: Record<string, string>) {
  const { appPort, command, args, env: appEnv, readyUrl } = extraAppProcess(offset, env);
  const child: ChildProcess = spawn(command, args, {
    env: { ...process.env, ...appEnv },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const isReady = () =>
    fetch(readyUrl).then(
      (response) => response.ok,
      () => false,
    );
  for (let waited = 0; !(await isReady()); waited += 250) {
    if (waited > 30_000) throw new Error(`The extra app on port ${appPort} did not start within 30 s.`);
    await setTimeout(250);
  }
  return {
    url: loopbackUrl(appPort),
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill();
      await exited;
    },
  };
}
