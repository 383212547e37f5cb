import { getEnv } from '@/lib/env';
import { sealData, unsealData } from 'iron-session';
import { cookies } from 'next/headers';
import { createHash } from 'node:crypto';
import 'server-only';
import { servesHttps } from './cookie';

/** The numbers this browser signed in to, as hashes: it may draw on the part of the country budget kept for them. */
type KnownDevice = { numbers: string[] };

const COOKIE_NAME = 'passcode-device';
const MAX_AGE_SECONDS = 180 * 24 * 3600;
// A browser shared by a household, not a list to collect: the oldest number goes first.
const MAX_NUMBERS = 5;

/** Whether this browser signed in to `phoneNumber` before (within the cookie's 180 days). */
export async function isKnownDevice(phoneNumber: string): Promise<boolean> {
  return (await read()).numbers.includes(numberHash(phoneNumber));
}

/**
 * Remembers, in a sealed cookie of its own, that this browser signed in to `phoneNumber`: sealed now, set when the
 * returned function is called (once the sign-in is recorded).
 */
export async function sealKnownDevice(phoneNumber: string): Promise<() => void> {
  const hash = numberHash(phoneNumber);
  const numbers = [hash, ...(await read()).numbers.filter((known) => known !== hash)].slice(0, MAX_NUMBERS);
  const [seal, cookieStore] = await Promise.all([
    sealData({ numbers } satisfies KnownDevice, { password: getEnv().SESSION_PASSWORD, ttl: MAX_AGE_SECONDS }),
    cookies(),
  ]);
  const secure = servesHttps();
  return () =>
    cookieStore.set(cookieName(secure), seal, {
      httpOnly: true,
      sameSite: 'lax',
      secure,
      path: '/',
      maxAge: MAX_AGE_SECONDS,
    });
}

async function read(): Promise<KnownDevice> {
  const seal = (await cookies()).get(cookieName(servesHttps()))?.value;
  if (!seal) return { numbers: [] };
  try {
    const { numbers } = await unsealData<Partial<KnownDevice>>(seal, { password: getEnv().SESSION_PASSWORD });
    return { numbers: Array.isArray(numbers) ? numbers.filter((hash) => typeof hash === 'string') : [] };
  } catch {
    return { numbers: [] };
  }
}

// Inside the seal, and hashed even there: the cookie holds no phone number.
function numberHash(phoneNumber: string): string {
  return createHash('sha256').update(phoneNumber).digest('base64url').slice(0, 16);
}

function cookieName(secure: boolean) {
  return secure ? `__Host-${COOKIE_NAME}` : COOKIE_NAME;
}
