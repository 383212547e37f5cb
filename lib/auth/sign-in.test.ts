import type { Locale } from '@/lib/i18n/locales';
import { wordsFor } from '@/lib/i18n/messages';
import { createSignInLimits, type Refusal, type SignInLimits } from '@/lib/limits/sign-in-limits';
import { phoneMetadataFor } from '@/lib/phone/metadata';
import { createRevocations } from '@/lib/session/revocations';
import type { StytchSession } from '@/lib/stytch/client';
import { telemetry, type Telemetry } from '@/lib/telemetry';
import { DEFAULT_LIMIT_ENV } from '@/test-support/limits';
import { redisForThisFile } from '@/test-support/redis';
import { metrics } from '@opentelemetry/api';
import { MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Challenge } from './challenge';
import { AuthError, failureState, type AuthErrorCode } from './errors';
import { createSignIn, type SignIn, type SignInDeps, type SignInOutcome } from './sign-in';

const NOW = Date.parse('2026-12-01T12:00:00.000Z');
const IP = '203.0.113.7';
const USER_AGENT = 'unit-test-browser';
const STYTCH_USER_ID = 'user-test-00000000-0000-4000-8000-000000000001';
const PHONE_ID = 'phone-number-test-00000000-0000-4000-8000-000000000001';
const SESSION = {
  sessionId: 'session-test-00000000-0000-4000-8000-000000000001',
  token: 'session-token-test',
  jwt: 'session-jwt-test',
  startedAt: '2026-12-01T12:00:00.000Z',
  expiresAt: '2026-12-01T13:00:00.000Z',
};
const LIMITS_ENV = DEFAULT_LIMIT_ENV;
// The number a signed-in user has before changing it.
const OLD_PHONE = '+12015550100';
const OLD_PHONE_ID = 'phone-number-test-00000000-0000-4000-8000-0000000000aa';
const SIGNED_IN_USER = { userId: STYTCH_USER_ID, sessionId: SESSION.sessionId, startedAt: '', expiresAt: '' };
const RESERVED = { attemptsLeft: 4, numberOutOfTries: false };

// Every test signs in a number of its own, so the real limits some tests use never carry over.
const newPhone = () => `+1201555${String(Math.floor(Math.random() * 10_000)).padStart(4, '0')}`;
const challengeFor = (phoneNumber: string): Challenge => ({
  phoneId: `${PHONE_ID}-${randomUUID().slice(0, 8)}`,
  userId: STYTCH_USER_ID,
  phoneNumber,
  sentAt: NOW - 10_000,
  expiresAt: NOW + 110_000,
  userCreated: false,
});

/** Signing in against fakes: Stytch answers, the limits allow and the stores work unless a test says otherwise. */
function signInWith(
  overrides: {
    limits?: SignInLimits;
    clientKey?: string;
    telemetry?: Telemetry;
    language?: { locale: Locale; chosen: boolean };
    savedLocale?: string;
  } = {},
) {
  const fakeLimits = {
    allowSend: vi.fn<SignInLimits['allowSend']>(async () => null),
    refundSend: vi.fn<SignInLimits['refundSend']>(async () => undefined),
    recordVerified: vi.fn<SignInLimits['recordVerified']>(async () => undefined),
    startCode: vi.fn<SignInLimits['startCode']>(async () => undefined),
    reserveTry: vi.fn<SignInLimits['reserveTry']>(async () => RESERVED),
    releaseTry: vi.fn<SignInLimits['releaseTry']>(async () => undefined),
    recordWrongCode: vi.fn<SignInLimits['recordWrongCode']>(async () => ({ attemptsLeft: 4, refusal: null })),
    endCooldown: vi.fn<SignInLimits['endCooldown']>(async () => undefined),
    numberLockedFor: vi.fn<SignInLimits['numberLockedFor']>(async () => null),
    lockNumber: vi.fn<SignInLimits['lockNumber']>(async () => undefined),
    allowAccountAction: vi.fn<SignInLimits['allowAccountAction']>(async () => null),
  };
  const limits = overrides.limits ?? fakeLimits;
  const stytch = {
    sendSmsCode: vi.fn<SignInDeps['stytch']['sendSmsCode']>(async () => ({
      phoneId: PHONE_ID,
      userId: STYTCH_USER_ID,
      userCreated: true,
    })),
    sendSessionSmsCode: vi.fn<SignInDeps['stytch']['sendSessionSmsCode']>(async () => ({
      phoneId: 'phone-test-session',
      userId: STYTCH_USER_ID,
      userCreated: false,
    })),
    authenticateCode: vi.fn<SignInDeps['stytch']['authenticateCode']>(async () => ({
      userId: STYTCH_USER_ID,
      ...SESSION,
    })),
    getLockExpiry: vi.fn<SignInDeps['stytch']['getLockExpiry']>(async () => null),
    revokeSession: vi.fn<SignInDeps['stytch']['revokeSession']>(async () => undefined),
    revokeAllSessions: vi.fn<SignInDeps['stytch']['revokeAllSessions']>(async () => undefined),
    deletePhoneNumber: vi.fn<SignInDeps['stytch']['deletePhoneNumber']>(async () => undefined),
    isUnverifiedNewNumber: vi.fn<SignInDeps['stytch']['isUnverifiedNewNumber']>(async () => false),
  };
  const users = {
    recordSignIn: vi.fn<SignInDeps['users']['recordSignIn']>(async () => ({
      user: { locale: overrides.savedLocale ?? null },
    })),
    getUserByStytchId: vi.fn<SignInDeps['users']['getUserByStytchId']>(async () => ({
      phoneId: OLD_PHONE_ID,
      phoneNumber: OLD_PHONE,
    })),
    changePhoneNumber: vi.fn<SignInDeps['users']['changePhoneNumber']>(async () => undefined),
  };
  // The cookies a verify sets, once it calls for the ones it sealed.
  const cookies = {
    signedIn: vi.fn<(signedIn: StytchSession) => void>(),
    knownDevice: vi.fn<(number: string) => void>(),
  };
  const session = {
    getChallenge: vi.fn<SignInDeps['session']['getChallenge']>(async () => null),
    saveChallenge: vi.fn<SignInDeps['session']['saveChallenge']>(async () => undefined),
    saveSignedIn: vi.fn<SignInDeps['session']['saveSignedIn']>(async () => undefined),
    sealSignedIn: vi.fn<SignInDeps['session']['sealSignedIn']>(async (signedIn) => () => cookies.signedIn(signedIn)),
    getSignedIn: vi.fn<SignInDeps['session']['getSignedIn']>(async () => null),
    getCurrentUser: vi.fn<SignInDeps['session']['getCurrentUser']>(async () => null),
    clearSession: vi.fn<SignInDeps['session']['clearSession']>(async () => undefined),
    recordSessionRevoked: vi.fn<SignInDeps['session']['recordSessionRevoked']>(async () => undefined),
    recordUserRevoked: vi.fn<SignInDeps['session']['recordUserRevoked']>(async () => undefined),
    queueRevoke: vi.fn<SignInDeps['session']['queueRevoke']>(async () => undefined),
    recordChallengeUsed: vi.fn<SignInDeps['session']['recordChallengeUsed']>(async () => undefined),
    isChallengeUsed: vi.fn<SignInDeps['session']['isChallengeUsed']>(async () => false),
    beginChallengeStep: vi.fn<SignInDeps['session']['beginChallengeStep']>(async () => async () => undefined),
    isKnownDevice: vi.fn<SignInDeps['session']['isKnownDevice']>(async () => false),
    sealKnownDevice: vi.fn<SignInDeps['session']['sealKnownDevice']>(
      async (number) => () => cookies.knownDevice(number),
    ),
  };
  const proofOfWork = { redeem: vi.fn<SignInDeps['proofOfWork']['redeem']>(async () => false) };
  const log = vi.fn<SignInDeps['log']>();
  const deps: SignInDeps = {
    stytch,
    limits,
    users,
    session,
    proofOfWork,
    request: async () => ({ ipAddress: IP, clientKey: overrides.clientKey ?? IP, userAgent: USER_AGENT }),
    language: async () => overrides.language ?? { locale: 'en', chosen: false },
    env: { OTP_EXPIRATION_MINUTES: 2, SESSION_DURATION_MINUTES: 60, OTP_RESEND_COOLDOWN_SECONDS: 30 },
    phoneMetadata: phoneMetadataFor(['US', 'CA']),
    now: () => NOW,
    log,
    telemetry: overrides.telemetry ?? { recordSmsSent: vi.fn(), recordVerified: vi.fn(), recordRefused: vi.fn() },
  };
  return { signIn: createSignIn(deps), limits: fakeLimits, stytch, users, session, cookies, proofOfWork, log };
}

