/** Every way signing in can fail, as the app names it: the vocabulary the actions and the forms share. */
export type AuthErrorCode =
  | 'invalid_phone'
  | 'country_not_allowed'
  | 'invalid_code'
  | 'incomplete_code'
  | 'code_expired'
  | 'too_many_attempts'
  | 'number_locked'
  | 'code_attempts_used'
  | 'new_code_coming'
  | 'resend_too_soon'
  | 'rate_limited'
  | 'phone_taken'
  | 'same_phone'
  | 'account_rate_limited'
  | 'proof_needed'
  | 'timeout'
  | 'unreachable'
  | 'unavailable'
  | 'unknown';

/** What the forms can find wrong before sending anything: all the words the browser itself needs. */
export const INPUT_ERROR_MESSAGES = {
  invalid_phone: 'Enter a valid mobile number.',
  country_not_allowed: 'We can’t send codes to numbers in that country yet.',
  invalid_code: 'That code isn’t right. Check the message and try again.',
  incomplete_code: 'Enter all 6 digits.',
} satisfies Partial<Record<AuthErrorCode, string>>;

/** What the phone form says while its browser proves work before a send (the country's budget runs hot). */
export const PROOF_OF_WORK_MESSAGES = {
  checking:
    'Many codes are being requested in your country right now, so your browser is doing a quick check. Your code is sent as soon as it’s done.',
  failed: 'Your browser’s check didn’t finish. Press Send code to try again.',
} as const;

/** What the code screen says of a code that can no longer sign in; the locked words are lockedMessage's. */
export const DEAD_CODE_MESSAGES = {
  expired: 'This code has expired. Send a new code.',
  spent: 'Too many incorrect tries for this code. Send a new code.',
  replaced: 'This code is no longer valid. Send a new code.',
  // Stytch took the code but the sign-in could not be recorded: the code is used up, a new one may go at once.
  interrupted: 'The sign-in service had a problem. Send a new code to try again.',
} as const;

/** "This number is locked … Try again at 4:07 AM.", or "… in 58 minutes.", or "… later." when the end is unknown. */
export function lockedMessage(until: { clockTime?: string; minutes?: number }): string {
  const { clockTime, minutes } = until;
  const when =
    clockTime !== undefined
      ? `at ${clockTime}`
      : minutes !== undefined
        ? `in ${minutes} minute${minutes === 1 ? '' : 's'}`
        : 'later';
  return `This number is locked after too many incorrect codes. Try again ${when}.`;
}

/** "4:07 AM": a deadline in the reader's time zone (the browser's own, or the one it told the server). */
export function clockTime(epochMs: number, timeZone?: string): string {
  return new Date(epochMs).toLocaleTimeString('en-US', { hour: 'numeric', minute: '2-digit', timeZone });
}
