/**
 * `npm run dev`: the Stytch emulator and `next dev` side by side, each line tagged with where it came from.
 * Ctrl-C stops both; if either stops, so does the other.
 */
import { startStack, type StackPart } from './lib/stack';
import { stackPorts } from './lib/stack-env';

const TAGS: Record<StackPart, string> = { emulator: '\x1b[35memulator\x1b[0m│ ', app: '\x1b[36mapp     \x1b[0m│ ' };

const stack = await startStack({
  name: 'dev',
  ...stackPorts('dev'),
  onLine: (part, line) => process.stdout.write(`${TAGS[part]}${line}\n`),
  onExit: (part, how) => {
    process.stdout.write(`${TAGS[part]}stopped (${how})\n`);
    void stack.stop().then(() => process.exit(1));
  },
}).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

console.log(
  `\n  App:        ${stack.appUrl}\n  SMS inbox:  ${stack.emulatorUrl}  (codes "sent" by the Stytch emulator)\n`,
);
