import { decodeJwt } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SMS_LOCALES } from './sms-text';
import { expectStytchError, signIn, startHarness, type Harness } from './testing/harness';
import { conforming } from './testing/openapi';

const PHONE = '+12025550162';
const OTHER_PHONE = '+16135550123';
const UK_PHONE = '+447700900123';
const SANDBOX = '+10000000000';
const UNKNOWN_METHOD_ID = 'phone-number-test-00000000-0000-4000-8000-000000000000';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(() => harness.stop());
beforeEach(() => harness.reset());

function loginOrCreate(
  phoneNumber: string,
  extra: {
    expiration_minutes?: number;
    create_user_as_pending?: boolean;
    locale?: string;
    attributes?: { ip_address?: string; user_agent?: string };
  } = {},
) {
  return conforming(
    'POST /v1/otps/sms/login_or_create',
    harness.client.otps.sms.loginOrCreate({ phone_number: phoneNumber, ...extra }),
  );
}

function authenticate(methodId: string, code: string, sessionDurationMinutes?: number) {
  return conforming(
    'POST /v1/otps/authenticate',
    harness.client.otps.authenticate({
      method_id: methodId,
      code,
      ...(sessionDurationMinutes === undefined ? {} : { session_duration_minutes: sessionDurationMinutes }),
    }),
  );
}

function getUser(userId: string) {
  return conforming('GET /v1/users/{user_id}', harness.client.users.get({ user_id: userId }));
}

describe('POST /v1/otps/sms/login_or_create', () => {
  it('creates an active user with an unverified phone and texts a 6-digit code valid for 2 minutes', async () => {
    const sent = await loginOrCreate(PHONE);
    expect(sent).toMatchObject({ status_code: 200, user_created: true });
    expect(sent.user_id).toMatch(/^user-test-[0-9a-f-]{36}$/);
    expect(sent.phone_id).toMatch(/^phone-number-test-[0-9a-f-]{36}$/);
    expect(sent.request_id).toMatch(/^request-id-test-[0-9a-f-]{36}$/);

    const [message, ...older] = await harness.messages(PHONE);
    expect(older).toEqual([]);
    expect(message?.code).toMatch(/^\d{6}$/);
    expect(message?.body).toBe(`${message?.code} is your verification code`);
    expect(Date.parse(message?.expires_at ?? '') - Date.parse(message?.sent_at ?? '')).toBe(2 * 60_000);

    const user = await getUser(sent.user_id);
    expect(user.status).toBe('active');
    expect(user.phone_numbers).toEqual([{ phone_id: sent.phone_id, phone_number: PHONE, verified: false }]);
  });

  it('finds the same user and phone on the next call and reports user_created false', async () => {
    const first = await loginOrCreate(PHONE);
    const second = await loginOrCreate(PHONE);
    expect(second).toMatchObject({ user_id: first.user_id, phone_id: first.phone_id, user_created: false });
    expect(await harness.messages(PHONE)).toHaveLength(2);
  });

  it('creates a pending user that authenticating turns active with a verified phone', async () => {
    const sent = await loginOrCreate(PHONE, { create_user_as_pending: true });
    expect((await getUser(sent.user_id)).status).toBe('pending');

    const result = await authenticate(sent.phone_id, await harness.latestCode(PHONE));
    expect(result.user.status).toBe('active');
    expect(result.user.phone_numbers).toEqual([{ phone_id: sent.phone_id, phone_number: PHONE, verified: true }]);
  });

  it('honours expiration_minutes', async () => {
    await loginOrCreate(PHONE, { expiration_minutes: 10 });
    const [message] = await harness.messages(PHONE);
    expect(Date.parse(message?.expires_at ?? '') - Date.parse(message?.sent_at ?? '')).toBe(10 * 60_000);
  });

  it.each([
    ['no leading +', '12025550162', 'invalid_phone_number'],
    ['a leading zero', '+0123456789', 'invalid_phone_number'],
    ['7 digits', '+1234567', 'invalid_phone_number'],
    ['16 digits', '+1234567890123456', 'invalid_phone_number'],
    ['spaces', '+1 202 555 0162', 'invalid_phone_number'],
    ['an international-networks number', '+88212345678', 'invalid_phone_number_country_code'],
    ['a premium-rate number', '+979123456789', 'invalid_phone_number_country_code'],
  ])('rejects a phone number with %s', async (_, phoneNumber, errorType) => {
    await expectStytchError(harness.client.otps.sms.loginOrCreate({ phone_number: phoneNumber }), errorType, 400);
    expect(await harness.messages()).toEqual([]);
  });

  it.each([0, 11, -1])('rejects expiration_minutes %i', async (minutes) => {
    await expectStytchError(
      harness.client.otps.sms.loginOrCreate({ phone_number: PHONE, expiration_minutes: minutes }),
      'invalid_expiration_otp',
      400,
    );
  });

  it('accepts every documented locale and rejects others', async () => {
    for (const locale of ['en', 'es', 'pt-br', 'fr']) {
      await loginOrCreate(PHONE, { locale });
    }
    await expectStytchError(
      harness.client.otps.sms.loginOrCreate({ phone_number: OTHER_PHONE, locale: 'xx' }),
      'invalid_locale',
      400,
    );
  });
});

