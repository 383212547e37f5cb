import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify, SignJWT } from 'jose';
import { createHash, generateKeyPairSync, X509Certificate } from 'node:crypto';
import type { SessionsAuthenticateJwtRequest, SessionsAuthenticateRequest } from 'stytch';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { expectStytchError, PROJECT_ID, signIn, startHarness, type Harness } from './testing/harness';
import { conforming } from './testing/openapi';

const PHONE = '+12025550162';
const OTHER_PHONE = '+14155550123';
const SESSION_CLAIM = 'https://stytch.com/session';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(() => harness.stop());
beforeEach(() => harness.reset());

function authenticateSession(request: SessionsAuthenticateRequest) {
  return conforming('POST /v1/sessions/authenticate', harness.client.sessions.authenticate(request));
}

function jwks() {
  return conforming('GET /v1/sessions/jwks/{project_id}', harness.client.sessions.getJWKS({ project_id: PROJECT_ID }));
}

describe('session JWT', () => {
  it('carries the header and claims of a Stytch session JWT', async () => {
    const { session_jwt, session, user_id } = await signIn(harness, PHONE);
    const { keys } = await jwks();
    expect(decodeProtectedHeader(session_jwt)).toEqual({ alg: 'RS256', kid: keys[0]?.kid, typ: 'JWT' });

    const claims = decodeJwt(session_jwt);
    expect(Object.keys(claims).sort()).toEqual(['aud', 'exp', 'iat', 'iss', 'nbf', SESSION_CLAIM, 'sub'].sort());
    expect(claims).toMatchObject({ iss: `stytch.com/${PROJECT_ID}`, aud: [PROJECT_ID], sub: user_id });
    expect(claims.nbf).toBe(claims.iat);
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(300);
    expect(claims[SESSION_CLAIM]).toEqual({
      id: session?.session_id,
      started_at: session?.started_at,
      last_accessed_at: session?.last_accessed_at,
      expires_at: session?.expires_at,
      attributes: { ip_address: '', user_agent: '' },
      authentication_factors: session?.authentication_factors,
      roles: ['stytch_user'],
    });
  });

  it('puts custom claims at the top level, ignores reserved names and deletes a claim set to null', async () => {
    const { phone_id } = await harness.client.otps.sms.loginOrCreate({ phone_number: PHONE });
    const signedIn = await conforming(
      'POST /v1/otps/authenticate',
      harness.client.otps.authenticate({
        method_id: phone_id,
        code: await harness.latestCode(PHONE),
        session_duration_minutes: 60,
        session_custom_claims: { plan: 'pro', iss: 'attacker', 'https://stytch.com/session': 'nope' },
      }),
    );
    expect(signedIn.session?.custom_claims).toEqual({ plan: 'pro' });
    expect(decodeJwt(signedIn.session_jwt)).toMatchObject({ plan: 'pro', iss: `stytch.com/${PROJECT_ID}` });

    const updated = await authenticateSession({
      session_token: signedIn.session_token,
      session_custom_claims: { plan: null, seat: 3 },
    });
    expect(updated.session.custom_claims).toEqual({ seat: 3 });
    expect(decodeJwt(updated.session_jwt)).not.toHaveProperty('plan');
  });

  it('refuses custom claims over 4 KB', async () => {
    const { session_token } = await signIn(harness, PHONE);
    await expectStytchError(
      harness.client.sessions.authenticate({ session_token, session_custom_claims: { blob: 'x'.repeat(5000) } }),
      'custom_claims_too_large',
      400,
    );
  });
});

