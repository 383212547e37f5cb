import { AuthError, type AuthErrorCode } from '@/lib/auth/errors';
import { getEnv } from '@/lib/env';
import { processCache } from '@/lib/process';
import 'server-only';
import { Client, RequestError, StytchError, type Session } from 'stytch';
import { Agent } from 'undici';

/** The Stytch session as the rest of the app sees it. */
export type StytchSession = {
  sessionId: string;
  token: string;
  jwt: string;
  startedAt: string;
  expiresAt: string;
};

let client: Client | undefined;

function stytch(): Client {
  if (client) return client;
  const env = getEnv();
  const url = env.STYTCH_API_URL;
  client = new Client({
    project_id: env.STYTCH_PROJECT_ID,
    secret: env.STYTCH_SECRET,
    // The client only takes https in `custom_base_url`; a plain-http emulator goes in `env`.
    ...(url?.startsWith('https://') ? { custom_base_url: url } : url ? { env: url } : {}),
    // The client's own `timeout` is ignored; the dispatcher tears down a request the race below gave up on.
    dispatcher: new Agent({
      connectTimeout: env.STYTCH_TIMEOUT_MS,
      headersTimeout: env.STYTCH_TIMEOUT_MS + 1_000,
      bodyTimeout: env.STYTCH_TIMEOUT_MS + 1_000,
    }),
  });
  return client;
}

/** Sends a passcode by SMS, creating a pending Stytch user for a number it has never seen. */
export async function sendSmsCode(request: {
  phoneNumber: string;
  expirationMinutes: number;
  ipAddress?: string;
  userAgent?: string;
}): Promise<{ phoneId: string; userId: string; userCreated: boolean }> {
  const response = await call(() =>
    stytch().otps.sms.loginOrCreate({
      phone_number: request.phoneNumber,
      expiration_minutes: request.expirationMinutes,
      create_user_as_pending: true,
      attributes: { ip_address: request.ipAddress, user_agent: request.userAgent },
    }),
  );
  return { phoneId: response.phone_id, userId: response.user_id, userCreated: response.user_created };
}

/** Checks a passcode and starts a Stytch session of the given length. */
export async function authenticateCode(request: {
  phoneId: string;
  code: string;
  sessionDurationMinutes: number;
}): Promise<{ userId: string; session: StytchSession }> {
  const response = await call(() =>
    stytch().otps.authenticate({
      method_id: request.phoneId,
      code: request.code,
      session_duration_minutes: request.sessionDurationMinutes,
    }),
  );
  const session = response.session;
  if (!session) throw new AuthError('unavailable', { requestId: response.request_id, errorType: 'missing_session' });
  return {
    userId: response.user_id,
    session: {
      sessionId: session.session_id,
      token: response.session_token,
      jwt: response.session_jwt,
      startedAt: session.started_at ?? new Date().toISOString(),
      expiresAt: session.expires_at ?? new Date().toISOString(),
    },
  };
}

/** When a locked user may try again, or null when Stytch does not say. */
export async function getLockExpiry(userId: string): Promise<Date | null> {
  try {
    const user = await call(() => stytch().users.get({ user_id: userId }));
    return user.lock_expires_at ? new Date(user.lock_expires_at) : null;
  } catch {
    return null;
  }
}

const STYTCH_ERROR_CODES: Record<string, AuthErrorCode> = {
  invalid_phone_number: 'invalid_phone',
  invalid_phone_number_country_code: 'country_not_allowed',
  unsubscribed_phone_number: 'invalid_phone',
  otp_code_not_found: 'invalid_code',
  invalid_code: 'invalid_code',
  unable_to_auth_otp_code: 'code_expired',
  // The method id comes from our sealed cookie; when Stytch no longer knows it, only a new code helps.
  phone_number_not_found: 'code_expired',
  invalid_method_id: 'code_expired',
  user_lock_limit_reached: 'too_many_attempts',
  too_many_requests: 'rate_limited',
};

/** Translates anything a Stytch call threw into the app's error vocabulary. */
export function toAuthError(error: unknown): AuthError {
  if (error instanceof AuthError) return error;
  if (error instanceof StytchError) {
    const details = { requestId: error.request_id, errorType: error.error_type, status: error.status_code };
    const code = STYTCH_ERROR_CODES[error.error_type] ?? (error.status_code >= 500 ? 'unavailable' : 'unknown');
    return new AuthError(code, details);
  }
  if (error instanceof RequestError) {
    // A body that is not JSON comes from something between us and Stytch (a proxy's error page).
    const code = error.message.startsWith('Unable to parse JSON') ? 'unavailable' : 'unreachable';
    return new AuthError(code, { errorType: 'request_error' });
  }
  return new AuthError('unknown');
}

async function call<T>(request: () => Promise<T>): Promise<T> {
  const { STYTCH_TIMEOUT_MS } = getEnv();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AuthError('timeout', { errorType: 'timeout' })), STYTCH_TIMEOUT_MS);
  });
  try {
    return await Promise.race([request(), timeout]);
  } catch (error) {
    throw toAuthError(error);
  } finally {
    clearTimeout(timer);
  }
}

/** A live Stytch session, as checked just now; `jwt` is a fresh one when Stytch itself was asked. */
export type CheckedSession = {
  userId: string;
  sessionId: string;
  startedAt: string;
  expiresAt: string;
  jwt: string;
  refreshed: boolean;
};

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
      stytch().sessions.authenticateJwt({ session_jwt: jwt, max_token_age_seconds: maxAgeSeconds }),
    );
    const checked = toCheckedSession(result.session, result.session_jwt, result.session_jwt !== jwt);
    if (!checked.refreshed) rememberVerdict(jwt, maxAgeSeconds, checked);
    return checked;
  } catch (error) {
    const authError = toAuthError(error);
    // Stytch answered that the session is over; anything else (down, slow, rate limited) is not a verdict.
    const { status } = authError.details;
    if (status !== undefined && status < 500 && status !== 429) return null;
    const session = await stytch()
      .sessions.authenticateJwtLocal({ session_jwt: jwt })
      .catch(() => null);
    if (!session) throw authError;
    return toCheckedSession(session, jwt, false);
  }
}

/*
 * JWTs this process has verified, with the session each holds. The proxy and then the page check the same JWT in
 * one request (separate module copies, so React's cache() cannot span them), and a browser sends it again with its
 * next requests; each local check is an RS256 verification. The verdict on one exact JWT string cannot change
 * until its `exp` passes or it grows older than `maxAgeSeconds`, the two moments the local check looks at, so it is
 * kept until the first of them and never longer. Sessions this server ended are still refused at once: the caller
 * asks isRevoked() after every check. Verdicts of Stytch itself (a refreshed JWT) and of the fallback check while
 * Stytch is down are never kept.
 */
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

function toCheckedSession(session: Session, jwt: string, refreshed: boolean): CheckedSession {
  return {
    userId: session.user_id,
    sessionId: session.session_id,
    startedAt: session.started_at ?? '',
    expiresAt: session.expires_at ?? '',
    jwt,
    refreshed,
  };
}

/** Ends every session of a user, on every device. */
export async function revokeAllSessions(userId: string): Promise<void> {
  const { sessions } = await call(() => stytch().sessions.get({ user_id: userId }));
  await Promise.all(
    sessions.map((session) => call(() => stytch().sessions.revoke({ session_id: session.session_id }))),
  );
}

/** Ends a Stytch session everywhere: its token and every JWT minted for it stop working. */
export async function revokeSession(sessionToken: string): Promise<void> {
  await call(() => stytch().sessions.revoke({ session_token: sessionToken }));
}
