import { compactVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { ApiError } from './errors';
import type { SigningKey } from './keys';
import type { SessionRecord } from './store';
import { sessionView } from './views';

const SESSION_CLAIM = 'https://stytch.com/session';
/** Stytch JWTs live five minutes whatever the session length. */
const JWT_LIFETIME_SECONDS = 300;

/** Signs a session JWT with the claims of docs/stytch-api.md §6; custom claims sit at the top level. */
export async function signSessionJwt(
  session: SessionRecord,
  key: SigningKey,
  projectId: string,
  now: Date,
): Promise<string> {
  const view = sessionView(session);
  const issuedAt = Math.floor(now.getTime() / 1000);
  return new SignJWT({
    ...session.customClaims,
    [SESSION_CLAIM]: {
      id: view.session_id,
      started_at: view.started_at,
      last_accessed_at: view.last_accessed_at,
      expires_at: view.expires_at,
      attributes: view.attributes,
      authentication_factors: view.authentication_factors,
      roles: view.roles,
    },
  })
    .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
    .setIssuer(`stytch.com/${projectId}`)
    .setAudience([projectId])
    .setSubject(session.user_id)
    .setIssuedAt(issuedAt)
    .setNotBefore(issuedAt)
    .setExpirationTime(issuedAt + JWT_LIFETIME_SECONDS)
    .sign(key.privateKey);
}

const payloadSchema = z.object({
  iss: z.string(),
  aud: z.union([z.string(), z.array(z.string())]),
  [SESSION_CLAIM]: z.object({ id: z.string() }),
});

/**
 * The session id inside a JWT this emulator signed. `exp` is deliberately not checked: sessions/authenticate must
 * accept an expired JWT of a live session and hand back a fresh one.
 */
export async function sessionIdFromJwt(jwt: string, key: SigningKey, projectId: string): Promise<string> {
  let payload: unknown;
  try {
    const verified = await compactVerify(jwt, key.publicKey, { algorithms: ['RS256'] });
    if (verified.protectedHeader.typ !== 'JWT') throw new Error('typ is not JWT');
    payload = JSON.parse(new TextDecoder().decode(verified.payload));
  } catch {
    throw new ApiError('unable_to_parse_session_jwt');
  }
  const parsed = payloadSchema.safeParse(payload);
  if (!parsed.success) throw new ApiError('unable_to_parse_session_jwt');
  const audience = [parsed.data.aud].flat();
  if (parsed.data.iss !== `stytch.com/${projectId}` || !audience.includes(projectId)) {
    throw new ApiError('unable_to_parse_session_jwt');
  }
  return parsed.data[SESSION_CLAIM].id;
}