describe('POST /v1/sessions/authenticate', () => {
  it.each(['session_token', 'session_jwt'] as const)('accepts a %s and answers with a fresh JWT', async (kind) => {
    const signedIn = await signIn(harness, PHONE);
    await harness.advanceClock(10);
    const result = await authenticateSession({ [kind]: signedIn[kind] });

    expect(result.session.session_id).toBe(signedIn.session?.session_id);
    expect(result.session_token).toBe(signedIn.session_token);
    expect(result.user.user_id).toBe(signedIn.user_id);
    expect(result.session_jwt).not.toBe(signedIn.session_jwt);
    const lastAccessed = Date.parse(result.session.last_accessed_at ?? '');
    expect(lastAccessed).toBeGreaterThan(Date.parse(signedIn.session?.last_accessed_at ?? ''));
    expect(result.session.expires_at).toBe(signedIn.session?.expires_at);
  });

  it('returns the attributes and authentication factors of the session', async () => {
    const signedIn = await signInFrom(LAPTOP_DEVICE);
    const result = await authenticateSession({ session_token: signedIn.session_token });
    expect(result.session.attributes).toEqual(LAPTOP_DEVICE);
    expect(result.session.authentication_factors).toEqual(signedIn.session?.authentication_factors);
  });

  it('moves the expiry to session_duration_minutes from now', async () => {
    const { session_token } = await signIn(harness, PHONE, 10);
    const result = await authenticateSession({ session_token, session_duration_minutes: 120 });
    const lastAccessed = Date.parse(result.session.last_accessed_at ?? '');
    expect(Date.parse(result.session.expires_at ?? '') - lastAccessed).toBe(120 * 60_000);
  });

  it.each([4, 527041])('rejects session_duration_minutes %i', async (minutes) => {
    const { session_token } = await signIn(harness, PHONE);
    await expectStytchError(
      harness.client.sessions.authenticate({ session_token, session_duration_minutes: minutes }),
      'invalid_session_duration_minutes',
      400,
    );
  });

  it('accepts the JWT of a live session after its exp has passed, and returns a fresh one', async () => {
    const signedIn = await signIn(harness, PHONE);
    const now = await harness.advanceClock(301);
    const result = await authenticateSession({ session_jwt: signedIn.session_jwt });
    const claims = decodeJwt(result.session_jwt);
    expect(claims.iat).toBe(Math.floor(now.getTime() / 1000));
    expect((claims.exp ?? 0) * 1000).toBeGreaterThan(now.getTime());
  });

  it('answers session_not_found once the session has expired, by token and by JWT', async () => {
    const { session_token, session_jwt } = await signIn(harness, PHONE, 5);
    await harness.advanceClock(5 * 60 + 1);
    await expectStytchError(harness.client.sessions.authenticate({ session_token }), 'session_not_found', 404);
    await expectStytchError(harness.client.sessions.authenticate({ session_jwt }), 'session_not_found', 404);
  });

  it('refuses a token and a JWT together', async () => {
    const { session_token, session_jwt } = await signIn(harness, PHONE);
    await expectStytchError(
      harness.client.sessions.authenticate({ session_token, session_jwt }),
      'too_many_session_arguments',
      400,
    );
  });

  it('refuses a call with neither token nor JWT', async () => {
    await expectStytchError(harness.client.sessions.authenticate({}), 'no_session_arguments', 400);
  });

  it('answers session_not_found for an unknown token', async () => {
    await expectStytchError(
      harness.client.sessions.authenticate({ session_token: 'mZAYn5aLEqKUlZ_Ad9U_fWr38GaAQ1oFAhT8ds245v7Q' }),
      'session_not_found',
      404,
    );
  });

  it('refuses a JWT that is not one of its own', async () => {
    const { session_jwt } = await signIn(harness, PHONE);
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const forged = await new SignJWT(decodeJwt(session_jwt))
      .setProtectedHeader({ ...decodeProtectedHeader(session_jwt), alg: 'RS256' })
      .sign(privateKey);
    for (const jwt of [forged, 'not-a-jwt', `${session_jwt}x`]) {
      await expectStytchError(
        harness.client.sessions.authenticate({ session_jwt: jwt }),
        'unable_to_parse_session_jwt',
        400,
      );
    }
  });
});