/** What the form would show for an outcome: its message and whether it sits at the field. */
function shown(outcome: SignInOutcome, field: 'phone' | 'code') {
  return outcome.ok ? null : failureState(wordsFor('en'), outcome.error, field);
}

const stytchError = (code: AuthErrorCode, errorType: string) =>
  new AuthError(code, { errorType, requestId: 'request-id-test' });

describe('starting a challenge', () => {
  it('sends a code within the limits and keeps it as the challenge, with no more than the cookie needs', async () => {
    const { signIn, limits, stytch, session, log } = signInWith();
    const phoneNumber = newPhone();
    const started = await signIn.startChallenge(phoneNumber, '/account');
    expect(started).toEqual({ ok: true, challenge: session.saveChallenge.mock.calls[0]?.[0] });
    expect(limits.allowSend).toHaveBeenCalledWith({
      phoneNumber,
      ip: IP,
      callingCode: '1',
      signedInBefore: false,
      proofOfWork: false,
    });
    expect(stytch.sendSmsCode).toHaveBeenCalledWith({
      phoneNumber,
      expirationMinutes: 2,
      locale: 'en',
      ipAddress: IP,
      userAgent: USER_AGENT,
    });
    expect(session.saveChallenge).toHaveBeenCalledWith({
      phoneId: PHONE_ID,
      userId: STYTCH_USER_ID,
      phoneNumber,
      sentAt: NOW,
      expiresAt: NOW + 2 * 60_000,
      userCreated: true,
      next: '/account',
    });
    expect(limits.refundSend).not.toHaveBeenCalled();
    expect(log).not.toHaveBeenCalled();
  });

  it('keeps no `next` when there is none to go back to', async () => {
    const { signIn, session } = signInWith();
    await signIn.startChallenge(newPhone(), undefined);
    expect(session.saveChallenge.mock.calls[0]?.[0]).not.toHaveProperty('next');
  });

  it('keeps whether Stytch created the user, as a flag that is always there', async () => {
    const { signIn, stytch, session } = signInWith();
    stytch.sendSmsCode.mockResolvedValueOnce({ phoneId: PHONE_ID, userId: STYTCH_USER_ID, userCreated: false });
    await signIn.startChallenge(newPhone(), undefined);
    expect(session.saveChallenge.mock.calls[0]?.[0]).toHaveProperty('userCreated', false);
  });

  it.each<[string, Refusal, AuthErrorCode, string]>([
    [
      'the resend cooldown',
      { reason: 'cooldown', retryAfterSeconds: 12 },
      'resend_too_soon',
      'Please wait before sending another code. Try again in 12 seconds.',
    ],
    [
      'the hourly cap of the number',
      { reason: 'phone', retryAfterSeconds: 3600 },
      'rate_limited',
      'Too many codes were requested. Try again in 60 minutes.',
    ],
    [
      'the daily cap of the number',
      { reason: 'phone', retryAfterSeconds: 23 * 3600 },
      'rate_limited',
      'Too many codes were requested. Try again in 23 hours.',
    ],
    [
      'the cap of the address',
      { reason: 'ip', retryAfterSeconds: 840 },
      'rate_limited',
      'Too many codes were requested. Try again in 14 minutes.',
    ],
    [
      'the cap of the country',
      { reason: 'country', retryAfterSeconds: 1800 },
      'rate_limited',
      'Too many codes were requested. Try again in 30 minutes.',
    ],
    [
      'a limit store that is down',
      { reason: 'store_down', retryAfterSeconds: 60 },
      'unavailable',
      'The sign-in service had a problem. Please try again.',
    ],
  ])('refused by %s: sends nothing and says %s', async (_, refusal, code, message) => {
    const { signIn, limits, stytch, session, log } = signInWith();
    limits.allowSend.mockResolvedValue(refusal);
    const outcome = await signIn.startChallenge(newPhone(), undefined);
    expect(shown(outcome, 'phone')).toEqual({ status: 'error', code, message });
    expect(outcome).toMatchObject({ error: { details: { errorType: `limit:${refusal.reason}` } } });
    expect(stytch.sendSmsCode).not.toHaveBeenCalled();
    expect(limits.refundSend).not.toHaveBeenCalled();
    expect(session.saveChallenge).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalledWith('send_code', expect.objectContaining({ code }), expect.stringMatching(/^\+1/));
  });

  it.each<[string, unknown, AuthErrorCode, 'phone' | undefined, string]>([
    [
      'cannot be reached',
      new AuthError('unreachable', { errorType: 'request_error' }),
      'unreachable',
      undefined,
      'The sign-in service can’t be reached right now. Please try again in a moment.',
    ],
    [
      'fails',
      stytchError('unavailable', 'internal_server_error'),
      'unavailable',
      undefined,
      'The sign-in service had a problem. Please try again.',
    ],
    [
      'limits us',
      stytchError('rate_limited', 'too_many_requests'),
      'rate_limited',
      undefined,
      'Too many requests. Wait a few minutes and try again.',
    ],
    [
      'refuses the number',
      stytchError('invalid_phone', 'invalid_phone_number'),
      'invalid_phone',
      'phone',
      'Enter a valid mobile number.',
    ],
    ['throws something else', new TypeError('boom'), 'unknown', undefined, 'Something went wrong. Please try again.'],
  ])('when Stytch %s: gives the send back, keeps no challenge', async (_, thrown, code, field, message) => {
    const { signIn, limits, stytch, session } = signInWith();
    stytch.sendSmsCode.mockRejectedValue(thrown);
    const phoneNumber = newPhone();
    const outcome = await signIn.startChallenge(phoneNumber, undefined);
    expect(shown(outcome, 'phone')).toEqual({ status: 'error', code, message, ...(field ? { field } : {}) });
    expect(limits.refundSend).toHaveBeenCalledWith(expect.objectContaining({ phoneNumber, ip: IP, callingCode: '1' }));
    expect(session.saveChallenge).not.toHaveBeenCalled();
  });

  it('answers unknown, not an exception, when the challenge cannot be saved', async () => {
    const { signIn, session } = signInWith();
    session.saveChallenge.mockRejectedValue(new Error('cookies can only be modified in a server action'));
    expect(shown(await signIn.startChallenge(newPhone(), undefined), 'phone')).toMatchObject({ code: 'unknown' });
  });
});

