import { getUserByStytchId } from '@/lib/db/users';
import { getEnv } from '@/lib/env';
import { logAuthFailure } from '@/lib/log';
import { formatPhone, toNationalInput } from '@/lib/phone/format';
import { getPhoneRules } from '@/lib/phone/metadata';
import { processCache } from '@/lib/process';
import { checkSession } from '@/lib/stytch/check-session';
import { toAuthError, type StytchSession } from '@/lib/stytch/client';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import 'server-only';
import {
  clearSession,
  discardUnreadableSession,
  getChallenge,
  getSignedIn,
  saveSignedIn,
  type CookieJar,
} from './cookie';
import { isRevoked } from './revocations';

export type CurrentUser = Pick<StytchSession, 'userId' | 'sessionId' | 'startedAt' | 'expiresAt'>;

/** The code waiting to be verified in this browser, or null. */
export const getPendingChallenge = cache(async () => getChallenge());

/**
 * Who is signed in, or null: every page, action and route asks this, once per request. A fresh JWT is checked
 * locally; an older one with Stytch (the proxy has usually done that already and kept the fresh JWT).
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => resolveSession());

/**
 * For the proxy, which may write cookies: checks the session in `jar`, keeps a JWT Stytch refreshed, and
 * clears a session that is over, so the page behind it sees the outcome in the same request.
 */
export async function syncSessionCookie(jar: CookieJar): Promise<CurrentUser | null> {
  await discardUnreadableSession(jar);
  return resolveSession(jar);
}

/** The signed-in user, or a redirect to the login page that comes back to `path`. */
export async function requireUser(path: string): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect(`/login?next=${encodeURIComponent(path)}`);
  return user;
}

/** The signed-in user with what the app keeps of them, or a redirect to the login page that comes back to `path`. */
export async function requireAccount(path: string) {
  const user = await requireUser(path);
  const record = await getUserByStytchId(user.userId);
  return {
    ...user,
    phoneNumber: record ? displayPhone(record.phoneNumber) : null,
    memberSince: record?.createdAt ?? null,
  };
}

// Formatting a number costs more than the rest of the page's account lookup, and a person's number rarely changes.
const displayedPhones = processCache<string>('displayed-phones');
const HOUR_MS = 3_600_000;

// The number as its own country writes it, "(201) 555-0123": the way the person typed it.
function displayPhone(e164: string) {
  const known = displayedPhones.get(e164);
  if (known) return known;
  const { metadata } = getPhoneRules();
  const displayed = toNationalInput(e164, metadata)?.national ?? formatPhone(e164, metadata);
  displayedPhones.set(e164, displayed, Date.now() + HOUR_MS);
  return displayed;
}

async function resolveSession(writableJar?: CookieJar): Promise<CurrentUser | null> {
  const signedIn = await getSignedIn(writableJar);
  if (!signedIn) return null;
  try {
    const checked = await checkSession(signedIn.jwt, getEnv().SESSION_JWT_MAX_AGE_SECONDS);
    if (!checked || (await isRevoked(checked))) {
      if (writableJar) await clearSession(writableJar);
      return null;
    }
    if (checked.refreshed && writableJar) {
      const refreshed = { ...signedIn, jwt: checked.jwt, expiresAt: checked.expiresAt };
      await saveSignedIn(refreshed, writableJar, { keepChallenge: true });
    }
    const { userId, sessionId, startedAt, expiresAt } = checked;
    return { userId, sessionId, startedAt, expiresAt };
  } catch (error) {
    // Stytch is unreachable and the JWT too old to trust alone: signed out for now, but the cookie stays.
    logAuthFailure('check_session', toAuthError(error));
    return null;
  }
}
