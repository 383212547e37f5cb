import { throttledLog } from '@/lib/log';
import { processSingleton } from '@/lib/process';
import { firstConnection, getRedis } from '@/lib/redis';
import type { StytchSession } from '@/lib/stytch/client';
import type { Redis } from 'ioredis';
import 'server-only';

// Closes the window in which a revoked session's JWT still verifies locally (README, Sessions). Entries
// outlive any JWT they could match (Stytch's live 5 minutes), then go.
const KEEP_MS = 10 * 60_000;

type SessionRef = Pick<StytchSession, 'sessionId' | 'userId' | 'startedAt'>;

type Options = {
  redis?: Redis | null;
  // Test runs share one Redis; each gives its keys a prefix of its own.
  keyPrefix?: string;
  keepMs?: number;
};

/**
 * A list of ended sessions, shared through `redis` when given, else in memory. While Redis is down an ending is still
 * remembered here and the check looks here: nobody is signed out by the outage and nothing throws.
 */
export function createRevocations({ redis = null, keyPrefix = 'revoked:', keepMs = KEEP_MS }: Options = {}) {
  const sessions = new Map<string, number>();
  const users = new Map<string, number>();
  const sessionKey = (sessionId: string) => `${keyPrefix}session:${sessionId}`;
  const userKey = (userId: string) => `${keyPrefix}user:${userId}`;

  function prune(now: number) {
    for (const entries of [sessions, users]) {
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

  return {
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

/** This process's list: in Redis when `REDIS_URL` is set, else in memory. */
function getRevocations() {
  return processSingleton('revocations', () => createRevocations({ redis: getRedis() }));
}

// The process's list, for the DAL and the sign-out actions.
export const recordSessionRevoked = (sessionId: string) => getRevocations().recordSessionRevoked(sessionId);
export const recordUserRevoked = (userId: string) => getRevocations().recordUserRevoked(userId);
export const isRevoked = (session: SessionRef) => getRevocations().isRevoked(session);