describe('SMS locale', () => {
  it('texts each locale Stytch supports in its own language and records the locale in the outbox', async () => {
    const bodies = new Set<string>();
    for (const locale of SMS_LOCALES) {
      await loginOrCreate(PHONE, { locale });
      const [message] = await harness.messages(PHONE);
      expect(message?.locale).toBe(locale);
      expect(message?.body).toContain(message?.code ?? 'no code');
      bodies.add(message?.body.replace(message.code, '') ?? '');
      await harness.advanceClock(3600);
    }
    expect(bodies.size).toBe(SMS_LOCALES.length);
  });

  it('texts in English and records a null locale when the send names none', async () => {
    await loginOrCreate(PHONE);
    const [message] = await harness.messages(PHONE);
    expect(message).toMatchObject({ locale: null, body: `${message?.code} is your verification code` });
  });

  it('honours locale on sms/send', async () => {
    await loginOrCreate(PHONE);
    await conforming('POST /v1/otps/sms/send', harness.client.otps.sms.send({ phone_number: PHONE, locale: 'es' }));
    const [message] = await harness.messages(PHONE);
    expect(message).toMatchObject({ locale: 'es', body: `${message?.code} es tu código de verificación` });
  });

  it('reads an empty locale as none', async () => {
    await loginOrCreate(PHONE, { locale: '' });
    expect((await harness.messages(PHONE))[0]?.locale).toBeNull();
  });

  it.each(['xx', 'de', 'ES', 'pt-BR'])(
    'answers invalid_locale for locale "%s" on both routes and texts nothing',
    async (locale) => {
      await loginOrCreate(PHONE);
      await expectStytchError(harness.client.otps.sms.send({ phone_number: PHONE, locale }), 'invalid_locale', 400);
      await expectStytchError(
        harness.client.otps.sms.loginOrCreate({ phone_number: OTHER_PHONE, locale }),
        'invalid_locale',
        400,
      );
      expect(await harness.messages()).toHaveLength(1);
    },
  );
});

describe('SMS send rate limit', () => {
  it('allows 10 sends per phone per clock hour, then answers too_many_requests until the next hour', async () => {
    const { user_id } = await loginOrCreate(PHONE);
    for (let sent = 1; sent < 10; sent += 1) {
      await conforming('POST /v1/otps/sms/send', harness.client.otps.sms.send({ phone_number: PHONE }));
    }
    await expectStytchError(harness.client.otps.sms.loginOrCreate({ phone_number: PHONE }), 'too_many_requests', 429);
    await expectStytchError(harness.client.otps.sms.send({ phone_number: PHONE }), 'too_many_requests', 429);
    expect(await harness.messages(PHONE)).toHaveLength(10);
    // Other numbers have their own allowance.
    await loginOrCreate(OTHER_PHONE);

    const now = await harness.now();
    await harness.advanceClock(3600 - ((now.getTime() / 1000) % 3600) + 1);
    expect(await loginOrCreate(PHONE)).toMatchObject({ user_id, user_created: false });
  });

  it('never limits the sandbox number', async () => {
    for (let sent = 0; sent < 12; sent += 1) await loginOrCreate(SANDBOX);
  });

  it('takes its limit from the emulator options', async () => {
    const strict = await startHarness({ limits: { smsSendsPerHour: 1 } });
    try {
      await strict.client.otps.sms.loginOrCreate({ phone_number: PHONE });
      await expectStytchError(strict.client.otps.sms.loginOrCreate({ phone_number: PHONE }), 'too_many_requests', 429);
    } finally {
      await strict.stop();
    }
  });
});

