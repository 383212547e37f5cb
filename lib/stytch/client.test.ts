import { AuthError } from '@/lib/auth/errors';
import { RequestError, StytchError } from 'stytch';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { checkSession, toAuthError } from './client';

const authenticateJwt = vi.hoisted(() => vi.fn());
// Only the client is replaced: the error classes stay Stytch's own.
vi.mock('stytch', async (importOriginal) => ({
  ...(await importOriginal<typeof import('stytch')>()),
  Client: class {
    sessions = { authenticateJwt };
  },
}));

function stytchError(status: number, errorType: string) {
  return new StytchError({
    status_code: status,
    request_id: 'request-id-test-1',
    error_type: errorType,
    error_message: 'raw Stytch words the user must never see',
    error_url: 'https://stytch.com/docs/api/errors',
    error_details: undefined,
  });
}

describe('toAuthError', () => {
  it.each([
    [400, 'invalid_phone_number', 'invalid_phone'],
    [400, 'invalid_phone_number_country_code', 'country_not_allowed'],
    [404, 'otp_code_not_found', 'invalid_code'],
    [400, 'invalid_code', 'invalid_code'],
    [401, 'unable_to_auth_otp_code', 'code_expired'],
    [404, 'phone_number_not_found', 'code_expired'],
    [400, 'invalid_method_id', 'code_expired'],
    [429, 'user_lock_limit_reached', 'too_many_attempts'],
    [429, 'too_many_requests', 'rate_limited'],
    [500, 'internal_server_error', 'unavailable'],
    [503, 'service_unavailable', 'unavailable'],
    [400, 'bad_request', 'unknown'],
    [401, 'unauthorized_credentials', 'unknown'],
  ])('maps a %i %s to %s and keeps the request id', (status, errorType, code) => {
    const error = toAuthError(stytchError(status, errorType));
    expect(error).toBeInstanceOf(AuthError);
    expect(error.code).toBe(code);
    expect(error.details).toEqual({ requestId: 'request-id-test-1', errorType: errorType, status });
    expect(error.message).not.toContain('raw Stytch words');
  });

  it('maps a refused connection to unreachable, without the request (which holds the number) in the details', () => {
    const error = toAuthError(
      new RequestError('fetch failed', { method: 'POST', url: '/v1/otps', data: { phone_number: '+12015550123' } }),
    );
    expect(error.code).toBe('unreachable');
    expect(JSON.stringify(error.details)).not.toContain('+1201');
  });

  it('maps a response that is not JSON to unavailable', () => {
    expect(
      toAuthError(new RequestError('Unable to parse JSON response from server: <html>', { method: 'POST', url: '/' }))
        .code,
    ).toBe('unavailable');
  });

  it('keeps an AuthError as it is and makes anything else unknown', () => {
    const timeout = new AuthError('timeout');
    expect(toAuthError(timeout)).toBe(timeout);
    expect(toAuthError(new TypeError('boom')).code).toBe('unknown');
  });
});

describe('checkSession', () => {
  beforeAll(() => {
    vi.stubEnv('NODE_ENV', 'production');
    vi.stubEnv('STYTCH_PROJECT_ID', 'project-test-check-session');
    vi.stubEnv('STYTCH_SECRET', 'secret-test-check-session');
    vi.stubEnv('SESSION_PASSWORD', 'p'.repeat(32));
  });

  afterEach(() => {
    authenticateJwt.mockReset();
    vi.useRealTimers();
  });

  const session = {
    session_id: 'session-test-1',
    user_id: 'user-test-1',
    started_at: '2026-01-01T00:00:00Z',
    expires_at: '2026-01-01T01:00:00Z',
  };
  let issued = 0;
  // A JWT issued now, living five minutes like Stytch's; its signature is the mock's business.
  function jwtIssuedNow() {
    const iat = Math.floor(Date.now() / 1000);
    const payload = Buffer.from(JSON.stringify({ iat, exp: iat + 300, n: issued++ })).toString('base64url');
    return `header.${payload}.signature`;
  }

  it('verifies a JWT once and then trusts that verdict until the JWT is older than the maximum age', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const jwt = jwtIssuedNow();
    authenticateJwt.mockResolvedValue({ session, session_jwt: jwt });
    expect(await checkSession(jwt, 60)).toMatchObject({ sessionId: 'session-test-1', refreshed: false });
    expect(await checkSession(jwt, 60)).toMatchObject({ sessionId: 'session-test-1', refreshed: false });
    expect(authenticateJwt).toHaveBeenCalledTimes(1);

    vi.setSystemTime(Date.now() + 60_000);
    await checkSession(jwt, 60);
    expect(authenticateJwt).toHaveBeenCalledTimes(2);
  });

  it('keeps no verdict of a JWT Stytch replaced, nor of one it refused', async () => {
    const jwt = jwtIssuedNow();
    authenticateJwt.mockResolvedValue({ session, session_jwt: jwtIssuedNow() });
    expect(await checkSession(jwt, 60)).toMatchObject({ refreshed: true });
    expect(await checkSession(jwt, 60)).toMatchObject({ refreshed: true });
    expect(authenticateJwt).toHaveBeenCalledTimes(2);

    const refused = jwtIssuedNow();
    authenticateJwt.mockRejectedValue(stytchError(401, 'session_not_found'));
    expect(await checkSession(refused, 60)).toBeNull();
    expect(await checkSession(refused, 60)).toBeNull();
    expect(authenticateJwt).toHaveBeenCalledTimes(4);
  });
});
