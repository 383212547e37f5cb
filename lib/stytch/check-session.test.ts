import { stytchError } from '@/test-support/stytch';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { checkSession } from './check-session';

const authenticateJwt = vi.hoisted(() => vi.fn());
// Only the client is replaced: the error classes stay Stytch's own.
vi.mock('stytch', async (importOriginal) => ({
  ...(await importOriginal<typeof import('stytch')>()),
  Client: class {
    sessions = { authenticateJwt };
  },
}));

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
