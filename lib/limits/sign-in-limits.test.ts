import { DEFAULT_LIMIT_ENV } from '@/test-support/limits';
import { redisForThisFile, testRedisUrl } from '@/test-support/redis';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  createSignInLimits,
  nextWrongCodeWait,
  type SendRequest,
  type SignInLimits,
  type VerifyAttempt,
} from './sign-in-limits';

const SETTINGS = DEFAULT_LIMIT_ENV;
// Cooldown off where a test sends many codes to one number on purpose.
const NO_COOLDOWN = { ...SETTINGS, OTP_RESEND_COOLDOWN_SECONDS: 0 };

const { stores, connect: redisClient } = redisForThisFile();

// Every test uses numbers and addresses of its own, so runs against a shared Redis never meet.
const unique = () => randomUUID().slice(0, 8);
const send = (phoneNumber: string, ip?: string, callingCode = `cc-${phoneNumber}`) => ({
  phoneNumber,
  ip,
  callingCode,
});

// A try reserved before Stytch and found wrong, as the sign-in flow does it; a refused try never reaches Stytch.
async function guessWrong(limits: SignInLimits, attempt: VerifyAttempt) {
  const reserved = await limits.reserveTry(attempt);
  return 'reason' in reserved ? { attemptsLeft: 0, refusal: reserved } : limits.recordWrongCode(attempt, reserved);
}

