import type {
  SessionsAuthenticateResponse,
  SessionsGetJWKSResponse,
  SessionsGetResponse,
  SessionsRevokeResponse,
} from 'stytch';
import { z } from 'zod';
import type { EmulatorContext } from './context';
import { ApiError } from './errors';
import { parseWith } from './http';
import { apiRoute, type ApiData, type Route, type RouteRequest } from './router';
import {
  checkSessionDuration,
  customClaimsSchema,
  findNamedSession,
  isGiven,
  mergeCustomClaims,
  sessionCredentials,
  sessionUser,
  touchSession,
} from './sessions';
import { sessionView, userView } from './views';

const authenticateBody = z.object({
  session_token: z.string().optional(),
  session_jwt: z.string().optional(),
  session_duration_minutes: z.int().optional(),
  session_custom_claims: customClaimsSchema.optional(),
  authorization_check: z.object({ resource_id: z.string(), action: z.string() }).optional(),
});
const revokeBody = z.object({
  session_id: z.string().optional(),
  session_token: z.string().optional(),
  session_jwt: z.string().optional(),
});

export function sessionRoutes(ctx: EmulatorContext): Route[] {
  return [
    apiRoute('POST', '/v1/sessions/authenticate', ({ body }) => authenticate(ctx, body)),
    apiRoute('POST', '/v1/sessions/revoke', ({ body }) => revoke(ctx, body)),
    apiRoute('GET', '/v1/sessions', (request) => list(ctx, request)),
    // jose fetches the key set without credentials, so this is the one API route without Basic auth.
    apiRoute('GET', '/v1/sessions/jwks/{project_id}', (request) => jwks(ctx, request), { auth: false }),
  ];
}

/** Accepts a token or any JWT this emulator signed for a live session, even one past its `exp`. */
async function authenticate(ctx: EmulatorContext, raw: unknown): Promise<ApiData<SessionsAuthenticateResponse>> {
  const body = parseWith(authenticateBody, raw);
  if (!isGiven(body.session_token) && !isGiven(body.session_jwt)) throw new ApiError('no_session_arguments');
  if (body.authorization_check) {
    throw new ApiError('bad_request', 'authorization_check (RBAC) is not supported by the emulator.');
  }
  checkSessionDuration(body.session_duration_minutes);
  const session = await findNamedSession(ctx, body);
  const user = session && sessionUser(ctx, session);
  if (!session || !user) throw new ApiError('session_not_found');
  const customClaims = mergeCustomClaims(session.customClaims, body.session_custom_claims);

  const now = ctx.clock.now();
  touchSession(session, now, body.session_duration_minutes);
  session.customClaims = customClaims;
  return { user: userView(user), ...(await sessionCredentials(ctx, session, now)) };
}

/** Ends the session, which kills its token and every JWT issued for it. */
async function revoke(ctx: EmulatorContext, raw: unknown): Promise<ApiData<SessionsRevokeResponse>> {
  const body = parseWith(revokeBody, raw);
  const given = [body.session_id, body.session_token, body.session_jwt].filter(isGiven).length;
  if (given > 1) throw new ApiError('too_many_session_revoke_arguments');
  if (given === 0) throw new ApiError('no_session_revoke_arguments');
  const session = isGiven(body.session_id) ? ctx.store.getSession(body.session_id) : await findNamedSession(ctx, body);
  if (!session) throw new ApiError('session_not_found');
  ctx.store.deleteSession(session.session_id);
  return {};
}

function list(ctx: EmulatorContext, { query }: RouteRequest): ApiData<SessionsGetResponse> {
  const userId = query.get('user_id');
  if (!userId) throw new ApiError('bad_request', 'The submitted request is invalid: user_id is required.');
  if (!ctx.store.getUser(userId)) throw new ApiError('user_not_found');
  return { sessions: ctx.store.sessionsOf(userId).map(sessionView) };
}

function jwks(ctx: EmulatorContext, { params }: RouteRequest): ApiData<SessionsGetJWKSResponse> {
  if (params.project_id !== ctx.projectId) throw new ApiError('invalid_project_id');
  return { keys: [ctx.key.jwk] };
}
