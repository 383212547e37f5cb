import { createRevocations, type PendingRevoke } from '@/lib/session/revocations';
import { createTestDatabase, testPostgresUrl, type TestDatabase } from '@/test-support/database';
import { randomUUID } from 'node:crypto';
import { setTimeout } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase, type OpenDatabase } from './client';
import { databaseRevocationStore } from './revocation-store';

// The store asks connection.ts for the process-wide database: here, the test's, or none while it is "down".
const current = vi.hoisted(() => ({ database: undefined as OpenDatabase | undefined, down: false }));
vi.mock('./connection', () => ({
  getDb: async () => {
    if (current.down || !current.database)
      throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    return current.database.db;
  },
}));

const keepMs = 60 * 60_000;
const unique = () => randomUUID().slice(0, 8);
const session = (userId = `user-${unique()}`) => ({
  sessionId: `session-${unique()}`,
  userId,
  startedAt: new Date(Date.now() - 60_000).toISOString(),
});
// One app process: its own memory, the database shared with every other.
const instance = (options: { revoke?: (pending: PendingRevoke) => Promise<void>; keepMs?: number } = {}) =>
  createRevocations({ store: databaseRevocationStore, keepMs, firstRetryMs: 60_000, ...options });

describe.runIf(testPostgresUrl)('revocations kept in PostgreSQL, without Redis', () => {
  let scratch: TestDatabase;

  beforeAll(async () => {
    scratch = await createTestDatabase(testPostgresUrl ?? '');
    current.database = await openDatabase({
      kind: 'postgres',
      url: scratch.url,
      timeouts: { connectMs: 5000, queryMs: 5000 },
    });
  });

  afterAll(async () => {
    await current.database?.close();
    await scratch?.drop();
  });

  it('another process, or this one after a restart, refuses a session signed out here', async () => {
    const [signedOutOn, other] = [instance(), instance()];
    const ended = session();
    const everywhere = session();
    await signedOutOn.recordSessionRevoked(ended.sessionId);
    await signedOutOn.recordUserRevoked(everywhere.userId);
    expect(await other.isRevoked(ended)).toBe(true);
    expect(await other.isRevoked(everywhere)).toBe(true);
    expect(await other.isRevoked(session())).toBe(false);
    const restarted = instance();
    expect(await restarted.isRevoked(ended)).toBe(true);
  });

  it('a challenge that signed someone in is dead for every process', async () => {
    const id = `phone-${unique()}@1`;
    await instance().recordChallengeUsed(id);
    expect(await instance().isChallengeUsed(id)).toBe(true);
    expect(await instance().isChallengeUsed(`phone-${unique()}@1`)).toBe(false);
  });

  it('forgets an ending once no session could still match it', async () => {
    const ended = session();
    await instance({ keepMs: 100 }).recordSessionRevoked(ended.sessionId);
    await setTimeout(250);
    expect(await instance({ keepMs: 100 }).isRevoked(ended)).toBe(false);
  });

  it('an ending Stytch refused is carried on after a restart, once, until Stytch confirms', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const failing = vi.fn(async () => {
      throw new Error('stytch down');
    });
    const pending = { userId: `user-${unique()}` };
    await instance({ revoke: failing }).queueRevoke(pending);
    const revoke = vi.fn(async () => undefined);
    const restarted = instance({ revoke });
    await restarted.retryRevokes();
    expect(revoke).toHaveBeenCalledWith(pending);
    await instance({ revoke }).retryRevokes();
    expect(revoke).toHaveBeenCalledTimes(1);
    logged.mockRestore();
  });

  it('a resend and a verify of one challenge never run at once, across processes', async () => {
    const id = `phone-${unique()}@1`;
    const [first, second] = [instance(), instance()];
    const endSend = await first.beginChallengeStep(id, 'send');
    expect(endSend).not.toBeNull();
    expect(await second.beginChallengeStep(id, 'verify')).toBeNull();
    // Verifies may overlap one another; sends likewise.
    expect(await second.beginChallengeStep(id, 'send')).not.toBeNull();
    await endSend?.();
    expect(await second.beginChallengeStep(`phone-${unique()}@1`, 'verify')).not.toBeNull();
  });

  it('while the database is down, remembers here, signs no one else out and throws nothing', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    current.down = true;
    try {
      const revocations = instance();
      const ended = session();
      await expect(revocations.recordSessionRevoked(ended.sessionId)).resolves.toBeUndefined();
      expect(await revocations.isRevoked(ended)).toBe(true);
      expect(await revocations.isRevoked(session())).toBe(false);
    } finally {
      current.down = false;
      logged.mockRestore();
    }
  });
});
