import { addMinutes } from './clock';
import type { SessionRecord, UserRecord } from './store';

/** Stytch's documented sandbox session token (Testing, Sandbox values): sessions/authenticate always accepts it. */
export const SANDBOX_SESSION_TOKEN = 'WJtR5BCy38Szd5AfoDpf0iqFKEt4EE5JhjlWUY7l3FtY';

/** The user and start of that session, as stytch-node's sandbox test (test/b2c/sandbox.test.ts) expects them. */
const SANDBOX_USER_ID = 'user-test-e3795c81-f849-4167-bfda-e4a6e9c280fd';
const SANDBOX_STARTED_AT = '2021-08-28T00:41:58.935673Z';
/** GUESS: the id stytch-node's older mocked sessions test pairs with that user and start time. */
export const SANDBOX_SESSION_ID = 'session-test-eb94233f-8800-4ebd-8645-51dc15f9d028';
/** GUESS: the sandbox reply's expiry is not documented; an hour from the call keeps it live. */
const SANDBOX_SESSION_MINUTES = 60;

/**
 * The sandbox session as of `now`, built afresh on every call: a fixed sandbox value, so a revoke, a new duration
 * or new custom claims do not stick. Its factors and attributes are not documented and are left empty (GUESS).
 */
export function sandboxSession(now: Date): SessionRecord {
  return {
    session_id: SANDBOX_SESSION_ID,
    user_id: SANDBOX_USER_ID,
    token: SANDBOX_SESSION_TOKEN,
    startedAt: new Date(SANDBOX_STARTED_AT),
    startedAtText: SANDBOX_STARTED_AT,
    lastAccessedAt: now,
    expiresAt: addMinutes(now, SANDBOX_SESSION_MINUTES),
    attributes: { ip_address: '', user_agent: '' },
    factors: [],
    customClaims: {},
  };
}

/** The sandbox session's user, active and without a phone (Stytch's signs in by email, which is not emulated). */
export function sandboxUser(): UserRecord {
  return {
    user_id: SANDBOX_USER_ID,
    status: 'active',
    createdAt: new Date(SANDBOX_STARTED_AT),
    phones: [],
    failedAttempts: 0,
  };
}

export function isSandboxSession(session: SessionRecord): boolean {
  return session.session_id === SANDBOX_SESSION_ID;
}
