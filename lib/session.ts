import 'server-only';
import { getIronSession, type IronSession, type SessionOptions } from 'iron-session';
import { cookies, headers } from 'next/headers';
import { getEnv } from './env';

/** A sent code waiting to be verified. Lives only in the sealed cookie: never in a URL, a field or a response. */
export type Challenge = {
  phoneId: string;
  userId: string;
  userCreated: boolean;
  phoneNumber: string;
  sentAt: number;
  expiresAt: number;
  next?: string;
};

/** The Stytch session of a signed-in person: just what checking and ending it needs. */
export type SignedIn = {
  userId: string;
  sessionId: string;
  token: string;
  jwt: string;
  startedAt: string;
  expiresAt: string;
};

type SessionData = { challenge?: Challenge; signedIn?: SignedIn };

const COOKIE_NAME = 'passcode-session';
// Long enough for a few resends of a 10-minute code, short enough that a forgotten tab starts over.
const CHALLENGE_TTL_SECONDS = 30 * 60;

export async function getChallenge(): Promise<Challenge | null> {
  return (await openSession()).challenge ?? null;
}

export async function getSignedIn(): Promise<SignedIn | null> {
  return (await openSession()).signedIn ?? null;
}

/** Stores a new challenge; a signed-in session in the same cookie is kept until the code is verified. */
export async function saveChallenge(challenge: Challenge): Promise<void> {
  const session = await openSession();
  session.challenge = challenge;
  await save(session, CHALLENGE_TTL_SECONDS);
}

/** Replaces the challenge with the Stytch session it earned; the cookie then lives as long as the session. */
export async function saveSignedIn(signedIn: SignedIn): Promise<void> {
  const session = await openSession();
  delete session.challenge;
  session.signedIn = signedIn;
  await save(session, Math.max(60, Math.ceil((Date.parse(signedIn.expiresAt) - Date.now()) / 1000)));
}

export async function clearSession(): Promise<void> {
  (await openSession()).destroy();
}

async function save(session: IronSession<SessionData>, ttlSeconds: number) {
  // iron-session sets max-age to ttl minus a minute, so the cookie never outlives what it holds.
  session.updateConfig({ ...(await sessionOptions()), ttl: ttlSeconds + 60 });
  await session.save();
}

async function sessionOptions(): Promise<SessionOptions> {
  const secure = (await headers()).get('x-forwarded-proto') === 'https';
  return {
    // `__Host-` binds the cookie to this exact host over HTTPS; browsers refuse the prefix on plain http.
    cookieName: secure ? `__Host-${COOKIE_NAME}` : COOKIE_NAME,
    password: getEnv().SESSION_PASSWORD,
    ttl: CHALLENGE_TTL_SECONDS,
    cookieOptions: { httpOnly: true, sameSite: 'lax', secure, path: '/' },
  };
}

async function openSession(): Promise<IronSession<SessionData>> {
  const cookieStore = await cookies();
  const options = await sessionOptions();
  try {
    return await getIronSession<SessionData>(cookieStore, options);
  } catch {
    // A cookie that cannot be unsealed (tampered, truncated, old password) means signed out, never a 500.
    const withoutCookie = {
      get: (name: string) => (name === options.cookieName ? undefined : cookieStore.get(name)),
      set: cookieStore.set.bind(cookieStore),
    };
    return getIronSession<SessionData>(withoutCookie, options);
  }
}
