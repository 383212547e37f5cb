import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startStack } from './stack';

const servers: Server[] = [];

/** Occupies a free loopback port, as another `npm run dev` would. */
async function occupyPort(): Promise<number> {
  const server = createServer();
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

describe('startStack on a busy port', () => {
  it('names the app’s busy port and the PORT that moves it, and starts nothing', async () => {
    const busy = await occupyPort();
    const free = await occupyPort();
    await new Promise((resolve) => servers.pop()!.close(resolve));
    const started = startStack({ name: 'dev', appPort: busy, emulatorPort: free });
    await expect(started).rejects.toThrow(
      `Port ${busy} (the app) is in use. Stop what runs there, or choose another port:\n  PORT=${busy + 1} npm run dev`,
    );
    // The emulator was never started: its port is still free.
    const probe = createServer();
    await new Promise<void>((resolve, reject) => probe.once('error', reject).listen(free, '127.0.0.1', resolve));
    await new Promise((resolve) => probe.close(resolve));
  });

  it('names the emulator’s busy port and EMULATOR_PORT', async () => {
    const busy = await occupyPort();
    await expect(startStack({ name: 'dev', appPort: busy + 1, emulatorPort: busy })).rejects.toThrow(
      `Port ${busy} (the emulator) is in use. Stop what runs there, or choose another port:\n  EMULATOR_PORT=${busy + 1} npm run dev`,
    );
  });
});
