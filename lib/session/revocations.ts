import { getEnv } from '@/lib/env';
import { throttledLog } from '@/lib/log';
import { processSingleton } from '@/lib/process';
import { firstConnection, getRedis } from '@/lib/redis';
import { revokeAllSessions, revokeSessionById, revokeSessionsOfAttempt, type StytchSession } from '@/lib/stytch/client';
import { waitUntil } from '@vercel/functions';
import type { Redis } from 'ioredis';
import 'server-only';

type SessionRef = Pick<StytchSession, 'sessionId' | 'userId' | 'startedAt'>;

/**
 * An ending Stytch has not confirmed yet: one session, every session of a user, or the sessions a timed-out verify may
 * have started (looked for until `until`, as Stytch may still be answering it). No token: the store holds ids.
 */
export type PendingRevoke =
  { sessionId: string } | { userId: string } | { userId: string; attemptId: string; until: number };

// Retries back off from one second to a minute, and go on until Stytch confirms.
const FIRST_RETRY_MS = 1_000;
const LAST_RETRY_MS = 60_000;

type Options = {
  redis?: Redis | null;
  // Test runs share one Redis; each gives its keys a prefix of its own.
  keyPrefix?: string;
  /** How long an ending is kept: as long as the session it ends could live (a Stytch session, not only its JWT). */
  keepMs: number;
  /** Tells Stytch; what it throws leaves the ending queued for the next try. */
  revoke?: (pending: PendingRevoke) => Promise<void>;
  firstRetryMs?: number;
};

/**
 * A list of ended sessions, shared through `redis` when given, else in memory. While Redis is down an ending is still
 * remembered here and the check looks here: nobody is signed out by the outage and nothing throws.
 */
export function createRevocations({
  redis = null,
  keyPrefix = 'revoked:',
  keepMs,
  revoke = revokeAtStytch,
  firstRetryMs = FIRST_RETRY_MS,
}: Options) {
  const sessions = new Map<string, number>();
  const users = new Map<string, number>();
  const usedChallenges = new Map<string, number>();
  // The queue lives here only without Redis (or while it is down): one process, gone with a restart.
  const pendingHere = new Set<string>();
  const sessionKey = (sessionId: string) => `${keyPrefix}session:${sessionId}`;
  const userKey = (userId: string) => `${keyPrefix}user:${userId}`;
  const challengeKey = (id: string) => `${keyPrefix}challenge:${id}`;
  const queueKey = `${keyPrefix}pending`;
  let retryMs = firstRetryMs;
  let retryTimer: NodeJS.Timeout | undefined;
  let draining: Promise<void> | undefined;

  function prune(now: number) {
    for (const entries of [sessions, users, usedChallenges]) {
      for (const [key, at] of entries) if (now - at > keepMs) entries.delete(key);
    }
  }

  function fresh(at: number | undefined, now: number): number | undefined {
    return at !== undefined && now - at <= keepMs ? at : undefined;
  }

  function revoked(session: SessionRef, userRevokedAt: number | undefined, sessionRevoked: boolean) {
    return sessionRevoked || (userRevokedAt !== undefined && Date.parse(session.startedAt) <= userRevokedAt);
  }

  async function remember(key: string, at: number) {
    if (!redis) return;
    try {
      await firstConnection(redis);
      await redis.set(key, String(at), 'PX', keepMs);
    } catch {
      logStoreDown();
    }
  }

  async function queued(): Promise<string[]> {
    if (!redis) return [...pendingHere];
    try {
      await firstConnection(redis);
      return [...new Set([...pendingHere, ...(await redis.lrange(queueKey, 0, -1))])];
    } catch {
      logStoreDown();
      return [...pendingHere];
    }
  }

  async function done(entry: string) {
    pendingHere.delete(entry);
    if (redis) await redis.lrem(queueKey, 0, entry).catch(logStoreDown);
  }

  // Tries every queued ending once; what Stytch still refuses is tried again later, with a longer wait each time.
  async function drainOnce(): Promise<void> {
    let failed = false;
    for (const entry of await queued()) {
      try {
        await revoke(JSON.parse(entry) as PendingRevoke);
        await done(entry);
      } catch {
        failed = true;
      }
    }
    clearTimeout(retryTimer);
    retryTimer = undefined;
    if (!failed) {
      retryMs = firstRetryMs;
      return;
    }
    throttledLog('revoke_retry', 60_000, 'error', 'revoke_retry', { retryMs });
    retryTimer = setTimeout(() => void drain(), retryMs);
    retryMs = Math.min(retryMs * 2, LAST_RETRY_MS);
  }

  function drain(): Promise<void> {
    draining ??= drainOnce().finally(() => (draining = undefined));
    return draining;
  }

  async function remembered(key: string): Promise<boolean> {
    if (!redis) return false;
    try {
      await firstConnection(redis);
      return (await redis.exists(key)) === 1;
    } catch {
      logStoreDown();
      return false;
    }
  }

  return {
    /**
     * Queues an ending Stytch did not confirm and tries it again until it does: in Redis when set (any instance, and
     * this one after a restart, carries on), else in this process. Resolves once queued; the retries run on.
     */
    async queueRevoke(pending: PendingRevoke): Promise<void> {
      const entry = JSON.stringify(pending);
      pendingHere.add(entry);
      if (redis) {
        try {
          await firstConnection(redis);
          await redis.rpush(queueKey, entry);
          pendingHere.delete(entry);
        } catch {
          logStoreDown();
        }
      }
      retryTimer ??= setTimeout(() => void drain(), retryMs);
    },

    /** Tries the queued endings now (a process's start, or a request that may end before the timer fires). */
    retryRevokes: drain,

    /** A challenge that signed someone in: its cookie may send no more codes (until its session could have ended). */
    async recordChallengeUsed(challengeId: string): Promise<void> {
      const now = Date.now();
      prune(now);
      usedChallenges.set(challengeId, now);
      await remember(challengeKey(challengeId), now);
    },

    async isChallengeUsed(challengeId: string): Promise<boolean> {
      if (fresh(usedChallenges.get(challengeId), Date.now()) !== undefined) return true;
      return remembered(challengeKey(challengeId));
    },

    async recordSessionRevoked(sessionId: string): Promise<void> {
      const now = Date.now();
      prune(now);
      sessions.set(sessionId, now);
      await remember(sessionKey(sessionId), now);
    },

    /** Every session of the user that started before now is over ("sign out of all devices"). */
    async recordUserRevoked(userId: string): Promise<void> {
      const now = Date.now();
      prune(now);
      users.set(userId, now);
      await remember(userKey(userId), now);
    },

    /** Whether the session was ended here or, through Redis, on any instance: one round trip at most. */
    async isRevoked(session: SessionRef): Promise<boolean> {
      const now = Date.now();
      const local = revoked(
        session,
        fresh(users.get(session.userId), now),
        fresh(sessions.get(session.sessionId), now) !== undefined,
      );
      if (local || !redis) return local;
      try {
        await firstConnection(redis);
        const [sessionAt, userAt] = await redis.mget(sessionKey(session.sessionId), userKey(session.userId));
        return revoked(session, userAt ? Number(userAt) : undefined, Boolean(sessionAt));
      } catch {
        logStoreDown();
        return false;
      }
    },
  };
}