describe('unsupported countries', () => {
  it('follows the configured calling-code list instead of the default one', async () => {
    const ukOff = await startHarness({ unsupportedCallingCodes: ['44'], smsAllowedCountries: '*' });
    try {
      await expectStytchError(
        ukOff.client.otps.sms.loginOrCreate({ phone_number: UK_PHONE }),
        'invalid_phone_number_country_code',
        400,
      );
      await ukOff.client.otps.sms.loginOrCreate({ phone_number: '+88212345678' });
    } finally {
      await ukOff.stop();
    }
  });
});

describe('SMS country allowlist', () => {
  it.each([
    ['a US', PHONE],
    ['a Canadian', OTHER_PHONE],
  ])('texts %s number by default', async (_, phoneNumber) => {
    await loginOrCreate(phoneNumber);
    expect(await harness.messages(phoneNumber)).toHaveLength(1);
  });

  it.each([
    ['a UK', UK_PHONE],
    ['a French', '+33612345678'],
    ['a Bahamas (+1 242)', '+12425550123'],
  ])('refuses %s number by default with invalid_phone_number_country_code, on both routes', async (_, phoneNumber) => {
    await expectStytchError(
      harness.client.otps.sms.loginOrCreate({ phone_number: phoneNumber }),
      'invalid_phone_number_country_code',
      400,
    );
    const { user_id } = await loginOrCreate(PHONE);
    await expectStytchError(
      harness.client.otps.sms.send({ phone_number: phoneNumber, user_id }),
      'invalid_phone_number_country_code',
      400,
    );
    expect(await harness.messages(phoneNumber)).toEqual([]);
    expect((await getUser(user_id)).phone_numbers).toHaveLength(1);
  });

  it('follows the configured list, and still answers the sandbox number', async () => {
    const ukOnly = await startHarness({ smsAllowedCountries: ['GB'] });
    try {
      await ukOnly.client.otps.sms.loginOrCreate({ phone_number: UK_PHONE });
      await expectStytchError(
        ukOnly.client.otps.sms.loginOrCreate({ phone_number: PHONE }),
        'invalid_phone_number_country_code',
        400,
      );
      await ukOnly.client.otps.sms.loginOrCreate({ phone_number: SANDBOX });
    } finally {
      await ukOnly.stop();
    }
  });

  it('texts every country with "*", except the unsupported calling codes', async () => {
    const open = await startHarness({ smsAllowedCountries: '*' });
    try {
      for (const phoneNumber of [UK_PHONE, '+33612345678', '+5511987654321']) {
        await open.client.otps.sms.loginOrCreate({ phone_number: phoneNumber });
      }
      await expectStytchError(
        open.client.otps.sms.loginOrCreate({ phone_number: '+88212345678' }),
        'invalid_phone_number_country_code',
        400,
      );
      expect(await open.messages()).toHaveLength(3);
    } finally {
      await open.stop();
    }
  });
});

