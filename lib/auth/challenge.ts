import { getEnv } from '@/lib/env';
import { maskPhone } from '@/lib/phone/format';
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
};

/** Which code a try is for: Stytch's phone id is the number's, the same for every code sent to it, so `sentAt` too. */
export function challengeId(challenge: Pick<Challenge, 'phoneId' | 'sentAt'>): string {
  return `${challenge.phoneId}@${challenge.sentAt}`;
}

/** When the "Send a new code" button of a challenge comes back to life. */
function resendAvailableAt(challenge: Pick<Challenge, 'sentAt'>): number {
  return challenge.sentAt + getEnv().OTP_RESEND_COOLDOWN_SECONDS * 1000;
}

/** What screen 2 may show of a challenge: the number masked, the deadlines, and the server's clock to count from. */
export function challengeView(challenge: Challenge) {
  return {
    maskedPhone: maskPhone(challenge.phoneNumber, getPhoneRules().metadata),
    expiresAt: challenge.expiresAt,
    resendAvailableAt: resendAvailableAt(challenge),
    serverNow: Date.now(),
  };
}
