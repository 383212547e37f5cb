import { AuthError, type AuthErrorCode } from '@/lib/auth/errors';
import { getEnv } from '@/lib/env';
import type { Locale } from '@/lib/i18n/locales';
import 'server-only';
import { Client, RequestError, StytchError, type Session } from 'stytch';
import { Agent } from 'undici';

/** A Stytch session as the app keeps it (in the cookie): what checking and ending it needs, and no phone number. */
export type StytchSession = {
  userId: string;
  sessionId: string;
  token: string;
  jwt: string;
  startedAt: string;
  expiresAt: string;
};

// One per module copy, not per process: toAuthError recognises the errors of this copy's `stytch` classes only.
let client: Client | undefined;

/** The Stytch client of this module copy. */
export function stytchClient(): Client {
  client ??= createClient();
  return client;
}

function createClient(): Client {
  const env = getEnv();
  const url = env.STYTCH_API_URL;
  return new Client({
    project_id: env.STYTCH_PROJECT_ID,
    secret: env.STYTCH_SECRET,
    // The client only takes https in `custom_base_url`; a plain-http emulator goes in `env`.
    ...(url?.startsWith('https://') ? { custom_base_url: url } : url ? { env: url } : {}),
    // The client's own `timeout` is ignored; the dispatcher tears down a request the race in call() gave up on.
    dispatcher: new Agent({
      connectTimeout: env.STYTCH_TIMEOUT_MS,
      headersTimeout: env.STYTCH_TIMEOUT_MS + 1_000,
      bodyTimeout: env.STYTCH_TIMEOUT_MS + 1_000,
    }),
  });
}