describe('POST /v1/otps/sms/send', () => {
  it('texts a known phone a new code that supersedes the previous one', async () => {
    const created = await loginOrCreate(PHONE);
    const firstCode = await harness.latestCode(PHONE);
    const sent = await conforming('POST /v1/otps/sms/send', harness.client.otps.sms.send({ phone_number: PHONE }));
    expect(sent).toMatchObject({ user_id: created.user_id, phone_id: created.phone_id });
    const secondCode = await harness.latestCode(PHONE);

    // Two random codes collide once in a million runs; the older one is then the live one and this would fail.
    await expectStytchError(
      harness.client.otps.authenticate({ method_id: sent.phone_id, code: firstCode }),
      'unable_to_auth_otp_code',
      401,
    );
    expect((await authenticate(sent.phone_id, secondCode)).method_id).toBe(sent.phone_id);
  });

  it('answers phone_number_not_found for a number no user has', async () => {
    await expectStytchError(harness.client.otps.sms.send({ phone_number: PHONE }), 'phone_number_not_found', 404);
    expect(await harness.messages()).toEqual([]);
  });

  it('adds a second phone to a user named by user_id, verified once its code is authenticated', async () => {
    const { user_id } = await loginOrCreate(PHONE);
    const sent = await conforming(
      'POST /v1/otps/sms/send',
      harness.client.otps.sms.send({ phone_number: OTHER_PHONE, user_id }),
    );
    expect(sent.user_id).toBe(user_id);
    expect((await getUser(user_id)).phone_numbers).toContainEqual({
      phone_id: sent.phone_id,
      phone_number: OTHER_PHONE,
      verified: false,
    });

    await authenticate(sent.phone_id, await harness.latestCode(OTHER_PHONE));
    await harness.advanceClock(600);
    expect((await getUser(user_id)).phone_numbers).toContainEqual({
      phone_id: sent.phone_id,
      phone_number: OTHER_PHONE,
      verified: true,
    });
  });

  it('drops an added phone that is not verified within 5 minutes', async () => {
    const { user_id } = await loginOrCreate(PHONE);
    const sent = await harness.client.otps.sms.send({ phone_number: OTHER_PHONE, user_id });
    await harness.advanceClock(301);
    expect((await getUser(user_id)).phone_numbers.map((phone) => phone.phone_number)).toEqual([PHONE]);
    await expectStytchError(
      harness.client.otps.authenticate({ method_id: sent.phone_id, code: await harness.latestCode(OTHER_PHONE) }),
      'phone_number_not_found',
      404,
    );
  });

  it('adds the phone to the user of a session token', async () => {
    const { user_id, phone_id } = await loginOrCreate(PHONE);
    const signedIn = await authenticate(phone_id, await harness.latestCode(PHONE), 30);
    const { session_token } = signedIn;
    const sent = await harness.client.otps.sms.send({ phone_number: OTHER_PHONE, session_token });
    expect(sent.user_id).toBe(user_id);
  });

  it('drops a phone added through a session unless its code is authenticated on that session within 5 minutes', async () => {
    const signedIn = await signIn(harness, PHONE);
    const { session_token } = signedIn;
    const dropped = await conforming(
      'POST /v1/otps/sms/send',
      harness.client.otps.sms.send({ phone_number: OTHER_PHONE, session_token }),
    );
    await harness.advanceClock(299);
    expect((await getUser(signedIn.user_id)).phone_numbers).toHaveLength(2);
    await harness.advanceClock(2);
    expect((await getUser(signedIn.user_id)).phone_numbers.map((phone) => phone.phone_number)).toEqual([PHONE]);
    await expectStytchError(
      harness.client.otps.authenticate({
        method_id: dropped.phone_id,
        code: await harness.latestCode(OTHER_PHONE),
        session_token,
      }),
      'phone_number_not_found',
      404,
    );

    const kept = await harness.client.otps.sms.send({ phone_number: OTHER_PHONE, session_token });
    const verified = await conforming(
      'POST /v1/otps/authenticate',
      harness.client.otps.authenticate({
        method_id: kept.phone_id,
        code: await harness.latestCode(OTHER_PHONE),
        session_token,
      }),
    );
    expect(verified.session?.session_id).toBe(signedIn.session?.session_id);
    expect(verified.session?.authentication_factors.map((factor) => factor.phone_number_factor?.phone_id)).toContain(
      kept.phone_id,
    );
    await harness.advanceClock(600);
    expect((await getUser(signedIn.user_id)).phone_numbers).toContainEqual({
      phone_id: kept.phone_id,
      phone_number: OTHER_PHONE,
      verified: true,
    });
  });

  it('refuses a user_id that does not exist', async () => {
    await expectStytchError(
      harness.client.otps.sms.send({ phone_number: PHONE, user_id: 'user-test-00000000-0000-4000-8000-000000000000' }),
      'user_not_found',
      404,
    );
  });

  it('adds the phone to the user of a session JWT, unverified until its code is authenticated', async () => {
    const signedIn = await signIn(harness, PHONE);
    const sent = await conforming(
      'POST /v1/otps/sms/send',
      harness.client.otps.sms.send({ phone_number: OTHER_PHONE, session_jwt: signedIn.session_jwt }),
    );
    expect(sent.user_id).toBe(signedIn.user_id);
    expect((await getUser(signedIn.user_id)).phone_numbers).toEqual([
      { phone_id: signedIn.method_id, phone_number: PHONE, verified: true },
      { phone_id: sent.phone_id, phone_number: OTHER_PHONE, verified: false },
    ]);
  });

  it('refuses, through a session, a number of another user: nothing is attached or texted', async () => {
    const owner = await loginOrCreate(OTHER_PHONE);
    const signedIn = await signIn(harness, PHONE);
    await expectStytchError(
      harness.client.otps.sms.send({ phone_number: OTHER_PHONE, session_token: signedIn.session_token }),
      'duplicate_phone_number',
      400,
    );
    expect((await getUser(signedIn.user_id)).phone_numbers).toHaveLength(1);
    expect((await getUser(owner.user_id)).phone_numbers).toHaveLength(1);
    expect(await harness.messages(OTHER_PHONE)).toHaveLength(1);
  });

  it('refuses to move a phone that belongs to another user', async () => {
    await loginOrCreate(PHONE);
    const other = await loginOrCreate(OTHER_PHONE);
    await expectStytchError(
      harness.client.otps.sms.send({ phone_number: PHONE, user_id: other.user_id }),
      'duplicate_phone_number',
      400,
    );
  });
});

