import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { expectStytchError, signIn, startHarness, type Harness } from './testing/harness';
import { conforming } from './testing/openapi';

const PHONE = '+12025550162';
const NEW_PHONE = '+14155550123';
const UNKNOWN_USER = 'user-test-00000000-0000-4000-8000-000000000000';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(() => harness.stop());
beforeEach(() => harness.reset());

describe('GET /v1/users/{user_id}', () => {
  it('returns an SMS-only user with every other factor list empty', async () => {
    const { user_id, session } = await signIn(harness, PHONE);
    const user = await conforming('GET /v1/users/{user_id}', harness.client.users.get({ user_id }));
    expect(user).toMatchObject({
      status_code: 200,
      user_id,
      status: 'active',
      emails: [],
      webauthn_registrations: [],
      providers: [],
      totps: [],
      crypto_wallets: [],
      biometric_registrations: [],
      is_locked: false,
      roles: [],
    });
    const phoneId = session?.authentication_factors[0]?.phone_number_factor?.phone_id;
    expect(user.phone_numbers).toEqual([{ phone_id: phoneId, phone_number: PHONE, verified: true }]);
    expect(user).not.toHaveProperty('lock_expires_at');
  });

  it('answers user_not_found for an unknown user', async () => {
    await expectStytchError(harness.client.users.get({ user_id: UNKNOWN_USER }), 'user_not_found', 404);
  });
});

/** Signs PHONE in, then adds NEW_PHONE to that user through the session and verifies it on the same session. */
async function signInWithTwoPhones() {
  const signedIn = await signIn(harness, PHONE);
  const { session_token } = signedIn;
  const sent = await harness.client.otps.sms.send({ phone_number: NEW_PHONE, session_token });
  const code = await harness.latestCode(NEW_PHONE);
  await harness.client.otps.authenticate({ method_id: sent.phone_id, code, session_token });
  const oldPhoneId = signedIn.user.phone_numbers[0]?.phone_id ?? '';
  return { ...signedIn, oldPhoneId, newPhoneId: sent.phone_id };
}

function deletePhoneNumber(phoneId: string) {
  return conforming(
    'DELETE /v1/users/phone_numbers/{phone_id}',
    harness.client.users.deletePhoneNumber({ phone_id: phoneId }),
  );
}

describe('DELETE /v1/users/phone_numbers/{phone_id}', () => {
  it('removes the phone and answers with the updated user, which users.get reflects', async () => {
    const { user_id, oldPhoneId, newPhoneId } = await signInWithTwoPhones();
    const deleted = await deletePhoneNumber(oldPhoneId);
    const remaining = [{ phone_id: newPhoneId, phone_number: NEW_PHONE, verified: true }];
    expect(deleted).toMatchObject({ status_code: 200, user_id, user: { user_id, phone_numbers: remaining } });
    expect((await harness.client.users.get({ user_id })).phone_numbers).toEqual(remaining);
  });

  it("keeps the user's sessions alive", async () => {
    const { session_token, session_jwt, oldPhoneId } = await signInWithTwoPhones();
    await deletePhoneNumber(oldPhoneId);
    await conforming('POST /v1/sessions/authenticate', harness.client.sessions.authenticate({ session_token }));
    await harness.client.sessions.authenticate({ session_jwt });
  });

  it('frees the number, so logging in with it creates a new user', async () => {
    const { user_id, oldPhoneId } = await signInWithTwoPhones();
    await deletePhoneNumber(oldPhoneId);
    const again = await harness.client.otps.sms.loginOrCreate({ phone_number: PHONE });
    expect(again.user_created).toBe(true);
    expect(again.user_id).not.toBe(user_id);
  });

  it('forgets the codes sent to it', async () => {
    const { oldPhoneId } = await signInWithTwoPhones();
    await harness.client.otps.sms.send({ phone_number: PHONE });
    const code = await harness.latestCode(PHONE);
    await deletePhoneNumber(oldPhoneId);
    await expectStytchError(
      harness.client.otps.authenticate({ method_id: oldPhoneId, code }),
      'phone_number_not_found',
      404,
    );
  });

  it('answers phone_number_not_found for an unknown or already deleted phone_id', async () => {
    const { oldPhoneId } = await signInWithTwoPhones();
    await deletePhoneNumber(oldPhoneId);
    await expectStytchError(
      harness.client.users.deletePhoneNumber({ phone_id: oldPhoneId }),
      'phone_number_not_found',
      404,
    );
    await expectStytchError(
      harness.client.users.deletePhoneNumber({ phone_id: 'phone-number-test-x' }),
      'phone_number_not_found',
      404,
    );
  });
});

describe('DELETE /v1/users/{user_id}', () => {
  it('ends every session of the user, so neither its token nor any of its JWTs authenticates', async () => {
    const first = await signIn(harness, PHONE);
    const second = await signIn(harness, PHONE);
    const refreshed = await harness.client.sessions.authenticate({ session_token: first.session_token });
    await harness.client.users.delete({ user_id: first.user_id });

    for (const args of [
      { session_token: first.session_token },
      { session_jwt: first.session_jwt },
      { session_jwt: refreshed.session_jwt },
      { session_token: second.session_token },
      { session_jwt: second.session_jwt },
    ]) {
      await expectStytchError(harness.client.sessions.authenticate(args), 'session_not_found', 404);
    }
    await expectStytchError(harness.client.sessions.get({ user_id: first.user_id }), 'user_not_found', 404);
  });

  it('deletes the user, ends their sessions and frees the phone number', async () => {
    const { user_id, session_token } = await signIn(harness, PHONE);
    const deleted = await conforming('DELETE /v1/users/{user_id}', harness.client.users.delete({ user_id }));
    expect(deleted).toMatchObject({ status_code: 200, user_id });

    await expectStytchError(harness.client.users.get({ user_id }), 'user_not_found', 404);
    await expectStytchError(harness.client.sessions.authenticate({ session_token }), 'session_not_found', 404);
    const again = await harness.client.otps.sms.loginOrCreate({ phone_number: PHONE });
    expect(again.user_created).toBe(true);
    expect(again.user_id).not.toBe(user_id);
  });

  it('answers user_not_found for an unknown user', async () => {
    await expectStytchError(harness.client.users.delete({ user_id: UNKNOWN_USER }), 'user_not_found', 404);
  });
});
