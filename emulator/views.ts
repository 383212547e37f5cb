import type { Session, User } from 'stytch';
import { timestamp } from './clock';
import type { SessionRecord, UserRecord } from './store';

/** Stytch's consumer RBAC gives every session the implicit `stytch_user` role. */
const SESSION_ROLES: readonly string[] = ['stytch_user'];

/** The user as Stytch returns it; an SMS-only user has empty lists for every other factor. */
export function userView(user: UserRecord): User {
  return {
    user_id: user.user_id,
    emails: [],
    status: user.status,
    phone_numbers: user.phones.map(({ phone_id, phone_number, verified }) => ({ phone_id, phone_number, verified })),
    webauthn_registrations: [],
    providers: [],
    totps: [],
    crypto_wallets: [],
    biometric_registrations: [],
    is_locked: user.lock !== undefined,
    roles: [],
    name: { first_name: '', middle_name: '', last_name: '' },
    created_at: timestamp(user.createdAt),
    trusted_metadata: {},
    untrusted_metadata: {},
    ...(user.lock && {
      lock_created_at: timestamp(user.lock.createdAt),
      lock_expires_at: timestamp(user.lock.expiresAt),
    }),
  };
}

export function sessionView(session: SessionRecord): Session {
  return {
    session_id: session.session_id,
    user_id: session.user_id,
    authentication_factors: session.factors,
    roles: [...SESSION_ROLES],
    started_at: session.startedAtText ?? timestamp(session.startedAt),
    last_accessed_at: timestamp(session.lastAccessedAt),
    expires_at: timestamp(session.expiresAt),
    attributes: session.attributes,
    custom_claims: session.customClaims,
  };
}
