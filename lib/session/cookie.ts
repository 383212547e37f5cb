import { fixedWidth, type Challenge } from '@/lib/auth/challenge';
import { getEnv } from '@/lib/env';
import { processCache } from '@/lib/process';
import type { StytchSession } from '@/lib/stytch/client';
import { sealData, unsealData } from 'iron-session';
import { cookies } from 'next/headers';
import type { NextRequest, NextResponse } from 'next/server';
import 'server-only';

type SessionData = { challenge?: Challenge; signedIn?: StytchSession };

/** Where the session cookie is read and written: Next's `cookies()` in actions, the request/response in the proxy. */
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

export async function getSignedIn(jar?: CookieJar): Promise<StytchSession | null> {
  return (await read(jar ?? (await requestCookieJar()))).signedIn ?? null;
}

/** Stores a new challenge; a signed-in session in the same cookie is kept until the code is verified. */
export async function saveChallenge(challenge: Challenge, jar?: CookieJar): Promise<void> {
  const target = jar ?? (await requestCookieJar());
  const current = await read(target);
  // Padded when it is all the cookie holds; beside a session (a fresh check) it would pass the 4 KB browsers keep.
  await write(
    target,
    { ...current, challenge: current.signedIn ? challenge : fixedWidth(challenge) },
    CHALLENGE_TTL_SECONDS,
  );
}

/**
 * Replaces the challenge with the Stytch session it earned; the cookie then lives as long as the session. A JWT
 * refresh passes `keepChallenge`: a code the signed-in person is asked for (reverification) stays pending.
 */
export async function saveSignedIn(
  session: StytchSession,
  jar?: CookieJar,
  options: { keepChallenge?: boolean } = {},
): Promise<void> {
  (await sealSignedIn(session, jar, options))();
}

/**
 * Seals the session now and sets the cookie when the returned function is called: a sign-in seals while its user is
 * recorded, and sets nothing if that fails.
 */
export async function sealSignedIn(
  session: StytchSession,
  jar?: CookieJar,
  { keepChallenge = false } = {},
): Promise<() => void> {
  // These fields and no others, whatever the object carries: the cookie never holds a phone number.
  const { userId, sessionId, token, jwt, startedAt, expiresAt } = session;
  const signedIn: StytchSession = { userId, sessionId, token, jwt, startedAt, expiresAt };
  const secondsLeft = Math.ceil((Date.parse(expiresAt) - Date.now()) / 1000);
  const target = jar ?? (await requestCookieJar());
  const challenge = keepChallenge ? (await read(target)).challenge : undefined;
  return seal(target, challenge ? { signedIn, challenge } : { signedIn }, Math.max(60, secondsLeft));
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

/**
 * The proxy's jar: it writes the request's cookies, so the page behind sees them in this same request, and
 * `writeTo` copies those writes onto the response.
 */
export function proxyCookieJar(request: NextRequest): CookieJar & { writeTo(response: NextResponse): void } {
  const written: { name: string; value: string; options: CookieOptions }[] = [];
  return {
    secure: servesHttps(),
    get: (name) => request.cookies.get(name),
    set: (name, value, options) => {
      if (value) request.cookies.set(name, value);
      else request.cookies.delete(name);
      written.push({ name, value, options });
    },
    writeTo: (response) => {
      for (const { name, value, options } of written) response.cookies.set(name, value, options);
    },
  };
}

/** Next's cookie store for the current action or route handler. */
async function requestCookieJar(): Promise<CookieJar> {
  const cookieStore = await cookies();
  return {
    secure: servesHttps(),
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
  (await seal(jar, data, ttlSeconds))();
}

async function seal(jar: CookieJar, data: SessionData, ttlSeconds: number): Promise<() => void> {
  // The seal expires with its cookie, so a copied cookie is worthless afterwards too.
  const sealed = await sealData(data, { password: passwords(), ttl: ttlSeconds });
  return () => {
    // The page an action redirects to is rendered at once, and it reads this very seal.
    remember(sealed, data);
    jar.set(cookieName(jar), sealed, { ...cookieOptions(jar), maxAge: ttlSeconds });
  };
}

// Seals this process unsealed or wrote, until their own expiry: one request reads its cookie up to three times, in
// separate module copies. A seal is authenticated and never changes, so neither does its data (README, Sessions).
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

// The configured public origin decides, never a request header a client could write; Vercel serves only HTTPS.
export function servesHttps() {
  const { APP_ORIGIN, VERCEL, VERCEL_ENV } = getEnv();
  if (APP_ORIGIN) return new URL(APP_ORIGIN).protocol === 'https:';
  return VERCEL && VERCEL_ENV !== 'development';
}

function passwords() {
  return getEnv().SESSION_PASSWORD;
}