describe('POST /v1/otps/authenticate', () => {
  it('without session_duration_minutes verifies the phone but starts no session', async () => {
    const sent = await loginOrCreate(PHONE);
    const result = await authenticate(sent.phone_id, await harness.latestCode(PHONE));
    expect(result).toMatchObject({
      status_code: 200,
      user_id: sent.user_id,
      method_id: sent.phone_id,
      reset_sessions: false,
      session_token: '',
      session_jwt: '',
    });
    expect(result).not.toHaveProperty('session');
    expect(result.user.phone_numbers[0]?.verified).toBe(true);
    expect((await harness.client.sessions.get({ user_id: sent.user_id })).sessions).toEqual([]);
  });

  it('with session_duration_minutes starts a session with an SMS factor', async () => {
    const sent = await loginOrCreate(PHONE);
    const result = await authenticate(sent.phone_id, await harness.latestCode(PHONE), 60);
    const session = result.session;
    expect(result.session_token).toMatch(/^[A-Za-z0-9_-]{44}$/);
    expect(result.session_jwt.split('.')).toHaveLength(3);
    expect(session?.session_id).toMatch(/^session-test-[0-9a-f-]{36}$/);
    expect(session?.user_id).toBe(sent.user_id);
    expect(Date.parse(session?.expires_at ?? '') - Date.parse(session?.started_at ?? '')).toBe(60 * 60_000);
    expect(session?.authentication_factors).toEqual([
      expect.objectContaining({
        type: 'otp',
        delivery_method: 'sms',
        phone_number_factor: { phone_id: sent.phone_id, phone_number: PHONE },
      }),
    ]);
  });

  it.each([5, 527040])('accepts session_duration_minutes %i', async (minutes) => {
    const sent = await loginOrCreate(PHONE);
    const { session } = await authenticate(sent.phone_id, await harness.latestCode(PHONE), minutes);
    expect(Date.parse(session?.expires_at ?? '') - Date.parse(session?.started_at ?? '')).toBe(minutes * 60_000);
  });

  it.each([4, 527041, 0])('rejects session_duration_minutes %i', async (minutes) => {
    const sent = await loginOrCreate(PHONE);
    await expectStytchError(
      harness.client.otps.authenticate({
        method_id: sent.phone_id,
        code: await harness.latestCode(PHONE),
        session_duration_minutes: minutes,
      }),
      'invalid_session_duration_minutes',
      400,
    );
  });

  it('answers otp_code_not_found for a wrong code and still accepts the right one afterwards', async () => {
    const sent = await loginOrCreate(PHONE);
    const code = await harness.latestCode(PHONE);
    const wrong = code === '111111' ? '222222' : '111111';
    await expectStytchError(
      harness.client.otps.authenticate({ method_id: sent.phone_id, code: wrong }),
      'otp_code_not_found',
      404,
    );
    await authenticate(sent.phone_id, code);
  });

  it('answers unable_to_auth_otp_code for a code already used', async () => {
    const sent = await loginOrCreate(PHONE);
    const code = await harness.latestCode(PHONE);
    await authenticate(sent.phone_id, code);
    await expectStytchError(
      harness.client.otps.authenticate({ method_id: sent.phone_id, code }),
      'unable_to_auth_otp_code',
      401,
    );
  });

  it('answers unable_to_auth_otp_code once the code has expired', async () => {
    const sent = await loginOrCreate(PHONE);
    const code = await harness.latestCode(PHONE);
    await harness.advanceClock(121);
    await expectStytchError(
      harness.client.otps.authenticate({ method_id: sent.phone_id, code }),
      'unable_to_auth_otp_code',
      401,
    );
  });

  it('accepts a code just before it expires', async () => {
    const sent = await loginOrCreate(PHONE);
    const code = await harness.latestCode(PHONE);
    await harness.advanceClock(115);
    await authenticate(sent.phone_id, code);
  });

  it.each(['12345', '1234567', 'abcdef', '12 456', ''])('answers invalid_code for code "%s"', async (code) => {
    const sent = await loginOrCreate(PHONE);
    await expectStytchError(harness.client.otps.authenticate({ method_id: sent.phone_id, code }), 'invalid_code', 400);
  });

  it.each(['', 'phone-number-test-123', 'user-test-00000000-0000-4000-8000-000000000000'])(
    'answers invalid_method_id for method_id "%s"',
    async (methodId) => {
      await expectStytchError(
        harness.client.otps.authenticate({ method_id: methodId, code: '123456' }),
        'invalid_method_id',
        400,
      );
    },
  );

  it('answers phone_number_not_found for a well-formed but unknown method_id', async () => {
    await expectStytchError(
      harness.client.otps.authenticate({ method_id: UNKNOWN_METHOD_ID, code: '123456' }),
      'phone_number_not_found',
      404,
    );
  });

  it('refuses session_token and session_jwt together', async () => {
    const sent = await loginOrCreate(PHONE);
    await expectStytchError(
      harness.client.otps.authenticate({
        method_id: sent.phone_id,
        code: await harness.latestCode(PHONE),
        session_token: 'a',
        session_jwt: 'b',
      }),
      'too_many_session_arguments',
      400,
    );
  });

  it('adds the factor to an existing session and extends it', async () => {
    const sent = await loginOrCreate(PHONE);
    const first = await authenticate(sent.phone_id, await harness.latestCode(PHONE), 10);
    await harness.advanceClock(60);
    await harness.client.otps.sms.send({ phone_number: PHONE });
    const second = await conforming(
      'POST /v1/otps/authenticate',
      harness.client.otps.authenticate({
        method_id: sent.phone_id,
        code: await harness.latestCode(PHONE),
        session_token: first.session_token,
        session_duration_minutes: 30,
      }),
    );
    expect(second.session?.session_id).toBe(first.session?.session_id);
    expect(second.session_token).toBe(first.session_token);
    expect(second.session?.authentication_factors).toHaveLength(1);
    const lastAccessed = Date.parse(second.session?.last_accessed_at ?? '');
    expect(Date.parse(second.session?.expires_at ?? '') - lastAccessed).toBe(30 * 60_000);
  });
});