function logStoreDown() {
  throttledLog('revocation_store_down', 60_000, 'error', 'revocation_store_down', { fallback: 'local' });
}

async function revokeAtStytch(pending: PendingRevoke): Promise<void> {
  if ('sessionId' in pending) return revokeSessionById(pending.sessionId);
  if (!('attemptId' in pending)) return revokeAllSessions(pending.userId);
  const found = await revokeSessionsOfAttempt(pending.userId, pending.attemptId);
  if (!found && Date.now() < pending.until) throw new Error('verify_attempt_session_not_found_yet');
}

/** This process's list: in Redis when `REDIS_URL` is set, else in memory; what an earlier process queued goes on. */
function getRevocations() {
  return processSingleton('revocations', () => {
    const revocations = createRevocations({ redis: getRedis(), keepMs: getEnv().SESSION_DURATION_MINUTES * 60_000 });
    void revocations.retryRevokes();
    return revocations;
  });
}

// The process's list, for the DAL and the sign-out actions.
export const recordSessionRevoked = (sessionId: string) => getRevocations().recordSessionRevoked(sessionId);
export const recordUserRevoked = (userId: string) => getRevocations().recordUserRevoked(userId);
export const isRevoked = (session: SessionRef) => getRevocations().isRevoked(session);
export const recordChallengeUsed = (challengeId: string) => getRevocations().recordChallengeUsed(challengeId);
export const isChallengeUsed = (challengeId: string) => getRevocations().isChallengeUsed(challengeId);

/** Queues the ending for retries and, on Vercel, keeps the function alive for the first one. */
export async function queueRevoke(pending: PendingRevoke): Promise<void> {
  const revocations = getRevocations();
  await revocations.queueRevoke(pending);
  waitUntil(revocations.retryRevokes());
}
