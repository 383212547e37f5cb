import { Client, RequestError } from 'stytch';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { stytchAuthorization } from './client';
import { errorBodySchema, expectStytchError, PROJECT_ID, SECRET, startHarness, type Harness } from './testing/harness';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(() => harness.stop());
beforeEach(() => harness.reset());

/** Sends a raw request and checks the Stytch error envelope, including status_code matching the HTTP status. */
async function expectErrorResponse(response: Response, status: number, errorType: string) {
  const body = errorBodySchema.parse(await response.json());
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  expect(body).toMatchObject({ status_code: status, error_type: errorType });
  return body;
}

describe('Basic auth', () => {
  it.each([
    ['a wrong secret', stytchAuthorization(PROJECT_ID, 'secret-test-wrong')],
    ['a wrong project id', stytchAuthorization('project-test-other', SECRET)],
    ['no header', undefined],
    ['a bearer token', `Bearer ${SECRET}`],
    ['garbage base64', 'Basic %%%'],
  ])('answers 401 unauthorized_credentials for %s', async (_, authorization) => {
    const response = await fetch(`${harness.emulator.url}/v1/otps/sms/login_or_create`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify({ phone_number: '+12025550162' }),
    });
    await expectErrorResponse(response, 401, 'unauthorized_credentials');
    expect(await harness.messages()).toEqual([]);
  });

  it.each([
    ['GET', `/v1/users/user-test-00000000-0000-4000-8000-000000000000`],
    ['DELETE', `/v1/users/user-test-00000000-0000-4000-8000-000000000000`],
    ['GET', '/v1/sessions?user_id=x'],
    ['POST', '/v1/sessions/authenticate'],
    ['POST', '/v1/sessions/revoke'],
    ['POST', '/v1/otps/sms/send'],
    ['POST', '/v1/otps/authenticate'],
  ])('guards %s %s', async (method, path) => {
    const response = await harness.request(method, path, { auth: false, body: method === 'GET' ? undefined : '{}' });
    await expectErrorResponse(response, 401, 'unauthorized_credentials');
  });

  it('reaches the real client as a StytchError', async () => {
    const client = harness.newClient({ project_id: PROJECT_ID, secret: 'secret-test-wrong' });
    await expectStytchError(client.users.get({ user_id: 'user-test-x' }), 'unauthorized_credentials', 401);
  });
});

describe('request bodies', () => {
  const LOGIN = '/v1/otps/sms/login_or_create';
  const OTP_AUTH = '/v1/otps/authenticate';
  const SESSION_AUTH = '/v1/sessions/authenticate';
  const PHONE = '+12025550162';
  const METHOD_ID = 'phone-number-test-00000000-0000-4000-8000-000000000000';

  it.each([
    ['malformed JSON', LOGIN, '{"phone_number": '],
    ['a JSON array', LOGIN, '[]'],
    ['a JSON string', OTP_AUTH, '"hello"'],
    ['an empty body', LOGIN, ''],
  ])('answers 400 bad_request for %s', async (_, path, body) => {
    await expectErrorResponse(await harness.request('POST', path, { body }), 400, 'bad_request');
  });

  it.each([
    ['a missing phone_number', '/v1/otps/sms/send', {}],
    ['a numeric phone_number', LOGIN, { phone_number: 12025550162 }],
    ['a string expiration_minutes', LOGIN, { phone_number: PHONE, expiration_minutes: '2' }],
    ['a fractional expiration_minutes', LOGIN, { phone_number: PHONE, expiration_minutes: 1.5 }],
    ['a non-boolean create_user_as_pending', LOGIN, { phone_number: PHONE, create_user_as_pending: 'yes' }],
    ['a missing code', OTP_AUTH, { method_id: METHOD_ID }],
    ['a numeric code', OTP_AUTH, { method_id: METHOD_ID, code: 123456 }],
    ['a string session_duration_minutes', SESSION_AUTH, { session_token: 'x', session_duration_minutes: '60' }],
    ['custom claims that are not an object', SESSION_AUTH, { session_token: 'x', session_custom_claims: [1] }],
    ['a numeric session_id', '/v1/sessions/revoke', { session_id: 5 }],
  ])('answers 400 bad_request for %s', async (_, path, body) => {
    const response = await harness.request('POST', path, { body: JSON.stringify(body) });
    await expectErrorResponse(response, 400, 'bad_request');
  });

  it('answers 400 bad_request for a sessions list without user_id', async () => {
    await expectErrorResponse(await harness.request('GET', '/v1/sessions'), 400, 'bad_request');
  });

  it('says which field is wrong', async () => {
    const response = await harness.request('POST', '/v1/otps/sms/login_or_create', { body: '{"phone_number": 1}' });
    const body = await expectErrorResponse(response, 400, 'bad_request');
    expect(body.error_message).toContain('phone_number');
  });
});

describe('routing', () => {
  it.each(['/v1/nope', '/v1/users', '/v1/sessions/authenticate/extra', '/favicon.ico'])(
    'answers an unknown path %s with a JSON 404 route_not_found',
    async (path) => {
      await expectErrorResponse(await harness.request('GET', path), 404, 'route_not_found');
    },
  );

  it.each([
    ['GET', '/v1/otps/authenticate', 'POST'],
    ['PUT', '/v1/users/user-test-x', 'GET, DELETE'],
    ['DELETE', '/v1/sessions', 'GET'],
  ])('answers %s %s with a JSON 405 and an Allow header', async (method, path, allow) => {
    const response = await harness.request(method, path);
    await expectErrorResponse(response, 405, 'method_not_allowed');
    expect(response.headers.get('allow')).toBe(allow);
  });

  it('serves the API at the root, where the client sends it whatever path prefix its env has', async () => {
    const client = new Client({ project_id: PROJECT_ID, secret: SECRET, env: `${harness.emulator.url}/some/prefix/` });
    const sent = await client.otps.sms.loginOrCreate({ phone_number: '+12025550162' });
    expect(sent.user_created).toBe(true);
  });

  it('reports a refused connection as a RequestError, not a StytchError', async () => {
    const stopped = await startHarness();
    await stopped.stop();
    await expect(stopped.client.users.get({ user_id: 'user-test-x' })).rejects.toBeInstanceOf(RequestError);
  });
});