describe('POST /v1/otps/authenticate with a session (reverification)', () => {
  /** Texts PHONE a fresh code and authenticates it on the session the credential names. */
  async function reverify(methodId: string, session: { session_token: string } | { session_jwt: string }) {
    await harness.client.otps.sms.send({ phone_number: PHONE, ...session });
    const code = await harness.latestCode(PHONE);
    return conforming(
      'POST /v1/otps/authenticate',
      harness.client.otps.authenticate({ method_id: methodId, code, ...session }),
    );
  }

  it.each(['session_token', 'session_jwt'] as const)(
    'by %s refreshes the factor on the same session: last_authenticated_at moves, created_at stays',
    async (credential) => {
      const signedIn = await signIn(harness, PHONE);
      const [before] = signedIn.session?.authentication_factors ?? [];
      const later = await harness.advanceClock(600);
      const session =
        credential === 'session_token'
          ? { session_token: signedIn.session_token }
          : { session_jwt: signedIn.session_jwt };
      const again = await reverify(signedIn.method_id, session);

      expect(again.session?.session_id).toBe(signedIn.session?.session_id);
      const [after, ...others] = again.session?.authentication_factors ?? [];
      expect(others).toEqual([]);
      expect(after).toMatchObject({ created_at: before?.created_at, phone_number_factor: before?.phone_number_factor });
      expect(Date.parse(after?.last_authenticated_at ?? '')).toBeGreaterThanOrEqual(later.getTime() - 1000);
      expect(Date.parse(after?.updated_at ?? '')).toBe(Date.parse(after?.last_authenticated_at ?? ''));
    },
  );

  it('hands back a JWT and a sessions/authenticate reply that carry the refreshed factor', async () => {
    const signedIn = await signIn(harness, PHONE);
    await harness.advanceClock(600);
    const again = await reverify(signedIn.method_id, { session_token: signedIn.session_token });
    const refreshed = again.session?.authentication_factors[0]?.last_authenticated_at;
    const claim = decodeJwt(again.session_jwt)['https://stytch.com/session'] as {
      authentication_factors: { last_authenticated_at: string }[];
    };
    expect(claim.authentication_factors[0]?.last_authenticated_at).toBe(refreshed);
    const { session } = await harness.client.sessions.authenticate({ session_token: signedIn.session_token });
    expect(session.authentication_factors[0]?.last_authenticated_at).toBe(refreshed);
  });

  it('adds a second factor for a newly attached phone and verifies it on the user', async () => {
    const signedIn = await signIn(harness, PHONE);
    const { session_token } = signedIn;
    const sent = await harness.client.otps.sms.send({ phone_number: OTHER_PHONE, session_token });
    const code = await harness.latestCode(OTHER_PHONE);
    const result = await conforming(
      'POST /v1/otps/authenticate',
      harness.client.otps.authenticate({ method_id: sent.phone_id, code, session_token }),
    );
    expect(result.session?.authentication_factors.map((factor) => factor.phone_number_factor)).toEqual([
      { phone_id: signedIn.method_id, phone_number: PHONE },
      { phone_id: sent.phone_id, phone_number: OTHER_PHONE },
    ]);
    expect(result.user.phone_numbers).toContainEqual({
      phone_id: sent.phone_id,
      phone_number: OTHER_PHONE,
      verified: true,
    });
  });

  it('keeps the session attributes recorded when the session started', async () => {
    const { phone_id } = await loginOrCreate(PHONE);
    const first = await harness.client.otps.authenticate({
      method_id: phone_id,
      code: await harness.latestCode(PHONE),
      session_duration_minutes: 60,
      attributes: { ip_address: '203.0.113.7', user_agent: 'Phone/1' },
    });
    await harness.client.otps.sms.send({ phone_number: PHONE });
    const again = await harness.client.otps.authenticate({
      method_id: phone_id,
      code: await harness.latestCode(PHONE),
      session_token: first.session_token,
      attributes: { ip_address: '198.51.100.9', user_agent: 'Laptop/2' },
    });
    expect(again.session?.attributes).toEqual({ ip_address: '203.0.113.7', user_agent: 'Phone/1' });
  });

  it('answers session_not_found for a revoked session and leaves the code unused', async () => {
    const signedIn = await signIn(harness, PHONE);
    await harness.client.otps.sms.send({ phone_number: PHONE });
    const code = await harness.latestCode(PHONE);
    await harness.client.sessions.revoke({ session_token: signedIn.session_token });
    await expectStytchError(
      harness.client.otps.authenticate({ method_id: signedIn.method_id, code, session_token: signedIn.session_token }),
      'session_not_found',
      404,
    );
    await authenticate(signedIn.method_id, code);
  });
});

