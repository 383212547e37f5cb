import { redisForThisFile, testRedisUrl } from '@/test-support/redis';
import { randomUUID } from 'node:crypto';
import { setTimeout } from 'node:timers/promises';
import { describe, expect, it, vi } from 'vitest';
import { createRevocations, type ChallengeStep, type PendingRevoke } from './revocations';

const { stores, connect: redisClient } = redisForThisFile();

// Keys of this file's runs never meet another file's or run's in a shared Redis.
const keyPrefix = `test:${randomUUID()}:revoked:`;
// As long as a default session (SESSION_DURATION_MINUTES) could live.
const keepMs = 60 * 60_000;
const unique = () => randomUUID().slice(0, 8);
const startedAt = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();
const session = (userId = `user-${unique()}`, started = startedAt(-60_000)) => ({
  sessionId: `session-${unique()}`,
  userId,
  startedAt: started,
});

describe.each(stores)('revocations in %s', (_, store) => {
  it('refuses a session once it is signed out, and only that one', async () => {
    const revocations = createRevocations({ redis: store(), keyPrefix, keepMs });
    const ended = session();
    const other = session(ended.userId);
    expect(await revocations.isRevoked(ended)).toBe(false);
    await revocations.recordSessionRevoked(ended.sessionId);
    expect(await revocations.isRevoked(ended)).toBe(true);
    expect(await revocations.isRevoked(other)).toBe(false);
  });

  it('refuses the sessions started before "sign out of all devices", not those started after', async () => {
    const revocations = createRevocations({ redis: store(), keyPrefix, keepMs });
    const before = session();
    await revocations.recordUserRevoked(before.userId);
    const after = session(before.userId, startedAt(1_000));
    expect(await revocations.isRevoked(before)).toBe(true);
    expect(await revocations.isRevoked(after)).toBe(false);
    expect(await revocations.isRevoked(session())).toBe(false);
  });

  it('forgets an ending once no JWT could still match it', async () => {
    const revocations = createRevocations({ redis: store(), keyPrefix, keepMs: 100 });
    const ended = session();
    await revocations.recordSessionRevoked(ended.sessionId);
    await revocations.recordUserRevoked(ended.userId);
    expect(await revocations.isRevoked(ended)).toBe(true);
    await setTimeout(200);
    expect(await revocations.isRevoked(ended)).toBe(false);
  });
});

describe.runIf(testRedisUrl)('revocations shared through Redis', () => {
  // Two app instances: each with its own connection and its own in-process list.
  const instances = () =>
    [
      createRevocations({ redis: redisClient(testRedisUrl!), keyPrefix, keepMs }),
      createRevocations({ redis: redisClient(testRedisUrl!), keyPrefix, keepMs }),
    ] as const;

  it('an instance refuses at once a session another instance signed out', async () => {
    const [signedOutOn, replayedOn] = instances();
    const ended = session();
    expect(await replayedOn.isRevoked(ended)).toBe(false);
    await signedOutOn.recordSessionRevoked(ended.sessionId);
    expect(await replayedOn.isRevoked(ended)).toBe(true);
  });

  it('an instance refuses older sessions of a user another instance signed out of all devices', async () => {
    const [signedOutOn, replayedOn] = instances();
    const before = session();
    await signedOutOn.recordUserRevoked(before.userId);
    expect(await replayedOn.isRevoked(before)).toBe(true);
    expect(await replayedOn.isRevoked(session(before.userId, startedAt(1_000)))).toBe(false);
  });

  it('keeps each ending in Redis as long as the session it ends could live, not ten minutes', async () => {
    const client = redisClient(testRedisUrl!);
    const revocations = createRevocations({ redis: client, keyPrefix, keepMs });
    const ended = session();
    await revocations.recordSessionRevoked(ended.sessionId);
    await revocations.recordUserRevoked(ended.userId);
    for (const key of [`${keyPrefix}session:${ended.sessionId}`, `${keyPrefix}user:${ended.userId}`]) {
      const ttl = await client.pttl(key);
      expect(ttl).toBeGreaterThan(keepMs - 10_000);
      expect(ttl).toBeLessThanOrEqual(keepMs);
    }
  });
});

