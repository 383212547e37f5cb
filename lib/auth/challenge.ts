import { getEnv } from '@/lib/env';
import { maskPhone } from '@/lib/phone/format';
import { getPhoneRules } from '@/lib/phone/metadata';
import type { Challenge } from '@/lib/session/cookie';
import 'server-only';

/** When the "Send a new code" button of a challenge comes back to life. */
export function resendAvailableAt(challenge: Pick<Challenge, 'sentAt'>): number {
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
