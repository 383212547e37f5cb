import { createLocalJWKSet, jwtVerify } from 'jose';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from './server';
import { PROJECT_ID, signIn, startHarness } from './testing/harness';
import { conforming } from './testing/openapi';

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'stytch-emulator-key-'));
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

describe('signing key', () => {
  it('stays the same across a restart with the same data folder, so old JWTs still verify', async () => {
    const first = await startHarness({ dataDir });
    const { session_jwt } = await signIn(first, '+12025550162');
    const before = await conforming(
      'GET /v1/sessions/jwks/{project_id}',
      first.client.sessions.getJWKS({ project_id: PROJECT_ID }),
    );
    await first.stop();

    const second = await startHarness({ dataDir });
    try {
      const after = await second.client.sessions.getJWKS({ project_id: PROJECT_ID });
      expect(after.keys).toEqual(before.keys);
      const { payload } = await jwtVerify(session_jwt, createLocalJWKSet({ keys: after.keys }), {
        issuer: `stytch.com/${PROJECT_ID}`,
        audience: PROJECT_ID,
      });
      expect(payload.sub).toMatch(/^user-test-/);
    } finally {
      await second.stop();
    }
  });

  it('differs between data folders', async () => {
    const here = await startHarness({ dataDir });
    const elsewhere = await startHarness();
    try {
      const [a, b] = await Promise.all(
        [here, elsewhere].map((h) => h.client.sessions.getJWKS({ project_id: PROJECT_ID })),
      );
      expect(a?.keys[0]?.kid).not.toBe(b?.keys[0]?.kid);
      expect(a?.keys[0]?.n).not.toBe(b?.keys[0]?.n);
    } finally {
      await Promise.all([here.stop(), elsewhere.stop()]);
    }
  });

  it('refuses to start on a damaged key file instead of silently replacing the key', async () => {
    const damaged = await mkdtemp(join(tmpdir(), 'stytch-emulator-bad-key-'));
    try {
      await writeFile(join(damaged, 'signing-key.json'), '{"kid": "x"}');
      await expect(
        startEmulator({ projectId: PROJECT_ID, secret: 's', dataDir: damaged, log: () => {} }),
      ).rejects.toThrow(/signing-key\.json is not a usable emulator signing key/);
    } finally {
      await rm(damaged, { recursive: true, force: true });
    }
  });
});
