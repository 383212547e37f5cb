import { databaseRevocationStore } from '@/lib/db/revocation-store';
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

/**
 * Where the records and the queue are shared by every instance (Redis, or the database without it). What it throws
 * leaves the record in this process only: nobody is signed out by an outage of the store.
 */
export type RevocationStore = {
  /** Keeps `key` with the time `at` for `keepMs`. */
  remember(key: string, at: number, keepMs: number): Promise<void>;
  /** The time kept at each key, or undefined where none is (any more). */
  recall(keys: string[]): Promise<(number | undefined)[]>;
  /** Adds `delta` to the counter at `key` (kept `keepMs` from now) and answers its new value. */
  count(key: string, delta: number, keepMs: number): Promise<number>;
  push(queue: string, entry: string): Promise<void>;
  entries(queue: string): Promise<string[]>;
  remove(queue: string, entry: string): Promise<void>;
};

/** One of the two steps of a challenge that exclude each other: sending its next code, or checking its code. */
export type ChallengeStep = 'send' | 'verify';

type Options = {
  redis?: Redis | null;
  /** The shared store; Redis's when `redis` is given. */
  store?: RevocationStore | null;
  // Test runs share one Redis; each gives its keys a prefix of its own.
  keyPrefix?: string;
  /** How long an ending is kept: as long as the session it ends could live (a Stytch session, not only its JWT). */
  keepMs: number;
  /** Tells Stytch; what it throws leaves the ending queued for the next try. */
  revoke?: (pending: PendingRevoke) => Promise<void>;
  firstRetryMs?: number;
};

// A step under way holds the other off at most this long, should its process die before it ends.
const STEP_KEEP_MS = 30_000;

/**
 * A list of ended sessions, shared through the store when given, else in memory. While the store is down an ending is
 * still remembered here and the check looks here: nobody is signed out by the outage and nothing throws.
 */
