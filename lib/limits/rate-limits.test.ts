import { redisForThisFile, testRedisUrl } from '@/test-support/redis';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createRateLimits, type LimitSettings } from './rate-limits';

const SETTINGS: LimitSettings = {
  resendCooldownSeconds: 30,
  sendsPerPhonePerHour: 5,
  sendsPerPhonePerDay: 10,
  sendsPerIpPerHour: 20,
  sendsPerCountryPerHour: 100,
  attemptsPerCode: 5,
  wrongCodesPerPhonePerHour: 10,
  wrongCodesPerIpPerHour: 30,
};
// Cooldown off where a test sends many codes to one number on purpose.
const NO_COOLDOWN = { ...SETTINGS, resendCooldownSeconds: 0 };

const { stores, connect: redisClient } = redisForThisFile();

// Every test uses numbers and addresses of its own, so runs against a shared Redis never meet.
const unique = () => randomUUID().slice(0, 8);
const send = (phoneNumber: string, ip?: string, callingCode = `cc-${phoneNumber}`) => ({
  phoneNumber,
  ip,
  callingCode,
});

describe.each(stores)('rate limits in %s', (_, store) => {
  it('lets one code through per cooldown for a number', async () => {
    const limits = createRateLimits(SETTINGS, store());
    const phone = `+1${unique()}`;
    expect(await limits.allowSend(send(phone))).toBeNull();
    expect(await limits.allowSend(send(phone))).toMatchObject({ reason: 'cooldown', retryAfterSeconds: 30 });
    expect(await limits.allowSend(send(`+1${unique()}`))).toBeNull();
  });

  it('gives back a send Stytch did not make, and ends the cooldown after a verified sign-in', async () => {
    const limits = createRateLimits(SETTINGS, store());
    const request = send(`+1${unique()}`, `203.0.113.${unique()}`);
    expect(await limits.allowSend(request)).toBeNull();
    await limits.refundSend(request);
    expect(await limits.allowSend(request)).toBeNull();
    expect(await limits.allowSend(request)).toMatchObject({ reason: 'cooldown' });
    await limits.endCooldown(request.phoneNumber);
    expect(await limits.allowSend(request)).toBeNull();
  });

  it('caps the codes one number gets per hour', async () => {
    const limits = createRateLimits(NO_COOLDOWN, store());
    const phone = `+1${unique()}`;
    for (let sent = 0; sent < 5; sent++) expect(await limits.allowSend(send(phone))).toBeNull();
    const refusal = await limits.allowSend(send(phone));
    expect(refusal?.reason).toBe('phone');
    expect(refusal?.retryAfterSeconds).toBeGreaterThan(3000);
  });

  it('caps the codes one number gets per day, beyond the hourly cap', async () => {
    const limits = createRateLimits({ ...NO_COOLDOWN, sendsPerPhonePerHour: 100 }, store());
    const phone = `+1${unique()}`;
    for (let sent = 0; sent < 10; sent++) expect(await limits.allowSend(send(phone))).toBeNull();
    expect((await limits.allowSend(send(phone)))?.retryAfterSeconds).toBeGreaterThan(23 * 3600);
  });

  it('caps the codes one address asks for, whatever the numbers', async () => {
    const limits = createRateLimits(SETTINGS, store());
    const ip = `203.0.113.${unique()}`;
    for (let sent = 0; sent < 20; sent++) expect(await limits.allowSend(send(`+1${unique()}`, ip))).toBeNull();
    expect(await limits.allowSend(send(`+1${unique()}`, ip))).toMatchObject({ reason: 'ip' });
    expect(await limits.allowSend(send(`+1${unique()}`, `203.0.113.${unique()}`))).toBeNull();
  });

  it('caps the codes one country prefix gets, whatever the numbers and addresses', async () => {
    const limits = createRateLimits({ ...SETTINGS, sendsPerCountryPerHour: 3 }, store());
    const country = `cc-${unique()}`;
    for (let sent = 0; sent < 3; sent++)
      expect(await limits.allowSend(send(`+1${unique()}`, undefined, country))).toBeNull();
    expect(await limits.allowSend(send(`+1${unique()}`, undefined, country))).toMatchObject({ reason: 'country' });
  });

  it('allows five tries per code, counting down, then none until a new code', async () => {
    const limits = createRateLimits(SETTINGS, store());
    const attempt = { challengeId: `phone-${unique()}`, phoneNumber: `+1${unique()}` };
    for (const left of [4, 3, 2, 1]) {
      expect(await limits.allowVerify(attempt)).toBeNull();
      expect(await limits.recordWrongCode(attempt)).toEqual({ attemptsLeft: left, refusal: null });
    }
    expect(await limits.recordWrongCode(attempt)).toMatchObject({
      attemptsLeft: 0,
      refusal: { reason: 'code_attempts' },
    });
    expect(await limits.allowVerify(attempt)).toMatchObject({ reason: 'code_attempts' });
    expect(await limits.allowVerify({ ...attempt, challengeId: `phone-${unique()}` })).toBeNull();
  });

  it('makes a number that keeps guessing wait, longer each time', async () => {
    const limits = createRateLimits({ ...SETTINGS, wrongCodesPerPhonePerHour: 2, attemptsPerCode: 100 }, store());
    const phoneNumber = `+1${unique()}`;
    const guess = () => limits.recordWrongCode({ challengeId: `phone-${unique()}`, phoneNumber });
    await guess();
    await guess();
    const first = await guess();
    expect(first.refusal).toMatchObject({ reason: 'wrong_codes', retryAfterSeconds: 300 });
    expect(await limits.allowVerify({ challengeId: `phone-${unique()}`, phoneNumber })).toMatchObject({
      reason: 'wrong_codes',
    });
    const second = await guess();
    expect(second.refusal?.retryAfterSeconds).toBe(900);
  });

  it('caps wrong codes from one address across numbers', async () => {
    const limits = createRateLimits({ ...SETTINGS, wrongCodesPerIpPerHour: 3 }, store());
    const ip = `198.51.100.${unique()}`;
    for (let guess = 0; guess < 3; guess++) {
      expect(
        (await limits.recordWrongCode({ challengeId: `phone-${unique()}`, phoneNumber: `+1${unique()}`, ip })).refusal,
      ).toBeNull();
    }
    expect(
      (await limits.recordWrongCode({ challengeId: `phone-${unique()}`, phoneNumber: `+1${unique()}`, ip })).refusal,
    ).toMatchObject({
      reason: 'wrong_codes',
    });
    expect(
      await limits.allowVerify({ challengeId: `phone-${unique()}`, phoneNumber: `+1${unique()}`, ip }),
    ).toMatchObject({ reason: 'wrong_codes' });
  });
});