describe('the country budget’s part in a send', () => {
  const COUNTRY_OF_10 = { ...LIMITS_ENV, SMS_SENDS_PER_COUNTRY_PER_HOUR: 10 };

  it('a browser that signed in to the number before draws on the reserve; others are asked for a proof', async () => {
    const { signIn, limits, session, proofOfWork } = signInWith();
    const phoneNumber = newPhone();
    session.isKnownDevice.mockImplementation(async (number) => number === phoneNumber);
    await signIn.startChallenge(phoneNumber, undefined);
    expect(limits.allowSend).toHaveBeenLastCalledWith(expect.objectContaining({ signedInBefore: true }));
    await signIn.startChallenge(newPhone(), undefined);
    expect(limits.allowSend).toHaveBeenLastCalledWith(expect.objectContaining({ signedInBefore: false }));
    expect(proofOfWork.redeem).not.toHaveBeenCalled();

    limits.allowSend.mockResolvedValueOnce({ reason: 'proof', retryAfterSeconds: 1800 });
    const refused = await signIn.startChallenge(newPhone(), undefined);
    expect(shown(refused, 'phone')).toEqual({
      status: 'error',
      code: 'proof_needed',
      message:
        'Many codes are being requested in your country right now. Turn on JavaScript so your browser can show it ' +
        'isn’t a bot, or try again in 30 minutes.',
    });
  });

  it('a posted proof is redeemed once and counts only when it holds', async () => {
    const { signIn, limits, proofOfWork } = signInWith();
    proofOfWork.redeem.mockResolvedValueOnce(true);
    await signIn.startChallenge(newPhone(), undefined, { proof: 'solved' });
    expect(limits.allowSend).toHaveBeenLastCalledWith(expect.objectContaining({ proofOfWork: true }));
    await signIn.startChallenge(newPhone(), undefined, { proof: 'solved' });
    expect(limits.allowSend).toHaveBeenLastCalledWith(expect.objectContaining({ proofOfWork: false }));
    expect(proofOfWork.redeem).toHaveBeenCalledTimes(2);
  });

  it('a verified sign-in gives its send back to the country and marks this browser as known for the number', async () => {
    const { signIn, limits, cookies } = signInWith();
    const phoneNumber = newPhone();
    expect(await signIn.verify(challengeFor(phoneNumber), '123456')).toMatchObject({ ok: true });
    expect(limits.recordVerified).toHaveBeenCalledWith('1');
    expect(cookies.knownDevice).toHaveBeenCalledWith(phoneNumber);
  });

  it('with the real limits, sign-ins keep a hot country cool: five verified sends leave room for five more', async () => {
    const { signIn, session } = signInWith({ limits: createSignInLimits(COUNTRY_OF_10, null) });
    for (let signedIn = 0; signedIn < 5; signedIn++) {
      const phoneNumber = newPhone();
      expect(await signIn.startChallenge(phoneNumber, undefined)).toMatchObject({ ok: true });
      expect(await signIn.verify(challengeFor(phoneNumber), '123456')).toMatchObject({ ok: true });
    }
    for (let sent = 0; sent < 5; sent++)
      expect(await signIn.startChallenge(newPhone(), undefined)).toMatchObject({ ok: true });
    const hot = await signIn.startChallenge(newPhone(), undefined);
    expect(hot).toMatchObject({ ok: false, error: { code: 'proof_needed' } });
    session.isKnownDevice.mockResolvedValue(true);
    expect(await signIn.startChallenge(newPhone(), undefined)).toMatchObject({ ok: true });
  });
});

describe('starting a challenge, with the real limits in memory', () => {
  const realLimits = () => createSignInLimits(LIMITS_ENV, null);

  it('a code Stytch did not send costs nothing: the retry goes out at once, the one after waits', async () => {
    const { signIn, stytch } = signInWith({ limits: realLimits() });
    const phoneNumber = newPhone();
    stytch.sendSmsCode.mockRejectedValueOnce(new AuthError('unreachable', { errorType: 'request_error' }));
    expect(await signIn.startChallenge(phoneNumber, undefined)).toMatchObject({ ok: false });
    expect(await signIn.startChallenge(phoneNumber, undefined)).toMatchObject({ ok: true, challenge: { phoneNumber } });
    const third = await signIn.startChallenge(phoneNumber, undefined);
    expect(shown(third, 'phone')).toMatchObject({
      code: 'resend_too_soon',
      message: 'Please wait before sending another code. Try again in 30 seconds.',
    });
    expect(stytch.sendSmsCode).toHaveBeenCalledTimes(2);
  });

  it('a send that timed out counts as sent: the cooldown holds and Stytch is not asked again', async () => {
    const { signIn, stytch } = signInWith({ limits: realLimits() });
    const phoneNumber = newPhone();
    stytch.sendSmsCode.mockRejectedValueOnce(new AuthError('timeout', { errorType: 'timeout' }));
    expect(shown(await signIn.startChallenge(phoneNumber, undefined), 'phone')).toEqual({
      status: 'error',
      code: 'timeout',
      message: 'The sign-in service is taking too long to answer. Please try again.',
    });
    const retry = await signIn.startChallenge(phoneNumber, undefined);
    expect(shown(retry, 'phone')).toMatchObject({ code: 'resend_too_soon' });
    expect(stytch.sendSmsCode).toHaveBeenCalledTimes(1);
  });

  it('after signing in, the number may ask for a new code at once', async () => {
    const { signIn } = signInWith({ limits: realLimits() });
    const phoneNumber = newPhone();
    expect(await signIn.startChallenge(phoneNumber, undefined)).toMatchObject({ ok: true, challenge: { phoneNumber } });
    expect(await signIn.verify(challengeFor(phoneNumber), '123456')).toEqual({ ok: true, userCreated: false });
    expect(await signIn.startChallenge(phoneNumber, undefined)).toMatchObject({ ok: true, challenge: { phoneNumber } });
  });

  it('a dead code ends the cooldown, while the hourly cap of the number still holds', async () => {
    const { signIn, stytch, session } = signInWith({
      limits: createSignInLimits({ ...LIMITS_ENV, SMS_SENDS_PER_PHONE_PER_HOUR: 2 }, null),
    });
    const phoneNumber = newPhone();
    await signIn.startChallenge(phoneNumber, undefined);
    session.getChallenge.mockResolvedValue({ ...challengeFor(phoneNumber), ended: 'spent' });
    expect(await signIn.startChallenge(phoneNumber, undefined)).toMatchObject({ ok: true });
    const third = await signIn.startChallenge(phoneNumber, undefined);
    expect(shown(third, 'phone')).toMatchObject({ code: 'rate_limited' });
    expect(stytch.sendSmsCode).toHaveBeenCalledTimes(2);
  });

  it('a verify whose user row cannot be written lets the person get a new code at once', async () => {
    const { signIn, stytch, users, session } = signInWith({ limits: realLimits() });
    const phoneNumber = newPhone();
    const sent = await signIn.startChallenge(phoneNumber, undefined);
    if (!sent.ok) throw new Error('the first send was refused');
    users.recordSignIn.mockRejectedValueOnce(Object.assign(new Error('Query read timeout'), { code: 'timeout' }));
    const verified = await signIn.verify(sent.challenge, '123456');
    expect(shown(verified, 'code')).toMatchObject({ code: 'unavailable' });
    // Stytch took the code: the challenge says so, and its cooldown no longer holds the next send.
    expect(verified).toMatchObject({ challenge: { ended: 'interrupted' } });
    expect(session.saveChallenge).toHaveBeenLastCalledWith(expect.objectContaining({ ended: 'interrupted' }));
    session.getChallenge.mockResolvedValue(session.saveChallenge.mock.lastCall?.[0] ?? null);
    expect(await signIn.startChallenge(phoneNumber, undefined)).toMatchObject({ ok: true });
    expect(stytch.sendSmsCode).toHaveBeenCalledTimes(2);
  });

  it('a live code of the same number in this browser is reopened, not sent again, when asked to', async () => {
    const { signIn, stytch, session } = signInWith({ limits: realLimits() });
    const phoneNumber = newPhone();
    const live = { ...challengeFor(phoneNumber), next: '/old' };
    session.getChallenge.mockResolvedValue(live);
    const reopened = await signIn.startChallenge(phoneNumber, '/account', { reuseLiveCode: true });
    expect(reopened).toEqual({ ok: true, challenge: { ...live, next: '/account' } });
    expect(session.saveChallenge).toHaveBeenCalledWith({ ...live, next: '/account' });
    expect(stytch.sendSmsCode).not.toHaveBeenCalled();
  });

  it('another browser (no challenge of its own) asking for the same number waits for the cooldown', async () => {
    const { signIn, stytch } = signInWith({ limits: realLimits() });
    const phoneNumber = newPhone();
    await signIn.startChallenge(phoneNumber, undefined, { reuseLiveCode: true });
    const other = await signIn.startChallenge(phoneNumber, undefined, { reuseLiveCode: true });
    expect(shown(other, 'phone')).toMatchObject({ code: 'resend_too_soon' });
    expect(stytch.sendSmsCode).toHaveBeenCalledTimes(1);
  });
});