export function createRevocations({
  redis = null,
  store = redis ? redisStore(redis) : null,
  keyPrefix = 'revoked:',
  keepMs,
  revoke = revokeAtStytch,
  firstRetryMs = FIRST_RETRY_MS,
}: Options) {
  const sessions = new Map<string, number>();
  const users = new Map<string, number>();
  const usedChallenges = new Map<string, number>();
  // Steps under way on challenges, counted here only without a store (or while it is down).
  const stepsHere = new Map<string, number>();
  // The queue lives here only without a store (or while it is down): one process, gone with a restart.
  const pendingHere = new Set<string>();
  const sessionKey = (sessionId: string) => `${keyPrefix}session:${sessionId}`;
  const userKey = (userId: string) => `${keyPrefix}user:${userId}`;
  const challengeKey = (id: string) => `${keyPrefix}challenge:${id}`;
  const stepKey = (id: string, step: ChallengeStep) => `${keyPrefix}step:${step}:${id}`;
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

  // The store's answer, or `fallback` (logged) when there is none or it fails.
  async function shared<T>(run: (store: RevocationStore) => Promise<T>, fallback: () => T): Promise<T> {
    if (!store) return fallback();
    try {
      return await run(store);
    } catch {
      logStoreDown();
      return fallback();
    }
  }

  const remember = (key: string, at: number) =>
    shared(
      (store) => store.remember(key, at, keepMs),
      () => undefined,
    );

  const queued = () =>
    shared(
      async (store) => [...new Set([...pendingHere, ...(await store.entries(queueKey))])],
      () => [...pendingHere],
    );

  async function done(entry: string) {
    pendingHere.delete(entry);
    await shared(
      (store) => store.remove(queueKey, entry),
      () => undefined,
    );
  }

  function countHere(key: string, delta: number): number {
    const value = (stepsHere.get(key) ?? 0) + delta;
    if (value > 0) stepsHere.set(key, value);
    else stepsHere.delete(key);
    return value;
  }

  const countStep = (key: string, delta: number) =>
    shared(
      (store) => store.count(key, delta, STEP_KEEP_MS),
      () => countHere(key, delta),
    );

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

  return {
    /**
     * Queues an ending Stytch did not confirm and tries it again until it does: in the store when set (any instance,
     * and this one after a restart, carries on), else in this process. Resolves once queued; the retries run on.
     */
    async queueRevoke(pending: PendingRevoke): Promise<void> {
      const entry = JSON.stringify(pending);
      pendingHere.add(entry);
      await shared(
        async (store) => {
          await store.push(queueKey, entry);
          pendingHere.delete(entry);
        },
        () => undefined,
      );
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
      const [at] = await shared(
        (store) => store.recall([challengeKey(challengeId)]),
        () => [undefined],
      );
      return at !== undefined;
    },

    /**
     * Starts `step` on the challenge unless the other step is under way (on any instance sharing the store): a resend
     * and a verify of one challenge never overlap, so no code is sent once the challenge has signed someone in.
     * Answers the step's end, to call once it is over, or null when it may not start now.
     */
    async beginChallengeStep(challengeId: string, step: ChallengeStep): Promise<(() => Promise<void>) | null> {
      const own = stepKey(challengeId, step);
      const other = stepKey(challengeId, step === 'send' ? 'verify' : 'send');
      // Each side counts itself in before looking at the other: of two racing, at least one sees the other.
      await countStep(own, 1);
      const end = async () => void (await countStep(own, -1));
      if ((await countStep(other, 0)) > 0) {
        await end();
        return null;
      }
      return end;
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

    /** Whether the session was ended here or, through the store, on any instance: one round trip at most. */
    async isRevoked(session: SessionRef): Promise<boolean> {
      const now = Date.now();
      const local = revoked(
        session,
        fresh(users.get(session.userId), now),
        fresh(sessions.get(session.sessionId), now) !== undefined,
      );
      if (local) return true;
      const [sessionAt, userAt] = await shared(
        (store) => store.recall([sessionKey(session.sessionId), userKey(session.userId)]),
        () => [undefined, undefined],
      );
      return revoked(session, userAt, sessionAt !== undefined);
    },
  };
}

/** The records and the queue in Redis: keys that expire by themselves, and a list. */
function redisStore(redis: Redis): RevocationStore {
  const ready = async () => firstConnection(redis);
  return {
    async remember(key, at, keepMs) {
      await ready();
      await redis.set(key, String(at), 'PX', keepMs);
    },
    async recall(keys) {
      await ready();
      return (await redis.mget(...keys)).map((value) => (value === null ? undefined : Number(value)));
    },
    async count(key, delta, keepMs) {
      await ready();
      const [counted] = (await redis.multi().incrby(key, delta).pexpire(key, keepMs).exec()) ?? [];
      const [error, value] = counted ?? [new Error('redis_transaction_aborted')];
      if (error) throw error;
      return Number(value);
    },
    async push(queue, entry) {
      await ready();
      await redis.rpush(queue, entry);
    },
    async entries(queue) {
      await ready();
      return redis.lrange(queue, 0, -1);
    },
    async remove(queue, entry) {
      await ready();
      await redis.lrem(queue, 0, entry);
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

/**
 * This process's list: in Redis when `REDIS_URL` is set, else in PostgreSQL when `DATABASE_URL` is, else in memory
 * (an embedded PGlite serves one process, which the memory already covers); what an earlier process queued goes on.
 */
function getRevocations() {
  return processSingleton('revocations', () => {
    const env = getEnv();
    const redis = getRedis();
    const store = redis ? redisStore(redis) : env.DATABASE_URL ? databaseRevocationStore : null;
    const revocations = createRevocations({ store, keepMs: env.SESSION_DURATION_MINUTES * 60_000 });
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
export const beginChallengeStep = (challengeId: string, step: ChallengeStep) =>
  getRevocations().beginChallengeStep(challengeId, step);

/** Queues the ending for retries and, on Vercel, keeps the function alive for the first one. */
export async function queueRevoke(pending: PendingRevoke): Promise<void> {
  const revocations = getRevocations();
  await revocations.queueRevoke(pending);
  waitUntil(revocations.retryRevokes());
}