describe.runIf(testRedisUrl)('rate limits shared through Redis', () => {
  it('two app instances share one budget', async () => {
    const first = createRateLimits(NO_COOLDOWN, redisClient(testRedisUrl!));
    const second = createRateLimits(NO_COOLDOWN, redisClient(testRedisUrl!));
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
    const limits = createRateLimits(NO_COOLDOWN, downRedis());
    const refusals = [];
    for (let sent = 0; sent < 3; sent++)
      refusals.push(await limits.allowSend(send(`+1${unique()}`, `203.0.113.${unique()}`)));
    expect(refusals.map((refusal) => refusal?.reason)).toEqual(['store_down', 'store_down', 'store_down']);
  });

  it('falls back to local counting for the per-number and per-code limits', { timeout: 5_000 }, async () => {
    const limits = createRateLimits(SETTINGS, downRedis());
    const attempt = { challengeId: `phone-${unique()}`, phoneNumber: `+1${unique()}` };
    for (let guess = 0; guess < 4; guess++) await limits.recordWrongCode(attempt);
    expect(await limits.recordWrongCode(attempt)).toMatchObject({
      attemptsLeft: 0,
      refusal: { reason: 'code_attempts' },
    });
    expect(await limits.allowVerify(attempt)).toMatchObject({ reason: 'code_attempts' });
  });
});