describe('a verify that timed out', () => {
  it('looks for the session it may have started at Stytch, to end it', async () => {
    const { signIn, stytch, session, cookies } = signInWith();
    const challenge = challengeFor(newPhone());
    stytch.authenticateCode.mockRejectedValueOnce(new AuthError('timeout', { errorType: 'timeout' }));
    const outcome = await signIn.verify(challenge, '123456');
    expect(shown(outcome, 'code')).toMatchObject({ code: 'timeout' });
    const attemptId = stytch.authenticateCode.mock.calls[0]?.[0].attemptId;
    expect(attemptId).toEqual(expect.any(String));
    expect(session.queueRevoke).toHaveBeenCalledWith({ userId: STYTCH_USER_ID, attemptId, until: NOW + 5 * 60_000 });
    expect(cookies.signedIn).not.toHaveBeenCalled();
  });

  it('marks every verify with an attempt of its own', async () => {
    const { signIn, stytch, session } = signInWith();
    await signIn.verify(challengeFor(newPhone()), '123456');
    await signIn.verify(challengeFor(newPhone()), '123456');
    const [first, second] = stytch.authenticateCode.mock.calls.map(([request]) => request.attemptId);
    expect(first).not.toEqual(second);
    expect(session.queueRevoke).not.toHaveBeenCalled();
  });
});

describe('a challenge that signed someone in', () => {
  // The used challenges and the steps under way as the real store keeps them, shared by every request of the test.
  function withUsedChallenges() {
    const harness = signInWith();
    const store = createRevocations({ keepMs: 60 * 60_000 });
    harness.session.recordChallengeUsed.mockImplementation(store.recordChallengeUsed);
    harness.session.isChallengeUsed.mockImplementation(store.isChallengeUsed);
    harness.session.beginChallengeStep.mockImplementation(store.beginChallengeStep);
    return harness;
  }

  it('is dead: a copy of its cookie sends no more codes', async () => {
    const { signIn, stytch, session } = withUsedChallenges();
    const challenge = challengeFor(newPhone());
    expect(await signIn.verify(challenge, '123456')).toMatchObject({ ok: true });
    session.getChallenge.mockResolvedValue(challenge);
    const resent = await signIn.startChallenge(challenge.phoneNumber, undefined);
    expect(shown(resent, 'phone')).toMatchObject({ code: 'code_expired' });
    expect(stytch.sendSmsCode).not.toHaveBeenCalled();
    expect(session.saveChallenge).not.toHaveBeenCalled();
  });

  it('is alive when its user row could not be written: a new code goes out for it', async () => {
    const { signIn, stytch, users, session } = withUsedChallenges();
    const challenge = challengeFor(newPhone());
    users.recordSignIn.mockRejectedValueOnce(new Error('connection refused'));
    expect(await signIn.verify(challenge, '123456')).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    session.getChallenge.mockResolvedValue(challenge);
    expect(await signIn.startChallenge(challenge.phoneNumber, undefined)).toMatchObject({ ok: true });
    expect(stytch.sendSmsCode).toHaveBeenCalledTimes(1);
  });

  it('a verify racing a resend of its challenge is refused before Stytch: the code is being replaced', async () => {
    const { signIn, stytch, session, cookies, limits } = withUsedChallenges();
    const challenge = challengeFor(newPhone());
    session.getChallenge.mockResolvedValue(challenge);
    let sendArrives = () => undefined as void;
    stytch.sendSmsCode.mockImplementationOnce(
      () =>
        new Promise(
          (resolve) => (sendArrives = () => resolve({ phoneId: PHONE_ID, userId: STYTCH_USER_ID, userCreated: false })),
        ),
    );
    const resend = signIn.startChallenge(challenge.phoneNumber, undefined);
    await vi.waitFor(() => expect(stytch.sendSmsCode).toHaveBeenCalled());
    const verified = await signIn.verify(challenge, '123456');
    expect(shown(verified, 'code')).toEqual({
      status: 'error',
      code: 'new_code_coming',
      message: 'A new code is on its way. Enter it when it arrives.',
    });
    expect(stytch.authenticateCode).not.toHaveBeenCalled();
    expect(limits.reserveTry).not.toHaveBeenCalled();
    sendArrives();
    expect(await resend).toMatchObject({ ok: true });
    expect(cookies.signedIn).not.toHaveBeenCalled();
  });

  it('a resend racing a verify that signs in sends nothing and never replaces the signed-in cookie', async () => {
    const { signIn, stytch, session, limits } = withUsedChallenges();
    const challenge = challengeFor(newPhone());
    session.getChallenge.mockResolvedValue(challenge);
    let stytchAnswers = () => undefined as void;
    stytch.authenticateCode.mockImplementationOnce(
      () => new Promise((resolve) => (stytchAnswers = () => resolve({ userId: STYTCH_USER_ID, ...SESSION }))),
    );
    const verify = signIn.verify(challenge, '123456');
    await vi.waitFor(() => expect(stytch.authenticateCode).toHaveBeenCalled());
    const resent = await signIn.startChallenge(challenge.phoneNumber, undefined);
    expect(shown(resent, 'phone')).toMatchObject({ code: 'resend_too_soon' });
    // The send it was allowed is given back: it never went out.
    expect(limits.refundSend).toHaveBeenCalled();
    stytchAnswers();
    expect(await verify).toMatchObject({ ok: true });
    const after = await signIn.startChallenge(challenge.phoneNumber, undefined);
    expect(shown(after, 'phone')).toMatchObject({ code: 'code_expired' });
    expect(stytch.sendSmsCode).not.toHaveBeenCalled();
    expect(session.saveChallenge).not.toHaveBeenCalled();
  });
});

describe('a locked number', () => {
  it('is sent nothing while the wrong-code limit locks it, and learns until when', async () => {
    const { signIn, limits, stytch } = signInWith();
    limits.numberLockedFor.mockResolvedValue(600);
    const outcome = await signIn.startChallenge(newPhone(), undefined);
    expect(outcome).toMatchObject({
      ok: false,
      error: { code: 'number_locked', context: { lockedUntil: NOW + 600_000 } },
    });
    expect(shown(outcome, 'phone')).toMatchObject({
      message: 'This number is locked after too many incorrect codes. Try again in 10 minutes.',
    });
    expect(limits.allowSend).not.toHaveBeenCalled();
    expect(stytch.sendSmsCode).not.toHaveBeenCalled();
  });

  it('is sent nothing while this browser knows of a lock', async () => {
    const { signIn, stytch, session } = signInWith();
    const phoneNumber = newPhone();
    session.getChallenge.mockResolvedValue({ ...challengeFor(phoneNumber), lockedUntil: NOW + 60_000 });
    expect(await signIn.startChallenge(phoneNumber, undefined)).toMatchObject({ error: { code: 'number_locked' } });
    expect(stytch.sendSmsCode).not.toHaveBeenCalled();
  });

  it('a Stytch lock is kept with the challenge and in the app limit, for every browser', async () => {
    const { signIn, limits, stytch, session } = signInWith();
    stytch.authenticateCode.mockRejectedValue(stytchError('too_many_attempts', 'user_lock_limit_reached'));
    stytch.getLockExpiry.mockResolvedValue(new Date(NOW + 14 * 60_000));
    const challenge = challengeFor(newPhone());
    const outcome = await signIn.verify(challenge, '000001');
    expect(outcome).toMatchObject({ ok: false, challenge: { lockedUntil: NOW + 14 * 60_000 } });
    expect(session.saveChallenge).toHaveBeenCalledWith({ ...challenge, lockedUntil: NOW + 14 * 60_000 });
    expect(limits.lockNumber).toHaveBeenCalledWith(challenge.phoneNumber, 14 * 60);
  });

  it.each<[string, AuthError, Partial<Challenge>]>([
    ['a code out of tries is spent', stytchError('code_attempts_used', 'limit:code_attempts'), { ended: 'spent' }],
    [
      'a code Stytch no longer takes before its time is replaced',
      stytchError('code_expired', 'x'),
      { ended: 'replaced' },
    ],
  ])('%s, for every later screen', async (_, error, learned) => {
    const { signIn, stytch, session } = signInWith();
    stytch.authenticateCode.mockRejectedValue(error);
    const challenge = challengeFor(newPhone());
    expect(await signIn.verify(challenge, '000001')).toMatchObject({ challenge: { ...challenge, ...learned } });
    expect(session.saveChallenge).toHaveBeenCalledWith({ ...challenge, ...learned });
  });
});