describe.each(stores)('endings Stytch did not confirm, in %s', (_, store) => {
  it('are retried until Stytch confirms, then no more', async () => {
    const revoke = vi.fn<(pending: PendingRevoke) => Promise<void>>();
    revoke.mockRejectedValueOnce(new Error('stytch down')).mockRejectedValueOnce(new Error('stytch down'));
    revoke.mockResolvedValue(undefined);
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const revocations = createRevocations({
      redis: store(),
      keyPrefix: `${keyPrefix}${unique()}:`,
      keepMs,
      revoke,
      firstRetryMs: 10,
    });
    await revocations.queueRevoke({ sessionId: 'session-retried' });
    await vi.waitFor(() => expect(revoke).toHaveBeenCalledTimes(3), { timeout: 2_000 });
    await setTimeout(100);
    expect(revoke).toHaveBeenCalledTimes(3);
    expect(revoke).toHaveBeenCalledWith({ sessionId: 'session-retried' });
    logged.mockRestore();
  });

  it('remember a challenge that signed someone in', async () => {
    const revocations = createRevocations({ redis: store(), keyPrefix, keepMs });
    const id = `phone-${unique()}@1`;
    expect(await revocations.isChallengeUsed(id)).toBe(false);
    await revocations.recordChallengeUsed(id);
    expect(await revocations.isChallengeUsed(id)).toBe(true);
  });
});

describe.each(stores)('steps of a challenge, in %s', (_, store) => {
  it('a resend and a verify never run at once; a step may start again once the other ends', async () => {
    const revocations = createRevocations({ redis: store(), keyPrefix, keepMs });
    const id = `phone-${unique()}@1`;
    const endVerify = await revocations.beginChallengeStep(id, 'verify');
    expect(await revocations.beginChallengeStep(id, 'verify')).not.toBeNull();
    expect(await revocations.beginChallengeStep(id, 'send')).toBeNull();
    await endVerify?.();
    expect(await revocations.beginChallengeStep(id, 'send')).toBeNull();
  });

  it('of 20 racing steps, sends and verifies never both start', async () => {
    const revocations = createRevocations({ redis: store(), keyPrefix, keepMs });
    const id = `phone-${unique()}@1`;
    const steps = Array.from({ length: 20 }, (_, index): ChallengeStep => (index % 2 ? 'send' : 'verify'));
    const started = await Promise.all(steps.map((step) => revocations.beginChallengeStep(id, step)));
    const kinds = new Set(steps.filter((_, index) => started[index] !== null));
    expect(kinds.size).toBeLessThanOrEqual(1);
  });
});

describe.runIf(testRedisUrl)('endings queued in Redis', () => {
  it('are carried on by another instance, or this one after a restart', async () => {
    const prefix = `${keyPrefix}${unique()}:`;
    const failing = vi.fn<(pending: PendingRevoke) => Promise<void>>(async () => {
      throw new Error('stytch down');
    });
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const crashed = createRevocations({
      redis: redisClient(testRedisUrl!),
      keyPrefix: prefix,
      keepMs,
      revoke: failing,
      firstRetryMs: 60_000,
    });
    await crashed.queueRevoke({ userId: 'user-everywhere' });
    const revoke = vi.fn<(pending: PendingRevoke) => Promise<void>>(async () => undefined);
    const restarted = createRevocations({ redis: redisClient(testRedisUrl!), keyPrefix: prefix, keepMs, revoke });
    await restarted.retryRevokes();
    expect(revoke).toHaveBeenCalledWith({ userId: 'user-everywhere' });
    await restarted.retryRevokes();
    expect(revoke).toHaveBeenCalledTimes(1);
    logged.mockRestore();
  });
});

describe('revocations while Redis is down', () => {
  // Nothing listens on this loopback port: the client fails at once instead of queueing.
  const downRedis = () => redisClient('redis://127.0.0.1:6390');

  it('still refuses what this instance ended, signs no one else out, and logs once', { timeout: 5_000 }, async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const revocations = createRevocations({ redis: downRedis(), keyPrefix, keepMs });
    const ended = session();
    const everywhere = session();
    await expect(revocations.recordSessionRevoked(ended.sessionId)).resolves.toBeUndefined();
    await expect(revocations.recordUserRevoked(everywhere.userId)).resolves.toBeUndefined();
    expect(await revocations.isRevoked(ended)).toBe(true);
    expect(await revocations.isRevoked(everywhere)).toBe(true);
    expect(await revocations.isRevoked(session())).toBe(false);
    expect(await revocations.isRevoked(session())).toBe(false);
    const storeDown = logged.mock.calls.filter(([line]) => String(line).includes('revocation_store_down'));
    expect(storeDown).toHaveLength(1);
    logged.mockRestore();
  });
});