describe('POST /v1/otps/authenticate options (attribute matching)', () => {
  const SENT_FROM = { ip_address: '203.0.113.7', user_agent: 'Mozilla/5.0 (iPhone) Safari/605' };

  async function sendFrom(attributes?: { ip_address?: string; user_agent?: string }) {
    const { phone_id } = await loginOrCreate(PHONE, attributes ? { attributes } : {});
    return { phone_id, code: await harness.latestCode(PHONE) };
  }

  function authenticateWith(
    sent: { phone_id: string; code: string },
    options: { ip_match_required: boolean; user_agent_match_required: boolean },
    attributes?: { ip_address?: string; user_agent?: string },
  ) {
    return harness.client.otps.authenticate({ method_id: sent.phone_id, code: sent.code, options, attributes });
  }

  it('accepts the code from the IP address and user agent it was sent to', async () => {
    const sent = await sendFrom(SENT_FROM);
    const options = { ip_match_required: true, user_agent_match_required: true };
    await conforming('POST /v1/otps/authenticate', authenticateWith(sent, options, SENT_FROM));
  });

  it.each([
    [
      'another IP address',
      { ip_match_required: true, user_agent_match_required: false },
      { ...SENT_FROM, ip_address: '198.51.100.9' },
    ],
    [
      'another user agent',
      { ip_match_required: false, user_agent_match_required: true },
      { ...SENT_FROM, user_agent: 'curl/8' },
    ],
    ['no attributes', { ip_match_required: true, user_agent_match_required: false }, undefined],
  ])('refuses the code from %s with attribute_mismatch (401)', async (_, options, attributes) => {
    const sent = await sendFrom(SENT_FROM);
    await expectStytchError(authenticateWith(sent, options, attributes), 'attribute_mismatch', 401);
  });

  it('refuses a required match when the send recorded nothing to match', async () => {
    const sent = await sendFrom();
    const options = { ip_match_required: true, user_agent_match_required: false };
    await expectStytchError(authenticateWith(sent, options, SENT_FROM), 'attribute_mismatch', 401);
  });

  it('ignores a difference that is not required to match', async () => {
    const sent = await sendFrom(SENT_FROM);
    const options = { ip_match_required: true, user_agent_match_required: false };
    await authenticateWith(sent, options, { ...SENT_FROM, user_agent: 'curl/8' });
  });

  it('leaves the code usable after a mismatch, from the right device', async () => {
    const sent = await sendFrom(SENT_FROM);
    const options = { ip_match_required: true, user_agent_match_required: true };
    await expectStytchError(
      authenticateWith(sent, options, { ...SENT_FROM, ip_address: '198.51.100.9' }),
      'attribute_mismatch',
      401,
    );
    await authenticateWith(sent, options, SENT_FROM);
  });

  it('matches against the newest send, whose attributes replace the earlier ones', async () => {
    await sendFrom(SENT_FROM);
    const resent = await sendFrom({ ip_address: '198.51.100.9', user_agent: SENT_FROM.user_agent });
    const options = { ip_match_required: true, user_agent_match_required: false };
    await expectStytchError(authenticateWith(resent, options, SENT_FROM), 'attribute_mismatch', 401);
  });
});