describe('verifying a code', () => {
  it('says the account is new when the send created the user', async () => {
    const { signIn } = signInWith();
    const challenge = { ...challengeFor(newPhone()), userCreated: true };
    expect(await signIn.verify(challenge, '123456')).toEqual({ ok: true, userCreated: true });
  });

  it('records the user, saves the Stytch session (with the browser it signed in from) and ends the send cooldown', async () => {
    const { signIn, limits, stytch, users, cookies, log } = signInWith();
    const phoneNumber = newPhone();
    const challenge = challengeFor(phoneNumber);
    expect(await signIn.verify(challenge, '123456')).toEqual({ ok: true, userCreated: false });
    expect(limits.reserveTry).toHaveBeenCalledWith({ phoneNumber, ip: IP });
    expect(limits.releaseTry).toHaveBeenCalledWith({ phoneNumber, ip: IP });
    expect(stytch.authenticateCode).toHaveBeenCalledWith({
      phoneId: challenge.phoneId,
      code: '123456',
      sessionDurationMinutes: 60,
      attemptId: expect.any(String),
      ipAddress: IP,
      userAgent: USER_AGENT,
    });
    expect(users.recordSignIn).toHaveBeenCalledWith({
      stytchUserId: STYTCH_USER_ID,
      phoneId: challenge.phoneId,
      phoneNumber,
      locale: null,
    });
    expect(cookies.signedIn).toHaveBeenCalledWith({ userId: STYTCH_USER_ID, ...SESSION });
    expect(limits.endCooldown).toHaveBeenCalledWith(phoneNumber);
    expect(log).not.toHaveBeenCalled();
  });

  it('keeps the language chosen in this browser for the account, and sends the code in it', async () => {
    const { signIn, stytch, users } = signInWith({ language: { locale: 'fr', chosen: true }, savedLocale: 'fr' });
    const phoneNumber = newPhone();
    await signIn.startChallenge(phoneNumber, undefined);
    expect(stytch.sendSmsCode).toHaveBeenCalledWith(expect.objectContaining({ locale: 'fr' }));
    expect(await signIn.verify(challengeFor(phoneNumber), '123456')).toEqual({ ok: true, userCreated: false });
    expect(users.recordSignIn).toHaveBeenCalledWith(expect.objectContaining({ locale: 'fr' }));
  });

  it('brings back the language the account keeps when this browser chose none', async () => {
    const { signIn, users } = signInWith({ language: { locale: 'en', chosen: false }, savedLocale: 'de-DE' });
    const phoneNumber = newPhone();
    expect(await signIn.verify(challengeFor(phoneNumber), '123456')).toEqual({
      ok: true,
      userCreated: false,
      savedLocale: 'de-DE',
    });
    expect(users.recordSignIn).toHaveBeenCalledWith(expect.objectContaining({ locale: null }));
  });

  it.each<[string, Refusal, AuthErrorCode, 'code' | undefined, string]>([
    [
      'a code out of tries',
      { reason: 'code_attempts', retryAfterSeconds: 3000 },
      'code_attempts_used',
      'code',
      'Too many incorrect tries for this code. Send a new code.',
    ],
    [
      'a number that must wait after wrong codes',
      { reason: 'wrong_codes', retryAfterSeconds: 900 },
      'too_many_attempts',
      'code',
      'Too many incorrect codes. Try again in 15 minutes.',
    ],
    [
      'a limit store that is down',
      { reason: 'store_down', retryAfterSeconds: 60 },
      'unavailable',
      undefined,
      'The sign-in service had a problem. Please try again.',
    ],
  ])('refused for %s: asks Stytch nothing and says %s', async (_, refusal, code, field, message) => {
    const { signIn, limits, stytch, cookies, log } = signInWith();
    limits.reserveTry.mockResolvedValue(refusal);
    const outcome = await signIn.verify(challengeFor(newPhone()), '123456');
    expect(shown(outcome, 'code')).toEqual({ status: 'error', code, message, ...(field ? { field } : {}) });
    expect(stytch.authenticateCode).not.toHaveBeenCalled();
    expect(limits.recordWrongCode).not.toHaveBeenCalled();
    expect(cookies.signedIn).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalledWith('verify_code', expect.objectContaining({ code }), expect.stringMatching(/^\+1/));
  });

  it.each<[string, Awaited<ReturnType<SignInLimits['recordWrongCode']>>, AuthErrorCode, string]>([
    ['4 tries left', { attemptsLeft: 4, refusal: null }, 'invalid_code', 'That code isn’t right. 4 tries left.'],
    ['1 try left', { attemptsLeft: 1, refusal: null }, 'invalid_code', 'That code isn’t right. 1 try left.'],
    [
      'the code spent',
      { attemptsLeft: 0, refusal: { reason: 'code_attempts', retryAfterSeconds: 3600 } },
      'code_attempts_used',
      'Too many incorrect tries for this code. Send a new code.',
    ],
    ...[
      [300, '5 minutes'],
      [900, '15 minutes'],
      [3600, '60 minutes'],
      [4 * 3600, '4 hours'],
      [24 * 3600, '24 hours'],
    ].map(([seconds, wait]): [string, Awaited<ReturnType<SignInLimits['recordWrongCode']>>, AuthErrorCode, string] => [
      `the number waiting ${wait}`,
      { attemptsLeft: 3, refusal: { reason: 'wrong_codes', retryAfterSeconds: Number(seconds) } },
      'too_many_attempts',
      `Too many incorrect codes. Try again in ${wait}.`,
    ]),
    [
      'the address waiting',
      { attemptsLeft: 3, refusal: { reason: 'wrong_codes', retryAfterSeconds: 1200 } },
      'too_many_attempts',
      'Too many incorrect codes. Try again in 20 minutes.',
    ],
  ])('a wrong code is counted, and the person learns of %s', async (_, counted, code, message) => {
    const { signIn, limits, stytch, cookies } = signInWith();
    stytch.authenticateCode.mockRejectedValue(stytchError('invalid_code', 'otp_code_not_found'));
    limits.recordWrongCode.mockResolvedValue(counted);
    const phoneNumber = newPhone();
    const challenge = challengeFor(phoneNumber);
    const outcome = await signIn.verify(challenge, '000001');
    expect(shown(outcome, 'code')).toEqual({ status: 'error', code, message, field: 'code' });
    expect(limits.recordWrongCode).toHaveBeenCalledWith({ phoneNumber, ip: IP }, RESERVED);
    expect(limits.releaseTry).not.toHaveBeenCalled();
    // Stytch's request id stays with the failure for the log, whatever the person is told.
    expect(outcome).toMatchObject({ error: { details: { requestId: 'request-id-test' } } });
    expect(cookies.signedIn).not.toHaveBeenCalled();
  });

  it.each<[string, Date | null, string]>([
    ['in 14 minutes', new Date(NOW + 14 * 60_000), 'Too many incorrect codes. Try again in 14 minutes.'],
    ['in 10 seconds (shown as a minute)', new Date(NOW + 10_000), 'Too many incorrect codes. Try again in 1 minute.'],
    ['at a time Stytch does not say (an hour)', null, 'Too many incorrect codes. Try again in 60 minutes.'],
  ])('a user Stytch has locked is told to come back when the lock ends: %s', async (_, lockExpiry, message) => {
    const { signIn, limits, stytch } = signInWith();
    stytch.authenticateCode.mockRejectedValue(stytchError('too_many_attempts', 'user_lock_limit_reached'));
    stytch.getLockExpiry.mockResolvedValue(lockExpiry);
    const outcome = await signIn.verify(challengeFor(newPhone()), '000001');
    expect(shown(outcome, 'code')).toEqual({ status: 'error', code: 'too_many_attempts', message, field: 'code' });
    expect(stytch.getLockExpiry).toHaveBeenCalledWith(STYTCH_USER_ID);
    expect(limits.recordWrongCode).not.toHaveBeenCalled();
  });

  it.each<[string, unknown, AuthErrorCode, string]>([
    [
      'the code expired',
      stytchError('code_expired', 'unable_to_auth_otp_code'),
      'code_expired',
      'That code has expired or was already used. Send a new code.',
    ],
    [
      'Stytch timed out',
      new AuthError('timeout', { errorType: 'timeout' }),
      'timeout',
      'The sign-in service is taking too long to answer. Please try again.',
    ],
    [
      'Stytch cannot be reached',
      new AuthError('unreachable', { errorType: 'request_error' }),
      'unreachable',
      'The sign-in service can’t be reached right now. Please try again in a moment.',
    ],
    [
      'Stytch failed',
      stytchError('unavailable', 'internal_server_error'),
      'unavailable',
      'The sign-in service had a problem. Please try again.',
    ],
  ])('%s: counts no wrong code and keeps the challenge for a retry', async (_, thrown, code, message) => {
    const { signIn, limits, stytch, session, cookies } = signInWith();
    stytch.authenticateCode.mockRejectedValue(thrown);
    const outcome = await signIn.verify(challengeFor(newPhone()), '123456');
    expect(shown(outcome, 'code')).toEqual({ status: 'error', code, message });
    expect(limits.recordWrongCode).not.toHaveBeenCalled();
    expect(cookies.signedIn).not.toHaveBeenCalled();
    expect(session.clearSession).not.toHaveBeenCalled();
  });

  it('when the users table fails, ends the new Stytch session and says the service had a problem', async () => {
    const { signIn, stytch, users, cookies, log } = signInWith();
    const phoneNumber = newPhone();
    const query = Object.assign(new Error(`insert into users values (${phoneNumber}) failed`), { code: '23505' });
    users.recordSignIn.mockRejectedValue(query);
    const outcome = await signIn.verify(challengeFor(phoneNumber), '123456');
    expect(shown(outcome, 'code')).toEqual({
      status: 'error',
      code: 'unavailable',
      message: 'The sign-in service had a problem. Please try again.',
    });
    expect(stytch.revokeSession).toHaveBeenCalledWith(SESSION.token);
    expect(cookies.signedIn).not.toHaveBeenCalled();
    expect(cookies.knownDevice).not.toHaveBeenCalled();
    // The log gets the error's name and code, never the query's text with the number in it.
    expect(log).toHaveBeenCalledWith(
      'verify_code',
      expect.objectContaining({ code: 'unavailable', details: { errorType: 'database:Error:23505' } }),
      expect.any(String),
    );
    expect(JSON.stringify(log.mock.calls)).not.toContain(phoneNumber.slice(1));
  });

  it('when the users table fails and so does ending the session, answers unavailable and queues the ending', async () => {
    const { signIn, users, stytch, session } = signInWith();
    users.recordSignIn.mockRejectedValue(new Error('connection refused'));
    stytch.revokeSession.mockRejectedValue(new AuthError('unreachable'));
    const outcome = await signIn.verify(challengeFor(newPhone()), '123456');
    expect(outcome).toMatchObject({
      ok: false,
      error: { code: 'unavailable', details: { errorType: 'database:Error' } },
    });
    // The orphan Stytch session is ended by the retries, not left live.
    expect(session.queueRevoke).toHaveBeenCalledWith({ sessionId: SESSION.sessionId });
  });

  it('when the users table fails during a reverify, keeps the person signed in: their session is no orphan', async () => {
    const { signIn, users, stytch, session } = signInWith();
    session.getSignedIn.mockResolvedValue({ userId: STYTCH_USER_ID, ...SESSION });
    users.recordSignIn.mockRejectedValue(new Error('connection refused'));
    const outcome = await signIn.verify({ ...challengeFor(newPhone()), reverify: 'delete-account' }, '123456');
    expect(outcome).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(stytch.revokeSession).not.toHaveBeenCalled();
    expect(session.queueRevoke).not.toHaveBeenCalled();
    expect(session.clearSession).not.toHaveBeenCalled();
  });
});

