import 'server-only';

/**
 * Sessions this server has ended. A Stytch JWT keeps verifying locally for minutes after its session is revoked,
 * so a copied cookie replayed right after sign-out would pass the local check; this list closes that window.
 * It lives in this process (one per server; Vercel functions each keep their own, where the window stays as
 * short as SESSION_JWT_MAX_AGE_SECONDS). Entries outlive any JWT they could match, then go.
 */
const KEEP_MS = 10 * 60_000;

type Revocations = { sessions: Map<string, number>; users: Map<string, number> };

// On globalThis, because the proxy and the pages load separate copies of this module.
const store: Revocations = ((globalThis as { __revocations?: Revocations }).__revocations ??= {
  sessions: new Map(),
  users: new Map(),
});

export function recordSessionRevoked(sessionId: string, now = Date.now()): void {
  prune(now);
  store.sessions.set(sessionId, now);
}

/** Every session of the user that started before now is over ("sign out of all devices"). */
export function recordUserRevoked(userId: string, now = Date.now()): void {
  prune(now);
  store.users.set(userId, now);
}

export function isRevoked(session: { sessionId: string; userId: string; startedAt: string }): boolean {
  const userRevokedAt = store.users.get(session.userId);
  return store.sessions.has(session.sessionId) || (userRevokedAt !== undefined && Date.parse(session.startedAt) <= userRevokedAt);
}

function prune(now: number) {
  for (const entries of [store.sessions, store.users]) {
    for (const [key, at] of entries) if (now - at > KEEP_MS) entries.delete(key);
  }
}