/** Runs one Stytch request within STYTCH_TIMEOUT_MS; whatever it throws comes out as an AuthError. */
export async function call<T>(request: () => Promise<T>): Promise<T> {
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

/** A Stytch session in the app's words; the SDK types its timestamps optional, and a missing one reads as now. */
export function fromStytchSession(session: Session, jwt: string): Omit<StytchSession, 'token'> {
  const now = new Date().toISOString();
  return {
    userId: session.user_id,
    sessionId: session.session_id,
    jwt,
    startedAt: session.started_at ?? now,
    expiresAt: session.expires_at ?? now,
  };
}

type StytchLocale = NonNullable<Parameters<Client['otps']['sms']['send']>[0]['locale']>;

// The language Stytch writes the SMS in, for each language of the screens: only these ever reach Stytch.
const STYTCH_LOCALES = {
  en: 'en',
  es: 'es',
  'pt-br': 'pt-br',
  fr: 'fr',
  it: 'it',
  'de-DE': 'de-DE',
  'zh-Hans': 'zh-Hans',
  'ca-ES': 'ca-ES',
} as const satisfies Record<Locale, StytchLocale>;

/** The Stytch SMS locale for a language of the screens; anything else (a forged value) gets English. */
export function toStytchLocale(locale: Locale): (typeof STYTCH_LOCALES)[Locale] {
  return Object.hasOwn(STYTCH_LOCALES, locale) ? STYTCH_LOCALES[locale] : STYTCH_LOCALES.en;
}

/** Sends a passcode by SMS, creating a pending Stytch user for a number it has never seen. */
export async function sendSmsCode(request: {
  phoneNumber: string;
  expirationMinutes: number;
  /** The language of the screens, which the SMS is written in too. */
  locale: Locale;
  ipAddress?: string;
  userAgent?: string;
}): Promise<{ phoneId: string; userId: string; userCreated: boolean }> {
  const response = await call(() =>
    stytchClient().otps.sms.loginOrCreate({
      phone_number: request.phoneNumber,
      expiration_minutes: request.expirationMinutes,
      locale: toStytchLocale(request.locale),
      create_user_as_pending: true,
      attributes: { ip_address: request.ipAddress, user_agent: request.userAgent },
    }),
  );
  return { phoneId: response.phone_id, userId: response.user_id, userCreated: response.user_created };
}

/** Sends a passcode by SMS to a number of the signed-in user, named by their session. */
export async function sendSessionSmsCode(request: {
  phoneNumber: string;
  sessionToken: string;
  expirationMinutes: number;
  locale: Locale;
  ipAddress?: string;
  userAgent?: string;
}): Promise<{ phoneId: string; userId: string; userCreated: boolean }> {
  const response = await call(() =>
    stytchClient().otps.sms.send({
      phone_number: request.phoneNumber,
      session_token: request.sessionToken,
      expiration_minutes: request.expirationMinutes,
      locale: toStytchLocale(request.locale),
      attributes: { ip_address: request.ipAddress, user_agent: request.userAgent },
    }),
  );
  return { phoneId: response.phone_id, userId: response.user_id, userCreated: false };
}

// The claim that names the verify which started a session: an answer that never reached the app can be found by it.
const ATTEMPT_CLAIM = 'verify_attempt';

/** Checks a passcode and starts a Stytch session of the given length, marked with the verify's `attemptId`. */
export async function authenticateCode(request: {
  phoneId: string;
  code: string;
  sessionDurationMinutes: number;
  attemptId: string;
  ipAddress?: string;
  userAgent?: string;
  /** Given when a signed-in person proves it again: Stytch refreshes that session's factor instead of a new one. */
  sessionToken?: string;
}): Promise<StytchSession> {
  const response = await call(() =>
    stytchClient().otps.authenticate({
      method_id: request.phoneId,
      code: request.code,
      session_duration_minutes: request.sessionDurationMinutes,
      // A fresh check refreshes the session it names; only a new session carries the claim that finds an orphan.
      ...(request.sessionToken
        ? { session_token: request.sessionToken }
        : { session_custom_claims: { [ATTEMPT_CLAIM]: request.attemptId } }),
      // Stytch keeps them on the session, so the account page can name the device.
      attributes: { ip_address: request.ipAddress, user_agent: request.userAgent },
    }),
  );
  if (!response.session)
    throw new AuthError('unavailable', { requestId: response.request_id, errorType: 'missing_session' });
  return { ...fromStytchSession(response.session, response.session_jwt), token: response.session_token };
}

/** When a locked user may try again, or null when Stytch does not say. */
export async function getLockExpiry(userId: string): Promise<Date | null> {
  try {
    const user = await call(() => stytchClient().users.get({ user_id: userId }));
    return user.lock_expires_at ? new Date(user.lock_expires_at) : null;
  } catch {
    return null;
  }
}

/**
 * Whether the phone waits unverified on a user who signs in with another, verified number: a number change under way
 * (`otps.sms.send` with a session attaches it so), not the user's own way in.
 */
export async function isUnverifiedNewNumber(userId: string, phoneId: string): Promise<boolean> {
  const { phone_numbers: phones } = await call(() => stytchClient().users.get({ user_id: userId }));
  const phone = phones.find((candidate) => candidate.phone_id === phoneId);
  return phone?.verified === false && phones.some((candidate) => candidate.verified);
}

/** Ends a Stytch session everywhere: its token and every JWT minted for it stop working. */
export async function revokeSession(sessionToken: string): Promise<void> {
  await call(() => stytchClient().sessions.revoke({ session_token: sessionToken }));
}

/** Ends a Stytch session by its id (what the retry queue keeps, no secret); one Stytch no longer knows is ended. */
export async function revokeSessionById(sessionId: string): Promise<void> {
  try {
    await call(() => stytchClient().sessions.revoke({ session_id: sessionId }));
  } catch (error) {
    if (toAuthError(error).details.errorType !== 'session_not_found') throw error;
  }
}

/** Ends the sessions a verify started (one whose answer the app never got); how many there were. */
export async function revokeSessionsOfAttempt(userId: string, attemptId: string): Promise<number> {
  const { sessions } = await call(() => stytchClient().sessions.get({ user_id: userId }));
  const orphans = sessions.filter((session) => session.custom_claims?.[ATTEMPT_CLAIM] === attemptId);
  await Promise.all(orphans.map((session) => revokeSessionById(session.session_id)));
  return orphans.length;
}

/** Ends every session of a user, on every device. */
export async function revokeAllSessions(userId: string): Promise<void> {
  const sessions = await listSessions(userId);
  await Promise.all(sessions.map((session) => revokeSessionById(session.sessionId)));
}

/** Deletes the Stytch user: their phone numbers, and every session and JWT they had, go with them. */
export async function deleteUser(userId: string): Promise<void> {
  await call(() => stytchClient().users.delete({ user_id: userId }));
}

/** Removes a phone number from its user; one Stytch no longer knows is already removed. */
export async function deletePhoneNumber(phoneId: string): Promise<void> {
  try {
    await call(() => stytchClient().users.deletePhoneNumber({ phone_id: phoneId }));
  } catch (error) {
    if (toAuthError(error).details.errorType !== 'phone_number_not_found') throw error;
  }
}

/** A live session of a user as Stytch lists it: when it began, when it was last used, and from which browser. */
export type UserSession = {
  sessionId: string;
  startedAt: string;
  lastActiveAt: string;
  userAgent?: string;
  /** When this session last proved the phone with a code. */
  phoneVerifiedAt?: string;
};

/** The user's live sessions, on every device. */
export async function listSessions(userId: string): Promise<UserSession[]> {
  const { sessions } = await call(() => stytchClient().sessions.get({ user_id: userId }));
  const now = new Date().toISOString();
  return sessions.map((session) => ({
    sessionId: session.session_id,
    startedAt: session.started_at ?? now,
    lastActiveAt: session.last_accessed_at ?? session.started_at ?? now,
    userAgent: session.attributes?.user_agent || undefined,
    // The newest of its phone factors: a changed number adds one beside the old number's.
    phoneVerifiedAt: session.authentication_factors
      .filter((factor) => factor.delivery_method === 'sms')
      .map((factor) => factor.last_authenticated_at)
      .sort()
      .at(-1),
  }));
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
  // A number can belong to one user only: another account's is refused, never merged.
  duplicate_phone_number: 'phone_taken',
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