describe.each(stores)('rate limits in %s', (_, store) => {
  it('lets one code through per cooldown for a number', async () => {
    const limits = createSignInLimits(SETTINGS, store());
    const phone = `+1${unique()}`;
    expect(await limits.allowSend(send(phone))).toBeNull();
    expect(await limits.allowSend(send(phone))).toMatchObject({ reason: 'cooldown', retryAfterSeconds: 30 });
    expect(await limits.allowSend(send(`+1${unique()}`))).toBeNull();
  });

  it('gives back a send Stytch did not make, and ends the cooldown after a verified sign-in', async () => {
    const limits = createSignInLimits(SETTINGS, store());
    const request = send(`+1${unique()}`, `203.0.113.${unique()}`);
    expect(await limits.allowSend(request)).toBeNull();
    await limits.refundSend(request);
    expect(await limits.allowSend(request)).toBeNull();
    expect(await limits.allowSend(request)).toMatchObject({ reason: 'cooldown' });
    await limits.endCooldown(request.phoneNumber);
    expect(await limits.allowSend(request)).toBeNull();
  });

  it('caps the codes one number gets per hour', async () => {
    const limits = createSignInLimits(NO_COOLDOWN, store());
    const phone = `+1${unique()}`;
    for (let sent = 0; sent < 5; sent++) expect(await limits.allowSend(send(phone))).toBeNull();
    const refusal = await limits.allowSend(send(phone));
    expect(refusal?.reason).toBe('phone');
    expect(refusal?.retryAfterSeconds).toBeGreaterThan(3000);
  });

  it('caps the codes one number gets per day, beyond the hourly cap', async () => {
    const limits = createSignInLimits({ ...NO_COOLDOWN, SMS_SENDS_PER_PHONE_PER_HOUR: 100 }, store());
    const phone = `+1${unique()}`;
    for (let sent = 0; sent < 10; sent++) expect(await limits.allowSend(send(phone))).toBeNull();
    expect((await limits.allowSend(send(phone)))?.retryAfterSeconds).toBeGreaterThan(23 * 3600);
  });

  it('caps the codes one address asks for, whatever the numbers', async () => {
    const limits = createSignInLimits(SETTINGS, store());
    const ip = `203.0.113.${unique()}`;
    for (let sent = 0; sent < 20; sent++) expect(await limits.allowSend(send(`+1${unique()}`, ip))).toBeNull();
    expect(await limits.allowSend(send(`+1${unique()}`, ip))).toMatchObject({ reason: 'ip' });
    expect(await limits.allowSend(send(`+1${unique()}`, `203.0.113.${unique()}`))).toBeNull();
  });

  describe('the country budget of unverified sends (10 here: a proof past 5, new senders up to 8)', () => {
    const COUNTRY = { ...SETTINGS, SMS_SENDS_PER_COUNTRY_PER_HOUR: 10 };
    // A new sender each time: its own number and address, so only the country's budget is shared.
    const fromNewSender = (country: string, how: Partial<SendRequest> = {}) =>
      ({ ...send(`+1${unique()}`, `203.0.113.${unique()}`, country), ...how }) satisfies SendRequest;

    it('asks new senders for a proof of work once it runs hot, and keeps its last fifth for known browsers', async () => {
      const limits = createSignInLimits(COUNTRY, store());
      const country = `cc-${unique()}`;
      for (let sent = 0; sent < 5; sent++) expect(await limits.allowSend(fromNewSender(country))).toBeNull();
      expect(await limits.allowSend(fromNewSender(country))).toMatchObject({ reason: 'proof' });
      for (let sent = 0; sent < 3; sent++)
        expect(await limits.allowSend(fromNewSender(country, { proofOfWork: true }))).toBeNull();
      const refused = await limits.allowSend(fromNewSender(country, { proofOfWork: true }));
      expect(refused).toMatchObject({ reason: 'country' });
      expect(refused?.retryAfterSeconds).toBeGreaterThan(3000);
      for (let sent = 0; sent < 2; sent++)
        expect(await limits.allowSend(fromNewSender(country, { signedInBefore: true }))).toBeNull();
      expect(await limits.allowSend(fromNewSender(country, { signedInBefore: true }))).toMatchObject({
        reason: 'country',
      });
    });

    it('counts only unverified sends: a verified sign-in gives its send back', async () => {
      const limits = createSignInLimits(COUNTRY, store());
      const country = `cc-${unique()}`;
      for (let sent = 0; sent < 5; sent++) {
        expect(await limits.allowSend(fromNewSender(country))).toBeNull();
        await limits.recordVerified(country);
      }
      for (let sent = 0; sent < 5; sent++) expect(await limits.allowSend(fromNewSender(country))).toBeNull();
      expect(await limits.allowSend(fromNewSender(country))).toMatchObject({ reason: 'proof' });
    });

    it('counts only sends the number and the client allow: a client past its own cap spends none of it', async () => {
      const limits = createSignInLimits({ ...SETTINGS, SMS_SENDS_PER_COUNTRY_PER_HOUR: 50 }, store());
      const country = `cc-${unique()}`;
      const ip = `198.51.100.${unique()}`;
      const reasons = [];
      for (let sent = 0; sent < 100; sent++)
        reasons.push((await limits.allowSend(send(`+1${unique()}`, ip, country)))?.reason ?? 'sent');
      expect(reasons.filter((reason) => reason === 'sent')).toHaveLength(20);
      expect(new Set(reasons.slice(20))).toEqual(new Set(['ip']));
      // Its 20 of the 25 a new sender may send before a proof: five more go without one.
      for (let sent = 0; sent < 5; sent++) expect(await limits.allowSend(fromNewSender(country))).toBeNull();
      expect(await limits.allowSend(fromNewSender(country))).toMatchObject({ reason: 'proof' });
    });

    it('gives a send back to the country when Stytch did not make it', async () => {
      const limits = createSignInLimits(COUNTRY, store());
      const country = `cc-${unique()}`;
      for (let sent = 0; sent < 5; sent++) {
        const request = fromNewSender(country);
        expect(await limits.allowSend(request)).toBeNull();
        await limits.refundSend(request);
      }
      for (let sent = 0; sent < 5; sent++) expect(await limits.allowSend(fromNewSender(country))).toBeNull();
    });

    it('keeps its reserve through 40 concurrent new sends with a proof', async () => {
      const limits = createSignInLimits(COUNTRY, store());
      const country = `cc-${unique()}`;
      const results = await Promise.all(
        Array.from({ length: 40 }, () => limits.allowSend(fromNewSender(country, { proofOfWork: true }))),
      );
      expect(results.filter((refusal) => refusal === null)).toHaveLength(8);
      for (let sent = 0; sent < 2; sent++)
        expect(await limits.allowSend(fromNewSender(country, { signedInBefore: true }))).toBeNull();
    });
  });

  it('allows five tries per live code, counting down, then none until a new code is sent', async () => {
    const limits = createSignInLimits(SETTINGS, store());
    const attempt = { phoneNumber: `+1${unique()}`, ip: `203.0.113.${unique()}` };
    for (const left of [4, 3, 2, 1])
      expect(await guessWrong(limits, attempt)).toEqual({ attemptsLeft: left, refusal: null });
    expect(await guessWrong(limits, attempt)).toMatchObject({ attemptsLeft: 0, refusal: { reason: 'code_attempts' } });
    expect(await limits.reserveTry({ ...attempt, ip: `203.0.113.${unique()}` })).toMatchObject({
      reason: 'code_attempts',
    });
    await limits.startCode(attempt.phoneNumber);
    expect(await limits.reserveTry({ ...attempt, ip: `203.0.113.${unique()}` })).toMatchObject({ attemptsLeft: 4 });
  });

  it('lets no more than five of 25 concurrent tries of one live code through, from any number of clients', async () => {
    const limits = createSignInLimits(SETTINGS, store());
    const phoneNumber = `+1${unique()}`;
    const tries = await Promise.all(
      Array.from({ length: 25 }, (_, index) => limits.reserveTry({ phoneNumber, ip: `198.51.100.${index % 5}` })),
    );
    expect(tries.filter((reserved) => !('reason' in reserved))).toHaveLength(5);
  });

  it('gives a released try back: signing in costs the code, the client and the number nothing', async () => {
    const limits = createSignInLimits(SETTINGS, store());
    const attempt = { phoneNumber: `+1${unique()}`, ip: `203.0.113.${unique()}` };
    for (let signedIn = 0; signedIn < 8; signedIn++) {
      expect(await limits.reserveTry(attempt)).toMatchObject({ attemptsLeft: 4 });
      await limits.releaseTry(attempt);
    }
  });

  it('one client cannot lock a number: its own cap stops it, and another client may still try', async () => {
    const limits = createSignInLimits({ ...NO_COOLDOWN, CODE_ATTEMPTS_PER_CODE: 100 }, store());
    const phoneNumber = `+1${unique()}`;
    const attacker = { phoneNumber, ip: `198.51.100.${unique()}` };
    const outcomes = [];
    for (let guess = 0; guess < 20; guess++) outcomes.push(await guessWrong(limits, attacker));
    // One short of the number's 10.
    expect(outcomes.filter((outcome) => outcome.refusal === null)).toHaveLength(9);
    expect(await limits.numberLockedFor(phoneNumber)).toBeNull();
    expect(await limits.reserveTry({ phoneNumber, ip: `203.0.113.${unique()}` })).not.toHaveProperty('reason');
  });

  it('makes a number that keeps guessing from several clients wait, longer each time', async () => {
    const limits = createSignInLimits(
      { ...SETTINGS, WRONG_CODES_PER_PHONE_PER_HOUR: 2, CODE_ATTEMPTS_PER_CODE: 100 },
      store(),
    );
    const phoneNumber = `+1${unique()}`;
    const guess = () => guessWrong(limits, { phoneNumber, ip: `203.0.113.${unique()}` });
    await guess();
    const first = await guess();
    expect(first.refusal).toMatchObject({ reason: 'wrong_codes', retryAfterSeconds: 300 });
    expect(await limits.reserveTry({ phoneNumber, ip: `203.0.113.${unique()}` })).toMatchObject({
      reason: 'wrong_codes',
    });
    expect(await limits.numberLockedFor(phoneNumber)).toBe(300);
  });

  it('caps wrong codes from one address across numbers', async () => {
    const limits = createSignInLimits({ ...SETTINGS, WRONG_CODES_PER_IP_PER_HOUR: 3 }, store());
    const ip = `198.51.100.${unique()}`;
    for (let guess = 0; guess < 3; guess++)
      expect((await guessWrong(limits, { phoneNumber: `+1${unique()}`, ip })).refusal).toBeNull();
    expect(await limits.reserveTry({ phoneNumber: `+1${unique()}`, ip })).toMatchObject({ reason: 'wrong_codes' });
  });

  it('caps the account changes of one user, whichever address they come from, and of one address', async () => {
    const limits = createSignInLimits(
      { ...SETTINGS, ACCOUNT_ACTIONS_PER_USER_PER_HOUR: 2, ACCOUNT_ACTIONS_PER_IP_PER_HOUR: 3 },
      store(),
    );
    const [user, ip] = [`user-${unique()}`, `198.51.100.${unique()}`];
    expect(await limits.allowAccountAction({ userId: user, ip: `203.0.113.${unique()}` })).toBeNull();
    expect(await limits.allowAccountAction({ userId: user, ip: `203.0.113.${unique()}` })).toBeNull();
    expect(await limits.allowAccountAction({ userId: user, ip: `203.0.113.${unique()}` })).toMatchObject({
      reason: 'account',
      retryAfterSeconds: expect.any(Number),
    });
    for (let other = 0; other < 3; other++)
      expect(await limits.allowAccountAction({ userId: `user-${unique()}`, ip })).toBeNull();
    expect(await limits.allowAccountAction({ userId: `user-${unique()}`, ip })).toMatchObject({ reason: 'account' });
  });
});