describe("Stytch's sandbox session", () => {
  const SANDBOX_TOKEN = 'WJtR5BCy38Szd5AfoDpf0iqFKEt4EE5JhjlWUY7l3FtY';
  const SANDBOX_USER_ID = 'user-test-e3795c81-f849-4167-bfda-e4a6e9c280fd';

  it('authenticates the documented token with the user and start time of stytch-node sandbox test', async () => {
    const result = await authenticateSession({ session_token: SANDBOX_TOKEN });
    expect(result).toMatchObject({
      status_code: 200,
      session_token: SANDBOX_TOKEN,
      session: { started_at: '2021-08-28T00:41:58.935673Z', user_id: SANDBOX_USER_ID },
      user: { user_id: SANDBOX_USER_ID, status: 'active' },
    });
    expect(Date.parse(result.session.expires_at ?? '')).toBeGreaterThan((await harness.now()).getTime());
  });

  it('comes with a JWT that verifies locally and authenticates remotely', async () => {
    const { session_jwt, session } = await authenticateSession({ session_token: SANDBOX_TOKEN });
    const local = await harness.newClient().sessions.authenticateJwtLocal({ session_jwt });
    expect(local).toMatchObject({ user_id: SANDBOX_USER_ID, session_id: session.session_id });
    const remote = await authenticateSession({ session_jwt });
    expect(remote.session).toMatchObject({ session_id: session.session_id, user_id: SANDBOX_USER_ID });
  });

  it('answers the documented not-found token with session_not_found', async () => {
    await expectStytchError(
      harness.client.sessions.authenticate({ session_token: '59cnLELtq5cFVS6uYK9f-pAWzBkhqZl8AvLhbhOvKNWw' }),
      'session_not_found',
      404,
    );
  });

  it('stays a fixed value: a revoke does not end it', async () => {
    await conforming('POST /v1/sessions/revoke', harness.client.sessions.revoke({ session_token: SANDBOX_TOKEN }));
    await authenticateSession({ session_token: SANDBOX_TOKEN });
  });
});

describe('POST /v1/sessions/revoke', () => {
  it.each(['session_id', 'session_token', 'session_jwt'] as const)(
    'by %s ends the session for its token and every JWT',
    async (credential) => {
      const signedIn = await signIn(harness, PHONE);
      const refreshed = await authenticateSession({ session_token: signedIn.session_token });
      const request =
        credential === 'session_id'
          ? { session_id: signedIn.session?.session_id ?? '' }
          : { [credential]: signedIn[credential] };
      const result = await conforming('POST /v1/sessions/revoke', harness.client.sessions.revoke(request));
      expect(result.status_code).toBe(200);

      for (const args of [
        { session_token: signedIn.session_token },
        { session_jwt: signedIn.session_jwt },
        { session_jwt: refreshed.session_jwt },
      ]) {
        await expectStytchError(harness.client.sessions.authenticate(args), 'session_not_found', 404);
      }
    },
  );

  it('refuses more than one identifier', async () => {
    const { session_token, session } = await signIn(harness, PHONE);
    await expectStytchError(
      harness.client.sessions.revoke({ session_token, session_id: session?.session_id }),
      'too_many_session_revoke_arguments',
      400,
    );
  });

  it('refuses a call without an identifier', async () => {
    await expectStytchError(harness.client.sessions.revoke({}), 'no_session_revoke_arguments', 400);
  });

  it('answers session_not_found for an unknown or already revoked session', async () => {
    const { session } = await signIn(harness, PHONE);
    const sessionId = session?.session_id ?? '';
    await harness.client.sessions.revoke({ session_id: sessionId });
    await expectStytchError(harness.client.sessions.revoke({ session_id: sessionId }), 'session_not_found', 404);
  });
});

/** Signs PHONE in from a device, as the app does: the attributes go to otps.authenticate. */
async function signInFrom(attributes: { ip_address: string; user_agent: string }) {
  const { phone_id } = await harness.client.otps.sms.loginOrCreate({ phone_number: PHONE, attributes });
  return harness.client.otps.authenticate({
    method_id: phone_id,
    code: await harness.latestCode(PHONE),
    session_duration_minutes: 60,
    attributes,
  });
}