describe('verifying codes, with the real limits in memory', () => {
  it('five wrong codes spend the code; then even the right one is refused without asking Stytch', async () => {
    const { signIn, stytch } = signInWith({ limits: createSignInLimits(LIMITS_ENV, null) });
    const challenge = challengeFor(newPhone());
    stytch.authenticateCode.mockRejectedValue(stytchError('invalid_code', 'otp_code_not_found'));
    const messages = [];
    for (let guess = 0; guess < 5; guess++) messages.push(shown(await signIn.verify(challenge, '000001'), 'code'));
    expect(messages.map((state) => state?.status === 'error' && state.message)).toEqual([
      'That code isn’t right. 4 tries left.',
      'That code isn’t right. 3 tries left.',
      'That code isn’t right. 2 tries left.',
      'That code isn’t right. 1 try left.',
      'Too many incorrect tries for this code. Send a new code.',
    ]);
    stytch.authenticateCode.mockClear();
    expect(shown(await signIn.verify(challenge, '123456'), 'code')).toMatchObject({ code: 'code_attempts_used' });
    expect(stytch.authenticateCode).not.toHaveBeenCalled();
  });

  it('a number out of wrong codes from several browsers is refused before Stytch, whatever the code', async () => {
    const limits = createSignInLimits({ ...LIMITS_ENV, WRONG_CODES_PER_PHONE_PER_HOUR: 2 }, null);
    const phoneNumber = newPhone();
    const browser = (clientKey: string) => {
      const signingIn = signInWith({ limits, clientKey });
      signingIn.stytch.authenticateCode.mockRejectedValue(stytchError('invalid_code', 'otp_code_not_found'));
      return signingIn;
    };
    await browser('198.51.100.1').signIn.verify(challengeFor(phoneNumber), '000001');
    const second = await browser('198.51.100.2').signIn.verify(challengeFor(phoneNumber), '000001');
    expect(shown(second, 'code')).toMatchObject({ message: 'Too many incorrect codes. Try again in 5 minutes.' });
    const third = browser('198.51.100.3');
    const refused = await third.signIn.verify(challengeFor(phoneNumber), '123456');
    expect(shown(refused, 'code')).toEqual({
      status: 'error',
      code: 'too_many_attempts',
      message: 'Too many incorrect codes. Try again in 5 minutes.',
      field: 'code',
    });
    expect(third.stytch.authenticateCode).not.toHaveBeenCalled();
  });
});

