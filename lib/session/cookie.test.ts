import { unsealData } from 'iron-session';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  clearSession,
  discardUnreadableSession,
  getSignedIn,
  saveChallenge,
  saveSignedIn,
  sealSignedIn,
  type CookieJar,
  type CookieOptions,
} from './cookie';

const PASSWORD = 'p'.repeat(32);

beforeAll(() => {
  vi.stubEnv('NODE_ENV', 'production');
  vi.stubEnv('STYTCH_PROJECT_ID', 'project-test-session');
  vi.stubEnv('STYTCH_SECRET', 'secret-test-session');
  vi.stubEnv('SESSION_PASSWORD', PASSWORD);
});

function jar(secure: boolean) {
  const cookies = new Map<string, { value: string; options: CookieOptions }>();
  const cookieJar: CookieJar = {
    secure,
    get: (name) => cookies.get(name),
    set: (name, value, options) => cookies.set(name, { value, options }),
  };
  return { cookieJar, cookies };
}

const signedIn = {
  userId: 'user-test-1',
  sessionId: 'session-test-1',
  token: 'token-abc',
  jwt: 'jwt-abc',
  startedAt: new Date().toISOString(),
  expiresAt: new Date(Date.now() + 3600_000).toISOString(),
};

describe('the session cookie', () => {
  it('holding a challenge has one size, for a new or a known account and for any `next`', async () => {
    const sealLength = async (userCreated: boolean, next?: string) => {
      const { cookieJar, cookies } = jar(true);
      const challenge = {
        phoneId: 'phone-number-test-00000000-0000-4000-8000-000000000001',
        userId: 'user-test-00000000-0000-4000-8000-000000000001',
        phoneNumber: '+12015550123',
        sentAt: Date.now(),
        expiresAt: Date.now() + 120_000,
        userCreated,
        ...(next ? { next } : {}),
      };
      await saveChallenge(challenge, cookieJar);
      return cookies.get('__Host-passcode-session')?.value.length;
    };
    const lengths = await Promise.all([
      sealLength(true),
      sealLength(false),
      sealLength(false, '/account'),
      sealLength(true, `/${'a'.repeat(511)}`),
    ]);
    expect(new Set(lengths).size).toBe(1);
  });

  it('over HTTPS is a __Host- cookie: Secure, HttpOnly, SameSite=Lax, whole site, living as long as the session', async () => {
    const { cookieJar, cookies } = jar(true);
    await saveSignedIn(signedIn, cookieJar);
    const cookie = cookies.get('__Host-passcode-session');
    expect(cookie?.options).toEqual({ httpOnly: true, sameSite: 'lax', secure: true, path: '/', maxAge: 3600 });
    expect(await getSignedIn(cookieJar)).toEqual(signedIn);
  });

  it('sealed for a sign-in still being recorded, is set only when that sign-in calls for it', async () => {
    const { cookieJar, cookies } = jar(true);
    const setSignedIn = await sealSignedIn(signedIn, cookieJar);
    expect(cookies.size).toBe(0);
    setSignedIn();
    expect(await getSignedIn(cookieJar)).toEqual(signedIn);
  });

  it('is encrypted: the token it holds cannot be read from its value', async () => {
    const { cookieJar, cookies } = jar(true);
    await saveSignedIn(signedIn, cookieJar);
    const seal = cookies.get('__Host-passcode-session')?.value ?? '';
    expect(await unsealData(seal, { password: PASSWORD })).toMatchObject({ signedIn: { token: 'token-abc' } });
    expect(seal).not.toContain('token-abc');
  });

  it('once signed in holds the Stytch session and nothing else: no phone number', async () => {
    const { cookieJar, cookies } = jar(true);
    const phoneNumber = '+12015550123';
    await saveChallenge(
      { phoneId: 'phone-test-1', userId: signedIn.userId, phoneNumber, sentAt: 1, expiresAt: 2, userCreated: false },
      cookieJar,
    );
    // As a careless caller might pass it: the session with the number still attached.
    const sessionWithNumber = { ...signedIn, phoneNumber };
    await saveSignedIn(sessionWithNumber, cookieJar);

    const data = await unsealData<Record<string, Record<string, unknown>>>(
      cookies.get('__Host-passcode-session')?.value ?? '',
      { password: PASSWORD },
    );
    expect(Object.keys(data)).toEqual(['signedIn']);
    expect(Object.keys(data.signedIn ?? {}).sort()).toEqual([
      'expiresAt',
      'jwt',
      'sessionId',
      'startedAt',
      'token',
      'userId',
    ]);
    for (const value of Object.values(data.signedIn ?? {})) {
      expect(String(value)).not.toContain(phoneNumber);
      expect(String(value)).not.toContain(phoneNumber.slice(2));
    }
  });

  it('over plain http (local development) drops the prefix and Secure, which browsers would refuse there', async () => {
    const { cookieJar, cookies } = jar(false);
    await saveSignedIn(signedIn, cookieJar);
    expect(cookies.get('passcode-session')?.options).toMatchObject({ secure: false, httpOnly: true });
  });

  it('that was tampered with, truncated or sealed with another password reads as signed out', async () => {
    const { cookieJar, cookies } = jar(true);
    await saveSignedIn(signedIn, cookieJar);
    const sealed = cookies.get('__Host-passcode-session')!;
    for (const value of [`${sealed.value.slice(0, -4)}AAAA`, sealed.value.slice(0, 40), 'not-a-seal', '']) {
      cookies.set('__Host-passcode-session', { ...sealed, value });
      expect(await getSignedIn(cookieJar)).toBeNull();
    }
  });

  it('that cannot be unsealed is removed, and a good one kept', async () => {
    const { cookieJar, cookies } = jar(true);
    await saveSignedIn(signedIn, cookieJar);
    await discardUnreadableSession(cookieJar);
    expect(await getSignedIn(cookieJar)).toEqual(signedIn);
    const sealed = cookies.get('__Host-passcode-session')!;
    cookies.set('__Host-passcode-session', { ...sealed, value: `${sealed.value.slice(0, -4)}AAAA` });
    await discardUnreadableSession(cookieJar);
    expect(cookies.get('__Host-passcode-session')).toMatchObject({ value: '', options: { maxAge: 0 } });
  });

  it('is emptied and expired at sign-out', async () => {
    const { cookieJar, cookies } = jar(true);
    await saveSignedIn(signedIn, cookieJar);
    await clearSession(cookieJar);
    expect(cookies.get('__Host-passcode-session')).toMatchObject({ value: '', options: { maxAge: 0 } });
  });
});