describe.runIf(testRedisUrl)('rate limits shared through Redis', () => {
  it('two app instances share one budget', async () => {
    const first = createSignInLimits(NO_COOLDOWN, redisClient(testRedisUrl!));
    const second = createSignInLimits(NO_COOLDOWN, redisClient(testRedisUrl!));
    const phone = `+1${unique()}`;
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, index) => (index % 2 ? first : second).allowSend(send(phone))),
    );
    expect(results.filter((refusal) => refusal === null)).toHaveLength(5);
  });
});

describe('rate limits while Redis is down', () => {
  // Nothing listens on this loopback port: the client fails at once instead of queueing.
  const downRedis = () => redisClient('redis://127.0.0.1:6390');

  it('sends no code, because the country budget cannot be counted across instances', { timeout: 5_000 }, async () => {
    const limits = createSignInLimits(NO_COOLDOWN, downRedis());
    const refusals = [];
    for (let sent = 0; sent < 3; sent++)
      refusals.push(await limits.allowSend(send(`+1${unique()}`, `203.0.113.${unique()}`)));
    expect(refusals.map((refusal) => refusal?.reason)).toEqual(['store_down', 'store_down', 'store_down']);
  });

  it('falls back to local counting for the per-number and per-code limits', { timeout: 5_000 }, async () => {
    const limits = createSignInLimits(SETTINGS, downRedis());
    const attempt = { phoneNumber: `+1${unique()}` };
    for (let guess = 0; guess < 4; guess++) await guessWrong(limits, attempt);
    expect(await guessWrong(limits, attempt)).toMatchObject({ attemptsLeft: 0, refusal: { reason: 'code_attempts' } });
    expect(await limits.reserveTry(attempt)).toMatchObject({ reason: 'code_attempts' });
  });
});

describe('nextWrongCodeWait', () => {
  it.each([
    [1, 5 * 60],
    [2, 15 * 60],
    [3, 3600],
    [4, 4 * 3600],
    [5, 24 * 3600],
    [6, 24 * 3600],
  ])('after going over the limit %i times in a day, a number waits %i seconds', (strikeCount, seconds) => {
    expect(nextWrongCodeWait(strikeCount)).toBe(seconds);
  });
});
