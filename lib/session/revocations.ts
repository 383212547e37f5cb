import { firstConnection, getRedis } from '@/lib/redis';
import type { Redis } from 'ioredis';
import 'server-only';

/**
 * Sessions this app has ended. A Stytch JWT keeps verifying locally for up to SESSION_JWT_MAX_AGE_SECONDS after its
 * session is revoked, so a copied cookie replayed right after sign-out would pass the local check; this list closes
 * that window. With Redis every instance shares it; without, each process keeps its own, and an instance that did not
 * see the sign-out refuses the session only once Stytch is asked again. Entries outlive any JWT they could match
 * (Stytch's live 5 minutes), then go.
 *
 * When Redis cannot be reached the list works as without it: an ending is still remembered here and the check
 * looks here. Nobody is signed out by the outage and nothing throws; the other instances fall back to Stytch's
 * window, as they would without Redis. Logged as `revocation_store_down`, at most once a minute.
 */
const KEEP_MS = 10 * 60_000;

export type SessionRef = { sessionId: string; userId: string; startedAt: string };

type Options = {
  redis?: Redis | null;
  // Test runs share one Redis; each gives its keys a prefix of its own.
  keyPrefix?: string;
  keepMs?: number;
};

/** A list of ended sessions, shared through `redis` when given, else in memory. */
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

export type Revocations = ReturnType<typeof createRevocations>;

let lastStoreDownLog = 0;
function logStoreDown() {
  const now = Date.now();
  if (now - lastStoreDownLog < 60_000) return;
  lastStoreDownLog = now;
  console.error(JSON.stringify({ level: 'error', event: 'revocation_store_down', fallback: 'local' }));
}

// On globalThis, because the proxy and the pages load separate copies of this module.
const holder = globalThis as { __revocations?: Revocations };

/** This process's list: in Redis when `REDIS_URL` is set, else in memory. */
function getRevocations(): Revocations {
  holder.__revocations ??= createRevocations({ redis: getRedis() });
  return holder.__revocations;
}

// The process's list, for the DAL and the sign-out actions.
export const recordSessionRevoked = (sessionId: string) => getRevocations().recordSessionRevoked(sessionId);
export const recordUserRevoked = (userId: string) => getRevocations().recordUserRevoked(userId);
export const isRevoked = (session: SessionRef) => getRevocations().isRevoked(session);