describe('a seal read again', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('gives the same data without unsealing it again, and that data cannot be changed by a reader', async () => {
    const { cookieJar } = jar(true);
    await saveSignedIn(signedIn, cookieJar);
    const first = await getSignedIn(cookieJar);
    const second = await getSignedIn(cookieJar);
    expect(second).toEqual(signedIn);
    expect(second).toBe(first);
    expect(Object.isFrozen(second)).toBe(true);
  });

  it('still expires with its cookie', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { cookieJar } = jar(true);
    // The shortest cookie the session keeps: one minute.
    await saveSignedIn({ ...signedIn, expiresAt: new Date(Date.now() + 1000).toISOString() }, cookieJar);
    expect(await getSignedIn(cookieJar)).toEqual(expect.objectContaining({ sessionId: signedIn.sessionId }));
    // Past the seal's expiry and iron's minute of clock skew.
    vi.setSystemTime(Date.now() + 3 * 60_000);
    expect(await getSignedIn(cookieJar)).toBeNull();
  });

  it('that was tampered with reads as signed out even right after the good one was read', async () => {
    const { cookieJar, cookies } = jar(true);
    await saveSignedIn(signedIn, cookieJar);
    expect(await getSignedIn(cookieJar)).toEqual(signedIn);
    const sealed = cookies.get('__Host-passcode-session')!;
    cookies.set('__Host-passcode-session', { ...sealed, value: `${sealed.value.slice(0, -4)}AAAA` });
    expect(await getSignedIn(cookieJar)).toBeNull();
  });
});
