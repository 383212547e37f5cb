/**
 * `npm run dev`: the Stytch emulator and `next dev` side by side, each line tagged with where it came from.
 * Ctrl-C stops both; if either stops, so does the other.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

const emulatorPort = process.env.EMULATOR_PORT ?? '4010';
const appPort = process.env.PORT ?? '3000';

const children: ChildProcess[] = [];

function run(
  tag: string,
  color: number,
  command: string,
  args: string[],
  env: Record<string, string | undefined> = {},
) {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = `\x1b[${color}m${tag.padEnd(8)}\x1b[0m│ `;
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => process.stdout.write(`${prefix}${line}\n`));
  }
  child.on('exit', (code) => {
    process.stdout.write(`${prefix}stopped${code ? ` (exit code ${code})` : ''}\n`);
    stopAll(code ?? 0);
  });
  children.push(child);
}

let stopping = false;
function stopAll(exitCode: number) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  setTimeout(() => process.exit(exitCode), 500).unref();
}

process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

run('emulator', 35, 'tsx', ['emulator/main.ts'], { EMULATOR_PORT: emulatorPort });
// Without a Stytch project configured, the app's development defaults point at this emulator.
run('app', 36, 'next', ['dev', '-H', '127.0.0.1', '-p', appPort], {
  ...(process.env.STYTCH_PROJECT_ID ? {} : { STYTCH_API_URL: `http://127.0.0.1:${emulatorPort}` }),
  NEXT_TELEMETRY_DISABLED: process.env.NEXT_TELEMETRY_DISABLED ?? '1',
});

console.log(
  `\n  App:        http://127.0.0.1:${appPort}\n  SMS inbox:  http://127.0.0.1:${emulatorPort}  (codes "sent" by the Stytch emulator)\n`,
);
