import type { AuthenticationFactor, Session } from 'stytch';
import { z } from 'zod';
import { addMinutes, timestamp } from './clock';
import type { EmulatorContext } from './context';
import { ApiError } from './errors';
import { sessionIdFromJwt, signSessionJwt } from './jwt';
import {
  isSandboxSession,
  SANDBOX_SESSION_ID,
  SANDBOX_SESSION_TOKEN,
  sandboxSession,
  sandboxUser,
} from './sandbox-session';
import type { PhoneRecord, SessionRecord, UserRecord } from './store';
import { sessionView } from './views';

const MIN_SESSION_MINUTES = 5;
/** 366 days: the current limit in the node/go types and the iOS error text. */
const MAX_SESSION_MINUTES = 527_040;
const MAX_CUSTOM_CLAIMS_BYTES = 4096;
/** Registered JWT claims a caller may not set; Stytch silently ignores them. */
const RESERVED_CLAIMS = new Set(['iss', 'sub', 'aud', 'exp', 'nbf', 'iat', 'jti']);

export const customClaimsSchema = z.record(z.string(), z.unknown());
export const attributesSchema = z.object({ ip_address: z.string().optional(), user_agent: z.string().optional() });
export type Attributes = z.infer<typeof attributesSchema>;

export function checkSessionDuration(minutes: number | undefined): void {
  if (minutes !== undefined && (minutes < MIN_SESSION_MINUTES || minutes > MAX_SESSION_MINUTES)) {
    throw new ApiError('invalid_session_duration_minutes');
  }
}

/** An empty string counts as absent (Go reads it as unset), so an app may echo the `""` of a session-less reply. */
export function isGiven(value: string | undefined): value is string {
  return value !== undefined && value !== '';
}

/**
 * The live session a request names by `session_token` or `session_jwt`, or undefined when it names none. Naming a
 * dead or unknown one is session_not_found.
 */
export async function findNamedSession(
  ctx: EmulatorContext,
  args: { session_token?: string; session_jwt?: string },
): Promise<SessionRecord | undefined> {
  if (isGiven(args.session_token) && isGiven(args.session_jwt)) throw new ApiError('too_many_session_arguments');
  let session: SessionRecord | undefined;
  if (isGiven(args.session_token)) {
    session =
      args.session_token === SANDBOX_SESSION_TOKEN
        ? sandboxSession(ctx.clock.now())
        : ctx.store.findSessionByToken(args.session_token);
  } else if (isGiven(args.session_jwt)) {
    const sessionId = await sessionIdFromJwt(args.session_jwt, ctx.key, ctx.projectId);
    session = sessionId === SANDBOX_SESSION_ID ? sandboxSession(ctx.clock.now()) : ctx.store.getSession(sessionId);
  } else {
    return undefined;
  }
  if (!session) throw new ApiError('session_not_found');
  return session;
}

/** The user a live session belongs to, the sandbox session's included. */
export function sessionUser(ctx: EmulatorContext, session: SessionRecord): UserRecord | undefined {
  return isSandboxSession(session) ? sandboxUser() : ctx.store.getUser(session.user_id);
}

/** Merges caller claims into a session's: null deletes a key, reserved names are dropped, the total is capped. */
export function mergeCustomClaims(
  current: Record<string, unknown>,
  updates: Record<string, unknown> | undefined,
): Record<string, unknown> {
  const merged = { ...current };
  for (const [name, value] of Object.entries(updates ?? {})) {
    if (RESERVED_CLAIMS.has(name) || name.startsWith('https://stytch.com/')) continue;
    if (value === null) delete merged[name];
    else merged[name] = value;
  }
  if (Buffer.byteLength(JSON.stringify(merged)) > MAX_CUSTOM_CLAIMS_BYTES) {
    throw new ApiError('custom_claims_too_large');
  }
  return merged;
}

export function smsFactor(phone: PhoneRecord, now: Date): AuthenticationFactor {
  const at = timestamp(now);
  return {
    type: 'otp',
    delivery_method: 'sms',
    last_authenticated_at: at,
    created_at: at,
    updated_at: at,
    phone_number_factor: { phone_id: phone.phone_id, phone_number: phone.phone_number },
  };
}

/** Authenticating the same phone again refreshes its factor instead of listing it twice. */
export function recordFactor(session: SessionRecord, factor: AuthenticationFactor): void {
  const phoneId = factor.phone_number_factor?.phone_id;
  const existing = session.factors.find((f) => f.phone_number_factor?.phone_id === phoneId);
  if (!existing) {
    session.factors.push(factor);
    return;
  }
  existing.last_authenticated_at = factor.last_authenticated_at;
  existing.updated_at = factor.updated_at;
}

/** Marks a session as used now and, when a duration is given, moves its expiry to that far from now. */
export function touchSession(session: SessionRecord, now: Date, durationMinutes: number | undefined): void {
  session.lastAccessedAt = now;
  if (durationMinutes !== undefined) session.expiresAt = addMinutes(now, durationMinutes);
}

export type SessionCredentials = {
  session: Session;
  session_token: string;
  session_jwt: string;
};

/** The session fields of a success body, with a JWT freshly signed at `now`. */
export async function sessionCredentials(
  ctx: EmulatorContext,
  session: SessionRecord,
  now: Date,
): Promise<SessionCredentials> {
  return {
    session: sessionView(session),
    session_token: session.token,
    session_jwt: await signSessionJwt(session, ctx.key, ctx.projectId, now),
  };
}