describe.each(redisForThisFile().stores)('guessing one live code, with the real limits in %s', (_, store) => {
  const guessFrom = (signIn: SignIn, challenge: Challenge) => signIn.verify(challenge, '000001');

  it('25 concurrent wrong codes reach Stytch no more than five times', async () => {
    const limits = createSignInLimits(LIMITS_ENV, store());
    const { signIn, stytch } = signInWith({ limits, clientKey: `198.51.100.${randomUUID().slice(0, 4)}` });
    stytch.authenticateCode.mockRejectedValue(stytchError('invalid_code', 'otp_code_not_found'));
    const challenge = challengeFor(newPhone());
    // As a send does; the Redis of earlier runs may hold this number's last code.
    await limits.startCode(challenge.phoneNumber);
    await Promise.all(Array.from({ length: 25 }, () => guessFrom(signIn, challenge)));
    expect(stytch.authenticateCode).toHaveBeenCalledTimes(LIMITS_ENV.CODE_ATTEMPTS_PER_CODE);
  });

  it('two cookies for one number share the live code’s five tries', async () => {
    const limits = createSignInLimits(LIMITS_ENV, store());
    const phoneNumber = newPhone();
    const first = signInWith({ limits, clientKey: `198.51.100.${randomUUID().slice(0, 4)}` });
    const second = signInWith({ limits, clientKey: `203.0.113.${randomUUID().slice(0, 4)}` });
    for (const { stytch } of [first, second])
      stytch.authenticateCode.mockRejectedValue(stytchError('invalid_code', 'otp_code_not_found'));
    const [firstCookie, secondCookie] = [challengeFor(phoneNumber), { ...challengeFor(phoneNumber), sentAt: NOW }];
    await limits.startCode(phoneNumber);
    for (let guess = 0; guess < 5; guess++) {
      await guessFrom(first.signIn, firstCookie);
      await guessFrom(second.signIn, secondCookie);
    }
    const stytchCalls =
      first.stytch.authenticateCode.mock.calls.length + second.stytch.authenticateCode.mock.calls.length;
    expect(stytchCalls).toBe(LIMITS_ENV.CODE_ATTEMPTS_PER_CODE);
  });

  it('a burst of wrong codes from one browser does not lock out the phone’s holder: a fresh code signs in', async () => {
    const limits = createSignInLimits(LIMITS_ENV, store());
    const phoneNumber = newPhone();
    const attacker = signInWith({ limits, clientKey: `198.51.100.${randomUUID().slice(0, 4)}` });
    attacker.stytch.authenticateCode.mockRejectedValue(stytchError('invalid_code', 'otp_code_not_found'));
    const attackerCookie = challengeFor(phoneNumber);
    for (let round = 0; round < 4; round++) {
      await limits.startCode(phoneNumber);
      await Promise.all(Array.from({ length: 10 }, () => guessFrom(attacker.signIn, attackerCookie)));
    }
    expect(attacker.stytch.authenticateCode.mock.calls.length).toBeLessThan(LIMITS_ENV.WRONG_CODES_PER_PHONE_PER_HOUR);
    const holder = signInWith({ limits, clientKey: `203.0.113.${randomUUID().slice(0, 4)}` });
    const started = await holder.signIn.startChallenge(phoneNumber, undefined);
    expect(started).toMatchObject({ ok: true });
    expect(started.ok && (await holder.signIn.verify(started.challenge, '123456'))).toMatchObject({ ok: true });
  });
});

describe('signing out', () => {
  it('ends the session at Stytch and for every instance, then clears the cookie', async () => {
    const { signIn, stytch, session } = signInWith();
    session.getSignedIn.mockResolvedValue({ userId: STYTCH_USER_ID, ...SESSION });
    await signIn.signOut();
    expect(session.recordSessionRevoked).toHaveBeenCalledWith(SESSION.sessionId);
    expect(stytch.revokeSession).toHaveBeenCalledWith(SESSION.token);
    expect(session.clearSession).toHaveBeenCalled();
  });

  it('clears the cookie even when Stytch cannot be reached, and logs why', async () => {
    const { signIn, stytch, session, log } = signInWith();
    session.getSignedIn.mockResolvedValue({ userId: STYTCH_USER_ID, ...SESSION });
    stytch.revokeSession.mockRejectedValue(new AuthError('unreachable', { errorType: 'request_error' }));
    await signIn.signOut();
    expect(session.clearSession).toHaveBeenCalled();
    expect(log).toHaveBeenCalledWith('sign_out', expect.objectContaining({ code: 'unreachable' }));
    expect(session.queueRevoke).toHaveBeenCalledWith({ sessionId: SESSION.sessionId });
  });

  it('without a session, clears the cookie and asks Stytch nothing', async () => {
    const { signIn, stytch, session } = signInWith();
    await signIn.signOut();
    await signIn.signOutEverywhere();
    expect(stytch.revokeSession).not.toHaveBeenCalled();
    expect(stytch.revokeAllSessions).not.toHaveBeenCalled();
    expect(session.clearSession).toHaveBeenCalledTimes(2);
  });

  it('everywhere: ends every session of the user, even when Stytch fails', async () => {
    const { signIn, stytch, session, log } = signInWith();
    session.getCurrentUser.mockResolvedValue({
      userId: STYTCH_USER_ID,
      sessionId: SESSION.sessionId,
      startedAt: SESSION.startedAt,
      expiresAt: SESSION.expiresAt,
    });
    stytch.revokeAllSessions.mockRejectedValue(new AuthError('timeout', { errorType: 'timeout' }));
    await signIn.signOutEverywhere();
    expect(session.recordUserRevoked).toHaveBeenCalledWith(STYTCH_USER_ID);
    expect(stytch.revokeAllSessions).toHaveBeenCalledWith(STYTCH_USER_ID);
    expect(session.clearSession).toHaveBeenCalled();
    expect(log).toHaveBeenCalledWith('sign_out_everywhere', expect.objectContaining({ code: 'timeout' }));
    expect(session.queueRevoke).toHaveBeenCalledWith({ userId: STYTCH_USER_ID });
  });
});

