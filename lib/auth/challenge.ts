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
  /** Stytch created the user for this send: the first sign-in says so. Always stored, so seals are alike in size. */
  userCreated: boolean;
  next?: string;
  /** Set when a try learned the code can no longer sign in before it expired. */
  ended?: 'spent' | 'replaced';
  /** Set when a try learned the number is locked (by the app's wrong-code limit or by Stytch), until then. */
  lockedUntil?: number;
  /** Set for a signed-in person proving their sign-in again: the sensitive action that continues after the code. */
  reverify?: SensitiveAction;
};

/** The changes that need a recent sign-in (lib/auth/reverify.ts). */
export type SensitiveAction = 'delete-account' | 'sign-out-other-devices';

/** Which code a try is for: Stytch's phone id is the number's, the same for every code sent to it, so `sentAt` too. */
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
