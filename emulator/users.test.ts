import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { expectStytchError, signIn, startHarness, type Harness } from './testing/harness';
import { conforming } from './testing/openapi';

const PHONE = '+12025550162';
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

describe('DELETE /v1/users/{user_id}', () => {
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