const PHONE_DEVICE = { ip_address: '203.0.113.7', user_agent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0) Safari/605' };
const LAPTOP_DEVICE = { ip_address: '2001:db8::1', user_agent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0' };

describe('GET /v1/sessions', () => {
  it('lists each session with the attributes of its sign-in and its SMS factor', async () => {
    const onPhone = await signInFrom(PHONE_DEVICE);
    await harness.advanceClock(60);
    const onLaptop = await signInFrom(LAPTOP_DEVICE);
    const { sessions } = await conforming(
      'GET /v1/sessions',
      harness.client.sessions.get({ user_id: onPhone.user_id }),
    );

    expect(sessions.map(({ session_id, attributes }) => ({ session_id, attributes }))).toEqual([
      { session_id: onPhone.session?.session_id, attributes: PHONE_DEVICE },
      { session_id: onLaptop.session?.session_id, attributes: LAPTOP_DEVICE },
    ]);
    for (const session of sessions) {
      expect(session.authentication_factors).toEqual([
        {
          type: 'otp',
          delivery_method: 'sms',
          last_authenticated_at: session.started_at,
          created_at: session.started_at,
          updated_at: session.started_at,
          phone_number_factor: { phone_id: onPhone.method_id, phone_number: PHONE },
        },
      ]);
    }
  });

  it('shows when each session was last used', async () => {
    const signedIn = await signInFrom(PHONE_DEVICE);
    const later = await harness.advanceClock(120);
    await harness.client.sessions.authenticate({ session_token: signedIn.session_token });
    const { sessions } = await harness.client.sessions.get({ user_id: signedIn.user_id });
    expect(Date.parse(sessions[0]?.last_accessed_at ?? '')).toBeGreaterThanOrEqual(later.getTime() - 1000);
    expect(sessions[0]?.started_at).toBe(signedIn.session?.started_at);
  });

  it('records empty attributes for a sign-in that sent none', async () => {
    const { user_id } = await signIn(harness, PHONE);
    const { sessions } = await harness.client.sessions.get({ user_id });
    expect(sessions[0]?.attributes).toEqual({ ip_address: '', user_agent: '' });
  });

  it('lists only the live sessions of the user', async () => {
    const first = await signIn(harness, PHONE, 60);
    const short = await signIn(harness, PHONE, 5);
    const revoked = await signIn(harness, PHONE, 60);
    await signIn(harness, OTHER_PHONE, 60);
    await harness.client.sessions.revoke({ session_token: revoked.session_token });
    await harness.advanceClock(6 * 60);

    const { sessions } = await conforming('GET /v1/sessions', harness.client.sessions.get({ user_id: first.user_id }));
    expect(sessions.map((session) => session.session_id)).toEqual([first.session?.session_id]);
    expect(short.user_id).toBe(first.user_id);
  });

  it('answers user_not_found for an unknown user', async () => {
    await expectStytchError(
      harness.client.sessions.get({ user_id: 'user-test-00000000-0000-4000-8000-000000000000' }),
      'user_not_found',
      404,
    );
  });
});

describe('GET /v1/sessions/jwks/{project_id}', () => {
  it('publishes one RS256 verification key with a certificate for it', async () => {
    const { keys } = await jwks();
    expect(keys).toHaveLength(1);
    const [key] = keys;
    expect(key).toMatchObject({ kty: 'RSA', use: 'sig', key_ops: ['verify'], alg: 'RS256', e: 'AQAB' });
    expect(key?.kid).toMatch(/^jwk-test-[0-9a-f-]{36}$/);

    const der = Buffer.from(key?.x5c[0] ?? '', 'base64');
    const certificate = new X509Certificate(der);
    expect(certificate.verify(certificate.publicKey)).toBe(true);
    expect(certificate.publicKey.export({ format: 'jwk' })).toMatchObject({ n: key?.n, e: key?.e });
    expect(key?.x5tS256).toBe(createHash('sha256').update(der).digest('base64url'));
  });

  it('needs no credentials, because jose fetches it without any', async () => {
    const response = await harness.request('GET', `/v1/sessions/jwks/${PROJECT_ID}`, { auth: false });
    expect(response.status).toBe(200);
  });

  it('signs JWTs that verify against it', async () => {
    const { session_jwt } = await signIn(harness, PHONE);
    const { keys } = await jwks();
    const { payload } = await jwtVerify(session_jwt, createLocalJWKSet({ keys }), {
      issuer: `stytch.com/${PROJECT_ID}`,
      audience: PROJECT_ID,
      typ: 'JWT',
      currentDate: await harness.now(),
    });
    expect(payload.sub).toBeDefined();
  });

  it('refuses another project id', async () => {
    await expectStytchError(
      harness.client.sessions.getJWKS({ project_id: 'project-test-other' }),
      'invalid_project_id',
      400,
    );
  });
});

describe('sessions.authenticateJwt (the client verifying locally through the JWKS)', () => {
  // authenticateJwt passes current_date on to its local check (dist/b2c/sessions.js) though its request type omits
  // it. The emulator's clock runs ahead of real time in these tests, so the local check has to use the emulator's.
  function authenticateJwtAt(now: Date, request: SessionsAuthenticateJwtRequest) {
    const params: SessionsAuthenticateJwtRequest & { current_date: Date } = { ...request, current_date: now };
    return harness.newClient().sessions.authenticateJwt(params);
  }

  it('verifies a fresh JWT without calling sessions/authenticate', async () => {
    const signedIn = await signIn(harness, PHONE);
    const before = await harness.calls();
    const result = await harness.newClient().sessions.authenticateJwt({ session_jwt: signedIn.session_jwt });

    expect(result.session_jwt).toBe(signedIn.session_jwt);
    expect(result.session).toMatchObject({
      session_id: signedIn.session?.session_id,
      user_id: signedIn.user_id,
      expires_at: signedIn.session?.expires_at,
      roles: ['stytch_user'],
    });
    const after = await harness.calls();
    expect(after['POST /v1/sessions/authenticate']).toBe(before['POST /v1/sessions/authenticate']);
    expect(after['GET /v1/sessions/jwks/{project_id}']).toBe((before['GET /v1/sessions/jwks/{project_id}'] ?? 0) + 1);
  });

  it('falls back to sessions/authenticate for a JWT older than max_token_age_seconds', async () => {
    const signedIn = await signIn(harness, PHONE);
    const now = await harness.advanceClock(120);
    const result = await authenticateJwtAt(now, { session_jwt: signedIn.session_jwt, max_token_age_seconds: 60 });
    expect(result.session_jwt).not.toBe(signedIn.session_jwt);
    expect((await harness.calls())['POST /v1/sessions/authenticate']).toBe(1);
  });

  it('always falls back when max_token_age_seconds is 0', async () => {
    const signedIn = await signIn(harness, PHONE);
    await harness.client.sessions.authenticateJwt({ session_jwt: signedIn.session_jwt, max_token_age_seconds: 0 });
    expect((await harness.calls())['POST /v1/sessions/authenticate']).toBe(1);
  });

  it('falls back for an expired JWT and gets a fresh one that verifies locally', async () => {
    const signedIn = await signIn(harness, PHONE);
    const now = await harness.advanceClock(301);
    const refreshed = await authenticateJwtAt(now, { session_jwt: signedIn.session_jwt });
    expect(refreshed.session.session_id).toBe(signedIn.session?.session_id);
    expect((await harness.calls())['POST /v1/sessions/authenticate']).toBe(1);

    await authenticateJwtAt(now, { session_jwt: refreshed.session_jwt });
    expect((await harness.calls())['POST /v1/sessions/authenticate']).toBe(1);
  });

  it('reports session_not_found through the fallback once the session is revoked and the JWT expired', async () => {
    const signedIn = await signIn(harness, PHONE);
    await harness.client.sessions.revoke({ session_jwt: signedIn.session_jwt });
    const now = await harness.advanceClock(301);
    await expectStytchError(authenticateJwtAt(now, { session_jwt: signedIn.session_jwt }), 'session_not_found', 404);
  });
});
