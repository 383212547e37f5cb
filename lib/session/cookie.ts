import type { Challenge } from '@/lib/auth/challenge';
import { getEnv } from '@/lib/env';
import { processCache } from '@/lib/process';
import { sealData, unsealData } from 'iron-session';
import { cookies, headers } from 'next/headers';
import 'server-only';

/** The Stytch session of a signed-in person: just what checking and ending it needs, and no phone number. */
export type SignedIn = {
  userId: string;
  sessionId: string;
  token: string;
  jwt: string;
  startedAt: string;
  expiresAt: string;
};

type SessionData = { challenge?: Challenge; signedIn?: SignedIn };

/** Where the session cookie is read and written: Next's `cookies()` in actions, the request and response in the proxy. */
export type CookieJar = {
  secure: boolean;
  get(name: string): { value: string } | undefined;
  set(name: string, value: string, options: CookieOptions): void;
};

export type CookieOptions = { httpOnly: true; sameSite: 'lax'; secure: boolean; path: '/'; maxAge: number };

const COOKIE_NAME = 'passcode-session';
// Long enough for a few resends of a 10-minute code, short enough that a forgotten tab starts over.
const CHALLENGE_TTL_SECONDS = 30 * 60;

export async function getChallenge(jar?: CookieJar): Promise<Challenge | null> {
  return (await read(jar ?? (await requestCookieJar()))).challenge ?? null;
}

export async function getSignedIn(jar?: CookieJar): Promise<SignedIn | null> {
  return (await read(jar ?? (await requestCookieJar()))).signedIn ?? null;
}

/** Stores a new challenge; a signed-in session in the same cookie is kept until the code is verified. */
export async function saveChallenge(challenge: Challenge): Promise<void> {
  const jar = await requestCookieJar();
  await write(jar, { ...(await read(jar)), challenge }, CHALLENGE_TTL_SECONDS);
}

/** Replaces the challenge with the Stytch session it earned; the cookie then lives as long as the session. */
export async function saveSignedIn(signedIn: SignedIn, jar?: CookieJar): Promise<void> {
  const secondsLeft = Math.ceil((Date.parse(signedIn.expiresAt) - Date.now()) / 1000);
  await write(jar ?? (await requestCookieJar()), { signedIn }, Math.max(60, secondsLeft));
}

export async function clearSession(jar?: CookieJar): Promise<void> {
  const target = jar ?? (await requestCookieJar());
  target.set(cookieName(target), '', { ...cookieOptions(target), maxAge: 0 });
}

/** Removes a session cookie that cannot be unsealed (tampered, truncated, sealed with a retired password). */
export async function discardUnreadableSession(jar: CookieJar): Promise<void> {
  const seal = jar.get(cookieName(jar))?.value;
  if (seal && Object.keys(await read(jar)).length === 0) await clearSession(jar);
}

/** Next's cookie store for the current action or route handler. */
export async function requestCookieJar(): Promise<CookieJar> {
  const [cookieStore, requestHeaders] = await Promise.all([cookies(), headers()]);
  return {
    secure: requestHeaders.get('x-forwarded-proto') === 'https',
    get: (name) => cookieStore.get(name),
    set: (name, value, options) => cookieStore.set(name, value, options),
  };
}

async function read(jar: CookieJar): Promise<SessionData> {
  const seal = jar.get(cookieName(jar))?.value;
  if (!seal) return {};
  const known = unsealed.get(seal);
  if (known) return known;
  try {
    const data = await unsealData<SessionData>(seal, { password: passwords() });
    remember(seal, data);
    return data;
  } catch {
    // A cookie that cannot be unsealed (tampered, truncated, old password) means signed out, never a 500.
    return {};
  }
}

async function write(jar: CookieJar, data: SessionData, ttlSeconds: number) {
  // The seal expires with its cookie, so a copied cookie is worthless afterwards too.
  const seal = await sealData(data, { password: passwords(), ttl: ttlSeconds });
  // The page an action redirects to is rendered at once, and it reads this very seal.
  remember(seal, data);
  jar.set(cookieName(jar), seal, { ...cookieOptions(jar), maxAge: ttlSeconds });
}

/*
 * Seals this process has unsealed or written, with their data. Unsealing takes several WebCrypto calls (1–4 ms on a
 * busy 2-core machine), and one request reads its cookie up to three times: twice in the proxy, again in the page
 * or action, which load separate copies of this module, so React's cache() cannot span them. The browser then sends
 * the same cookie with its next requests. A seal is authenticated and never changes, so the same string stands for
 * the same data until it expires. Only seals that unsealed are kept, and only until their own expiry (iron accepts
 * them a minute longer), so nothing reads differently than it would through iron; a tampered one never matches.
 */
const unsealed = processCache<SessionData>('unsealed-seals');

function remember(seal: string, data: SessionData) {
  const expiresAt = sealExpiry(seal);
  if (expiresAt === null || Object.keys(data).length === 0) return;
  // Frozen: every reader of a seal shares this one object.
  const frozen: SessionData = Object.freeze({
    ...(data.challenge ? { challenge: Object.freeze({ ...data.challenge }) } : {}),
    ...(data.signedIn ? { signedIn: Object.freeze({ ...data.signedIn }) } : {}),
  });
  unsealed.set(seal, frozen, expiresAt);
}

// An iron seal is `Fe26.2*id*salt*iv*data*expiry*salt*hmac`, iron-session adds `~2`; the expiry is in milliseconds.
function sealExpiry(seal: string): number | null {
  const expiry = seal.split('~', 1)[0]?.split('*')[5];
  return expiry && /^\d+$/.test(expiry) ? Number(expiry) : null;
}

// `__Host-` binds the cookie to this exact host over HTTPS; browsers refuse the prefix on plain http.
function cookieName(jar: CookieJar) {
  return jar.secure ? `__Host-${COOKIE_NAME}` : COOKIE_NAME;
}

function cookieOptions(jar: CookieJar): Omit<CookieOptions, 'maxAge'> {
  return { httpOnly: true, sameSite: 'lax', secure: jar.secure, path: '/' };
}

function passwords() {
  return getEnv().SESSION_PASSWORD;
}
