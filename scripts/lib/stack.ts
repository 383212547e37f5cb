/**
 * `startStack()`: the one launcher of a local stack (the emulator, then the app against it) for `npm run dev`, the
 * fuzz and the bench; the e2e suite starts the same processes (stack-env.ts) through Playwright's webServer.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { constants } from 'node:os';
import { createInterface } from 'node:readline';
import { EmulatorClient } from '../../emulator/client';
import {
  bin,
  devStack,
  loopbackUrl,
  portVariable,
  testStack,
  type StackEnvOverrides,
  type StackName,
  type StackPorts,
  type StackProcess,
} from './stack-env';

export type StackPart = 'emulator' | 'app';

export type StackOptions = StackPorts & {
  /** 'dev' runs `next dev` with the development values; the others run the test stack on the build in .next. */
  name: StackName;
  /** Set on top of the test stack's env. */
  env?: StackEnvOverrides;
  /** Gets every line either process prints; without it, output only explains a process that failed to start. */
  onLine?: (part: StackPart, line: string) => void;
  /** Called when a process stops on its own, before `stop()`; `how` is its exit code or signal. */
  onExit?: (part: StackPart, how: string) => void;
};

export type RunningStack = {
  appUrl: string;
  emulatorUrl: string;
  emulator: EmulatorClient;
  stop(): Promise<void>;
};

type Running = { stop(): Promise<void>; kill(): void };

const READY_TIMEOUT_MS = 90_000;
const STOP_GRACE_MS = 5_000;
const KEPT_LINES = 40;

export function hasBuild(): boolean {
  return existsSync('.next/BUILD_ID');
}

/** `next build`, its output shown, with `env` on top of the shell's; throws if it fails. */
export function buildApp(env: Record<string, string> = {}): void {
  const build = spawnSync(bin('next'), ['build'], {
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env },
  });
  if (build.status !== 0) throw new Error('next build failed.');
}

/** Starts the emulator, then the app against it; both answer on loopback when this resolves. */
export async function startStack(options: StackOptions): Promise<RunningStack> {
  const { name, appPort, emulatorPort } = options;
  if (name !== 'dev' && !hasBuild()) throw new Error('No production build in .next: run `npm run build` first.');
  for (const [part, port] of [
    ['emulator', emulatorPort],
    ['app', appPort],
  ] as const) {
    if (await isListening(port)) throw new Error(busyPortMessage(name, part, port));
  }
  const spec = name === 'dev' ? devStack(options) : testStack(name, options, options.env);
  const running: Running[] = [];
  // Until both answer, a process that stops is reported by the error startStack throws, not by onExit.
  let quiet = true;
  // Each process has a group of its own, so a script ending without stop() must still end them.
  const killAll = () => running.forEach((each) => each.kill());
  const onSignal = (signal: NodeJS.Signals) => void stop().then(() => process.exit(128 + constants.signals[signal]));
  const stop = async () => {
    quiet = true;
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal).off('exit', killAll);
    await Promise.all(running.splice(0).map((each) => each.stop()));
  };
  process.once('SIGINT', onSignal).once('SIGTERM', onSignal).once('exit', killAll);
  try {
    for (const part of ['emulator', 'app'] as const) {
      running.push(await launch(part, spec[part], options, () => quiet));
    }
    quiet = false;
  } catch (error) {
    await stop();
    throw error;
  }
  const emulatorUrl = loopbackUrl(emulatorPort);
  return { appUrl: loopbackUrl(appPort), emulatorUrl, emulator: new EmulatorClient(emulatorUrl), stop };
}

function busyPortMessage(name: StackName, part: StackPart, port: number) {
  const variable = portVariable(name, part);
  const command = name === 'dev' ? ' npm run dev' : '';
  return (
    `Port ${port} (the ${part}) is in use. Stop what runs there, or choose another port:\n` +
    `  ${variable}=${port + 1}${command}`
  );
}

async function launch(
  part: StackPart,
  { command, args, env, readyUrl }: StackProcess,
  { onLine, onExit }: StackOptions,
  quiet: () => boolean,
): Promise<Running> {
  // Its own process group, so stopping it also stops what it spawned (next's workers).
  const child = spawn(command, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const lastLines: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      onLine?.(part, line);
      lastLines.push(line);
      if (lastLines.length > KEPT_LINES) lastLines.shift();
    });
  }
  let exitedHow: string | undefined;
  const exited = new Promise<string>((resolve) =>
    child.once('exit', (code, signal) => resolve((exitedHow = signal ?? `exit code ${code}`))),
  );
  void exited.then((how) => {
    if (!quiet()) onExit?.(part, how);
  });
  const signalGroup = (signal: NodeJS.Signals) => {
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // The group is already gone.
    }
  };
  const running: Running = {
    kill: () => signalGroup('SIGTERM'),
    stop: async () => {
      signalGroup('SIGTERM');
      const forced = setTimeout(() => signalGroup('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(forced);
    },
  };
  if (await answersBeforeExit(readyUrl, () => exitedHow)) return running;
  await running.stop();
  const reason = exitedHow
    ? `stopped (${exitedHow})`
    : `did not answer at ${readyUrl} within ${READY_TIMEOUT_MS / 1000} s`;
  throw new Error(`The ${part} ${reason}:\n${lastLines.map((line) => `  ${line}`).join('\n')}`);
}

async function answersBeforeExit(url: string, exited: () => string | undefined): Promise<boolean> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline && !exited()) {
    const ok = await fetch(url).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}

function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port }).setTimeout(1_000);
    const answer = (listening: boolean) => {
      socket.destroy();
      resolve(listening);
    };
    socket
      .once('connect', () => answer(true))
      .once('error', () => answer(false))
      .once('timeout', () => answer(false));
  });
}
