import { getEnv } from '@/lib/env';
import type { ChallengeStatus, ChallengeView } from '@/lib/fields/code';
import { toNationalInput } from '@/lib/phone/format';
import { getPhoneRules } from '@/lib/phone/metadata';
import 'server-only';

/** A sent code waiting to be verified. Lives only in the sealed cookie: never in a URL, a field or a response. */
export type Challenge = {
  phoneId: string;
  userId: string;
  phoneNumber: string;
  sentAt: number;
  expiresAt: number;
  /** Stytch created the user for this send: the first sign-in says "account created". */
  userCreated: boolean;
  next?: string;
  /** Set when a try learned the code can no longer sign in before it expired (`interrupted`: Stytch took it, but the
   * sign-in could not be recorded). */
  ended?: 'spent' | 'replaced' | 'interrupted';
  /** Set when a try learned the number is locked (by the app's wrong-code limit or by Stytch), until then. */
  lockedUntil?: number;
  /** Spaces that bring every challenge to one sealed size (see fixedWidth). */
  padding?: string;
  /** Set for a signed-in person proving their sign-in again: the sensitive action that continues after the code. */
  reverify?: SensitiveAction;
  /** The other session a device sign-out ends, once the code proved the sign-in again. */
  deviceSessionId?: string;
  /** Set for a signed-in person's code to a new number: verifying it makes that number theirs instead of the old. */
  changesNumber?: true;
};

/** The changes that need a recent sign-in (lib/auth/reverify.ts). */
export type SensitiveAction = 'change-number' | 'delete-account' | 'sign-out-device' | 'sign-out-other-devices';

/** Whether the code is asked of a signed-in person, through their session, rather than to sign in. */
export function isSignedInChallenge(challenge: Pick<Challenge, 'reverify' | 'changesNumber'>): boolean {
  return challenge.reverify !== undefined || challenge.changesNumber === true;
}

// Room for the longest challenge: ids, number, times, flags and a `next` of 512 characters (lib/auth/schemas.ts).
const CHALLENGE_BYTES = 1024;

/**
 * The challenge padded to one size whatever the account (new or known to Stytch), the `next` and the state, so the
 * length of its cookie tells an onlooker nothing.
 */
export function fixedWidth(challenge: Challenge): Challenge {
  const { padding: _previous, ...fields } = challenge;
  const unpadded = Buffer.byteLength(JSON.stringify({ ...fields, padding: '' }));
  return { ...fields, padding: ' '.repeat(Math.max(0, CHALLENGE_BYTES - unpadded)) };
}

/** Which code a challenge is for: Stytch's phone id is the number's, the same for every code, so `sentAt` too. */
export function challengeId(challenge: Pick<Challenge, 'phoneId' | 'sentAt'>): string {
  return `${challenge.phoneId}@${challenge.sentAt}`;
}

/** Where a challenge stands at `now`, and when a new code may be sent: at once for a dead code, after a lock ends. */
export function challengeStatus(
  challenge: Pick<Challenge, 'sentAt' | 'expiresAt' | 'ended' | 'lockedUntil'>,
  now: number,
  cooldownSeconds: number,
): { status: ChallengeStatus; resendAt: number; lockedUntil?: number } {
  const { lockedUntil } = challenge;
  if (lockedUntil !== undefined && lockedUntil > now) return { status: 'locked', resendAt: lockedUntil, lockedUntil };
  const status: ChallengeStatus = challenge.ended ?? (now >= challenge.expiresAt ? 'expired' : 'active');
  const cooldownEnds = challenge.sentAt + cooldownSeconds * 1000;
  return { status, resendAt: status === 'active' ? cooldownEnds : Math.min(cooldownEnds, now) };
}

/** What the code screen may show of a challenge: the number typed, its status, its deadlines and the server's clock. */
export function challengeView(challenge: Challenge, now = Date.now()): ChallengeView {
  const { phoneNumber, expiresAt } = challenge;
  return {
    ...challengeStatus(challenge, now, getEnv().OTP_RESEND_COOLDOWN_SECONDS),
    phone: toNationalInput(phoneNumber, getPhoneRules().metadata)?.national ?? phoneNumber,
    expiresAt,
    serverNow: now,
  };
}
