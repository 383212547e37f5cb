import { AuthError } from '@/lib/auth/errors';
import type { CheckedSession } from '@/lib/stytch/check-session';
import type { StytchSession } from '@/lib/stytch/client';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CookieJar } from './cookie';

// The DAL's decisions, with the cookie and Stytch replaced: what it keeps, refreshes, clears or leaves alone.
const session = vi.hoisted(() => ({
  getSignedIn: vi.fn(),
  saveSignedIn: vi.fn(),
  clearSession: vi.fn(),
  discardUnreadableSession: vi.fn(),
  getChallenge: vi.fn(),
}));
const stytch = vi.hoisted(() => ({ checkSession: vi.fn() }));
vi.mock('./cookie', () => session);
vi.mock('@/lib/stytch/check-session', () => stytch);
vi.mock('@/lib/env', () => ({ getEnv: () => ({ SESSION_JWT_MAX_AGE_SECONDS: 60, SESSION_DURATION_MINUTES: 60 }) }));
vi.mock('@/lib/log', () => ({ logAuthFailure: vi.fn() }));

const { syncSessionCookie } = await import('./dal');
const { recordSessionRevoked, recordUserRevoked } = await import('./revocations');

const jar: CookieJar = { secure: true, get: () => undefined, set: () => undefined };
let count = 0;
function signedIn(): StytchSession {
  count += 1;
  return {
    userId: `user-${count}`,
    sessionId: `session-${count}`,
    token: 'token',
    jwt: 'jwt-old',
    startedAt: new Date(Date.now() - 60_000).toISOString(),
    expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
  };
}
function checked(of: StytchSession, changes: Partial<CheckedSession> = {}): CheckedSession {
  return {
    userId: of.userId,
    sessionId: of.sessionId,
    startedAt: of.startedAt,
    expiresAt: of.expiresAt,
    jwt: of.jwt,
    refreshed: false,
    ...changes,
  };
}

beforeEach(() => vi.clearAllMocks());

describe('the session check', () => {
  it('finds no one without a session, and asks Stytch nothing', async () => {
    session.getSignedIn.mockResolvedValue(null);
    expect(await syncSessionCookie(jar)).toBeNull();
    expect(stytch.checkSession).not.toHaveBeenCalled();
  });

  it('keeps a session whose JWT checked out, and writes nothing', async () => {
    const current = signedIn();
    session.getSignedIn.mockResolvedValue(current);
    stytch.checkSession.mockResolvedValue(checked(current));
    expect(await syncSessionCookie(jar)).toMatchObject({ userId: current.userId, sessionId: current.sessionId });
    expect(stytch.checkSession).toHaveBeenCalledWith('jwt-old', 60);
    expect(session.saveSignedIn).not.toHaveBeenCalled();
    expect(session.clearSession).not.toHaveBeenCalled();
  });

  it('stores the fresh JWT and expiry when Stytch refreshed them, keeping a pending code', async () => {
    const current = signedIn();
    const later = new Date(Date.now() + 7_200_000).toISOString();
    session.getSignedIn.mockResolvedValue(current);
    stytch.checkSession.mockResolvedValue(checked(current, { jwt: 'jwt-new', refreshed: true, expiresAt: later }));
    await syncSessionCookie(jar);
    expect(session.saveSignedIn).toHaveBeenCalledWith({ ...current, jwt: 'jwt-new', expiresAt: later }, jar, {
      keepChallenge: true,
    });
  });

  it('clears a session Stytch says is over', async () => {
    session.getSignedIn.mockResolvedValue(signedIn());
    stytch.checkSession.mockResolvedValue(null);
    expect(await syncSessionCookie(jar)).toBeNull();
    expect(session.clearSession).toHaveBeenCalledWith(jar);
  });

  it('clears a session this server ended, though its JWT still verifies', async () => {
    const ended = signedIn();
    await recordSessionRevoked(ended.sessionId);
    session.getSignedIn.mockResolvedValue(ended);
    stytch.checkSession.mockResolvedValue(checked(ended));
    expect(await syncSessionCookie(jar)).toBeNull();
    expect(session.clearSession).toHaveBeenCalled();
  });

  it('clears sessions started before "sign out of all devices", and keeps later ones', async () => {
    const before = signedIn();
    await recordUserRevoked(before.userId);
    session.getSignedIn.mockResolvedValue(before);
    stytch.checkSession.mockResolvedValue(checked(before));
    expect(await syncSessionCookie(jar)).toBeNull();

    const after = { ...before, sessionId: 'session-after', startedAt: new Date(Date.now() + 1_000).toISOString() };
    session.getSignedIn.mockResolvedValue(after);
    stytch.checkSession.mockResolvedValue(checked(after));
    expect(await syncSessionCookie(jar)).toMatchObject({ sessionId: 'session-after' });
  });

  it('signs out for now but keeps the cookie when Stytch cannot be reached and the JWT is too old to trust', async () => {
    session.getSignedIn.mockResolvedValue(signedIn());
    stytch.checkSession.mockRejectedValue(new AuthError('unreachable'));
    expect(await syncSessionCookie(jar)).toBeNull();
    expect(session.clearSession).not.toHaveBeenCalled();
  });
});
