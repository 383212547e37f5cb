import { processCache } from '@/lib/process';
import 'server-only';
import type { Session } from 'stytch';
import { call, fromStytchSession, stytchClient, toAuthError, type StytchSession } from './client';

/** A live Stytch session, as checked just now; `jwt` is a fresh one when Stytch itself was asked. */
export type CheckedSession = Omit<StytchSession, 'token'> & { refreshed: boolean };

/**
 * Checks a session JWT: locally against Stytch's cached signing keys while it is younger than `maxAgeSeconds`,
 * else with Stytch, which answers with a fresh JWT. Null when the session is over (expired, revoked, forged).
 * When Stytch cannot be reached, a JWT that still verifies locally (5 minutes at most) keeps the person in.
 */
export async function checkSession(jwt: string, maxAgeSeconds: number): Promise<CheckedSession | null> {
  const known = verdicts.get(verdictKey(jwt, maxAgeSeconds));
  if (known) return known;
  try {
    const result = await call(() =>
      stytchClient().sessions.authenticateJwt({ session_jwt: jwt, max_token_age_seconds: maxAgeSeconds }),
    );
    const checked = toCheckedSession(result.session, result.session_jwt, result.session_jwt !== jwt);
    if (!checked.refreshed) rememberVerdict(jwt, maxAgeSeconds, checked);
    return checked;
  } catch (error) {
    const authError = toAuthError(error);
    // Stytch answered that the session is over; anything else (down, slow, rate limited) is not a verdict.
    const { status } = authError.details;
    if (status !== undefined && status < 500 && status !== 429) return null;
    const session = await stytchClient()
      .sessions.authenticateJwtLocal({ session_jwt: jwt })
      .catch(() => null);
    if (!session) throw authError;
    return toCheckedSession(session, jwt, false);
  }
}

function toCheckedSession(session: Session, jwt: string, refreshed: boolean): CheckedSession {
  return { ...fromStytchSession(session, jwt), refreshed };
}

// The verdict on one exact JWT cannot change before its `exp` or its `maxAgeSeconds` birthday, so it is kept until
// the first of them; only local verdicts are kept (SECURITY.md, V3.5.3).
const verdicts = processCache<CheckedSession>('jwt-verdicts');
const verdictKey = (jwt: string, maxAgeSeconds: number) => `${maxAgeSeconds}:${jwt}`;

function rememberVerdict(jwt: string, maxAgeSeconds: number, session: CheckedSession) {
  const claims = jwtTimes(jwt);
  if (!claims) return;
  // The SDK calls a JWT too old once `now - iat >= maxAge`, and jose an expired one once `exp <= now`.
  const validUntil = Math.min((claims.iat + maxAgeSeconds) * 1000, claims.exp * 1000);
  verdicts.set(verdictKey(jwt, maxAgeSeconds), Object.freeze({ ...session }), validUntil);
}

// Read only after the signature verified: the claims of a JWT that just passed jose's checks.
function jwtTimes(jwt: string): { iat: number; exp: number } | null {
  try {
    const payload: unknown = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8'));
    if (typeof payload !== 'object' || payload === null) return null;
    const { iat, exp } = payload as { iat?: unknown; exp?: unknown };
    return typeof iat === 'number' && typeof exp === 'number' ? { iat, exp } : null;
  } catch {
    return null;
  }
}