describe('changing the number', () => {
  const signedIn = () => {
    const setup = signInWith();
    setup.session.getCurrentUser.mockResolvedValue(SIGNED_IN_USER);
    setup.session.getSignedIn.mockResolvedValue({ userId: STYTCH_USER_ID, ...SESSION });
    return setup;
  };

  it('sends the code to the new number through the session, within the sign-in limits of that number', async () => {
    const { signIn, stytch, limits, session } = signedIn();
    const phone = newPhone();
    const outcome = await signIn.startNumberChange(phone);
    expect(outcome).toMatchObject({ ok: true, challenge: { phoneNumber: phone, changesNumber: true } });
    expect(stytch.sendSessionSmsCode).toHaveBeenCalledWith(
      expect.objectContaining({ phoneNumber: phone, sessionToken: SESSION.token }),
    );
    expect(stytch.sendSmsCode).not.toHaveBeenCalled();
    expect(limits.allowSend).toHaveBeenCalledWith(expect.objectContaining({ phoneNumber: phone, ip: IP }));
    expect(session.saveChallenge).toHaveBeenCalledWith(expect.objectContaining({ changesNumber: true }));
  });

  it('a change to another number removes the new number the abandoned change had attached', async () => {
    const { signIn, stytch, session } = signedIn();
    const abandoned = { ...challengeFor(newPhone()), changesNumber: true as const };
    session.getChallenge.mockResolvedValue(abandoned);
    await signIn.startNumberChange(newPhone());
    expect(stytch.deletePhoneNumber).toHaveBeenCalledWith(abandoned.phoneId);
  });

  it('keeping the number removes the new one from the account and forgets its code', async () => {
    const { signIn, stytch, session } = signedIn();
    const abandoned = { ...challengeFor(newPhone()), changesNumber: true as const };
    session.getChallenge.mockResolvedValue(abandoned);
    await signIn.abandonNumberChange();
    expect(stytch.deletePhoneNumber).toHaveBeenCalledWith(abandoned.phoneId);
    expect(session.saveSignedIn).toHaveBeenCalledWith({ userId: STYTCH_USER_ID, ...SESSION });
  });

  it("a number another account is changing to signs its owner into their own account, never the changer's", async () => {
    const { signIn, stytch, users } = signInWith();
    const ownAccount = { phoneId: 'phone-number-test-owner', userId: 'user-test-owner', userCreated: true };
    stytch.sendSmsCode
      .mockResolvedValueOnce({ phoneId: 'phone-number-test-attached', userId: STYTCH_USER_ID, userCreated: false })
      .mockResolvedValueOnce(ownAccount);
    stytch.isUnverifiedNewNumber.mockResolvedValue(true);
    users.getUserByStytchId.mockResolvedValue({ phoneId: OLD_PHONE_ID, phoneNumber: OLD_PHONE });
    const outcome = await signIn.startChallenge(newPhone(), undefined);
    expect(stytch.isUnverifiedNewNumber).toHaveBeenCalledWith(STYTCH_USER_ID, 'phone-number-test-attached');
    expect(stytch.deletePhoneNumber).toHaveBeenCalledWith('phone-number-test-attached');
    expect(outcome).toMatchObject({
      ok: true,
      challenge: { userId: 'user-test-owner', phoneId: 'phone-number-test-owner' },
    });
  });

  it("a returning user's sign-in asks Stytch nothing more when the row already knows the phone", async () => {
    const { signIn, stytch } = signInWith();
    stytch.sendSmsCode.mockResolvedValue({ phoneId: OLD_PHONE_ID, userId: STYTCH_USER_ID, userCreated: false });
    await signIn.startChallenge(newPhone(), undefined);
    expect(stytch.isUnverifiedNewNumber).not.toHaveBeenCalled();
    expect(stytch.sendSmsCode).toHaveBeenCalledTimes(1);
  });

  it('refuses the number the account already has, sending nothing', async () => {
    const { signIn, stytch } = signedIn();
    const outcome = await signIn.startNumberChange(OLD_PHONE);
    expect(!outcome.ok && shown(outcome, 'phone')).toEqual(
      failureState(wordsFor('en'), { code: 'same_phone' }, 'phone'),
    );
    expect(stytch.sendSessionSmsCode).not.toHaveBeenCalled();
  });

  it('refuses a number of another account at the field, with its limits given back', async () => {
    const { signIn, stytch, limits } = signedIn();
    stytch.sendSessionSmsCode.mockRejectedValue(stytchError('phone_taken', 'duplicate_phone_number'));
    const outcome = await signIn.startNumberChange(newPhone());
    expect(!outcome.ok && shown(outcome, 'phone')).toEqual(
      failureState(wordsFor('en'), { code: 'phone_taken' }, 'phone'),
    );
    expect(limits.refundSend).toHaveBeenCalled();
  });

  it('verifies the code on the session, removes the old phone at Stytch, then moves the row to the new one', async () => {
    const { signIn, stytch, users, cookies } = signedIn();
    const challenge = { ...challengeFor(newPhone()), changesNumber: true as const };
    const order: string[] = [];
    stytch.deletePhoneNumber.mockImplementation(async () => void order.push('stytch'));
    users.changePhoneNumber.mockImplementation(async () => void order.push('row'));

    expect(await signIn.verify(challenge, '123456')).toEqual({ ok: true, userCreated: false });
    expect(stytch.authenticateCode).toHaveBeenCalledWith(expect.objectContaining({ sessionToken: SESSION.token }));
    expect(stytch.deletePhoneNumber).toHaveBeenCalledWith(OLD_PHONE_ID);
    expect(users.changePhoneNumber).toHaveBeenCalledWith(STYTCH_USER_ID, {
      stytchUserId: STYTCH_USER_ID,
      phoneId: challenge.phoneId,
      phoneNumber: challenge.phoneNumber,
    });
    expect(order).toEqual(['stytch', 'row']);
    expect(users.recordSignIn).not.toHaveBeenCalled();
    expect(cookies.signedIn).toHaveBeenCalled();
  });

  it('keeps the old number in the row when Stytch cannot remove it, so a new code can finish the change', async () => {
    const { signIn, stytch, users, cookies } = signedIn();
    stytch.deletePhoneNumber.mockRejectedValue(new AuthError('unavailable'));
    const challenge = { ...challengeFor(newPhone()), changesNumber: true as const };
    const outcome = await signIn.verify(challenge, '123456');
    expect(outcome).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(users.changePhoneNumber).not.toHaveBeenCalled();
    expect(cookies.signedIn).not.toHaveBeenCalled();
  });

  it('does not remove a phone that is already the new one (a change finished at Stytch, retried)', async () => {
    const { signIn, stytch, users } = signedIn();
    const challenge = { ...challengeFor(newPhone()), changesNumber: true as const };
    users.getUserByStytchId.mockResolvedValue({ phoneId: challenge.phoneId, phoneNumber: challenge.phoneNumber });
    expect((await signIn.verify(challenge, '123456')).ok).toBe(true);
    expect(stytch.deletePhoneNumber).not.toHaveBeenCalled();
  });
});

describe('account changes', () => {
  it('are counted per user and address, and refused past the budget with the wait', async () => {
    const { signIn, limits, session } = signInWith();
    session.getCurrentUser.mockResolvedValue(SIGNED_IN_USER);
    expect(await signIn.allowAccountChange()).toEqual({ ok: true });
    expect(limits.allowAccountAction).toHaveBeenCalledWith({ userId: STYTCH_USER_ID, ip: IP });

    limits.allowAccountAction.mockResolvedValue({ reason: 'account', retryAfterSeconds: 600 });
    const refused = await signIn.allowAccountChange();
    expect(refused && !refused.ok && shown(refused, 'phone')).toEqual(
      failureState(wordsFor('en'), { code: 'account_rate_limited', context: { waitSeconds: 600 } }),
    );
  });

  it('count nothing when nobody is signed in', async () => {
    const { signIn, limits } = signInWith();
    expect(await signIn.allowAccountChange()).toBeNull();
    expect(limits.allowAccountAction).not.toHaveBeenCalled();
  });
});

describe('the abuse counters', () => {
  // A reader the test collects from, in place of the OTLP export instrumentation-node.ts registers.
  class CollectingReader extends MetricReader {
    protected async onShutdown() {}
    protected async onForceFlush() {}
  }

  afterEach(() => metrics.disable());

  it('count a send and a verified sign-in for the number’s country, and log this process’s totals', async () => {
    const reader = new CollectingReader();
    metrics.setGlobalMeterProvider(new MeterProvider({ readers: [reader] }));
    const lines = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const { signIn } = signInWith({ telemetry });
    const phoneNumber = newPhone();
    const counted = async () => {
      const { resourceMetrics } = await reader.collect();
      const points = resourceMetrics.scopeMetrics.flatMap(({ metrics: all }) =>
        all.flatMap(({ descriptor, dataPoints }) =>
          dataPoints.map(({ attributes, value }) => [`${descriptor.name} ${String(attributes.country)}`, value]),
        ),
      );
      return Object.fromEntries(points);
    };

    await signIn.startChallenge(phoneNumber, undefined);
    expect(await counted()).toEqual({ 'passcode.sms.sent 1': 1 });
    await signIn.verify(challengeFor(phoneNumber), '123456');
    expect(await counted()).toEqual({ 'passcode.sms.sent 1': 1, 'passcode.sign_ins.verified 1': 1 });

    const events = lines.mock.calls.map(([line]) => JSON.parse(String(line)) as Record<string, unknown>);
    expect(events).toEqual([
      expect.objectContaining({ event: 'sms_sent', country: '1', signed_in_before: false, proof_of_work: false }),
      expect.objectContaining({ event: 'sign_in_verified', country: '1' }),
    ]);
    const [sent, verified] = events;
    expect(verified?.sent).toBe(sent?.sent);
    expect(verified?.verified).toBe(Number(sent?.verified) + 1);
    lines.mockRestore();
  });

  it('count a refusal with its reason and country', async () => {
    const reader = new CollectingReader();
    metrics.setGlobalMeterProvider(new MeterProvider({ readers: [reader] }));
    const { signIn, limits } = signInWith({ telemetry });
    limits.allowSend.mockResolvedValue({ reason: 'proof', retryAfterSeconds: 1800 });
    await signIn.startChallenge(newPhone(), undefined);
    const { resourceMetrics } = await reader.collect();
    const refused = resourceMetrics.scopeMetrics
      .flatMap(({ metrics: all }) => all)
      .find(({ descriptor }) => descriptor.name === 'passcode.sign_ins.refused');
    expect(refused?.dataPoints.map(({ attributes, value }) => ({ attributes, value }))).toEqual([
      { attributes: { country: '1', reason: 'limit:proof' }, value: 1 },
    ]);
  });
});