describe('user lock', () => {
  async function failTimes(methodId: string, wrongCode: string, times: number) {
    for (let attempt = 0; attempt < times; attempt += 1) {
      await expectStytchError(
        harness.client.otps.authenticate({ method_id: methodId, code: wrongCode }),
        'otp_code_not_found',
        404,
      );
    }
  }

  it('locks the user for an hour after 10 consecutive failures, even for the right code', async () => {
    const sent = await loginOrCreate(PHONE);
    const code = await harness.latestCode(PHONE);
    await failTimes(sent.phone_id, code === '000001' ? '000002' : '000001', 10);

    await expectStytchError(
      harness.client.otps.authenticate({ method_id: sent.phone_id, code }),
      'user_lock_limit_reached',
      429,
    );
    const locked = await getUser(sent.user_id);
    expect(locked.is_locked).toBe(true);
    expect(Date.parse(locked.lock_expires_at ?? '') - Date.parse(locked.lock_created_at ?? '')).toBe(3_600_000);

    await harness.advanceClock(3601);
    expect((await getUser(sent.user_id)).is_locked).toBe(false);
    await harness.client.otps.sms.send({ phone_number: PHONE });
    await authenticate(sent.phone_id, await harness.latestCode(PHONE));
  });

  it('starts counting again after a success', async () => {
    const sent = await loginOrCreate(PHONE);
    const code = await harness.latestCode(PHONE);
    const wrong = code === '000001' ? '000002' : '000001';
    await failTimes(sent.phone_id, wrong, 9);
    await authenticate(sent.phone_id, code);

    await harness.client.otps.sms.send({ phone_number: PHONE });
    const next = await harness.latestCode(PHONE);
    await failTimes(sent.phone_id, next === wrong ? '000003' : wrong, 9);
    expect((await authenticate(sent.phone_id, next)).user.is_locked).toBe(false);
  });
});

describe('sandbox number', () => {
  it('sends nothing and accepts 000000 for its method_id, repeatedly', async () => {
    const sent = await loginOrCreate(SANDBOX);
    expect(await harness.messages()).toEqual([]);
    const first = await authenticate(sent.phone_id, '000000', 5);
    const again = await authenticate(sent.phone_id, '000000', 5);
    expect(first.user_id).toBe(sent.user_id);
    expect(again.session?.session_id).not.toBe(first.session?.session_id);
  });

  it('rejects any other code', async () => {
    const sent = await loginOrCreate(SANDBOX);
    await expectStytchError(
      harness.client.otps.authenticate({ method_id: sent.phone_id, code: '123456' }),
      'otp_code_not_found',
      404,
    );
  });

  it('answers sms/send even before any user has the number', async () => {
    const sent = await conforming('POST /v1/otps/sms/send', harness.client.otps.sms.send({ phone_number: SANDBOX }));
    expect((await authenticate(sent.phone_id, '000000')).user_id).toBe(sent.user_id);
    expect(await harness.messages()).toEqual([]);
  });

  it('does not make 000000 valid for other numbers', async () => {
    const sent = await loginOrCreate(PHONE);
    // Fails once in a million runs, when the random code happens to be 000000.
    await expectStytchError(
      harness.client.otps.authenticate({ method_id: sent.phone_id, code: '000000' }),
      'otp_code_not_found',
      404,
    );
  });
});
