/** Every way signing in can fail, as the app names it. Stytch's error types are mapped onto these in lib/stytch.ts. */
export type AuthErrorCode =
  | 'invalid_phone'
  | 'country_not_allowed'
  | 'invalid_code'
  | 'code_expired'
  | 'too_many_attempts'
  | 'code_attempts_used'
  | 'resend_too_soon'
  | 'rate_limited'
  | 'timeout'
  | 'unreachable'
  | 'unavailable'
  | 'unknown';

/** What the forms can find wrong before sending anything: all the words the browser itself needs. */
export const INPUT_ERROR_MESSAGES = {
  invalid_phone: 'Enter a valid mobile number.',
  country_not_allowed: 'We can’t send codes to numbers in that country yet.',
  invalid_code: 'That code isn’t right. Check the message and try again.',
} satisfies Partial<Record<AuthErrorCode, string>>;

export const AUTH_ERROR_MESSAGES: Record<AuthErrorCode, string> = {
  ...INPUT_ERROR_MESSAGES,
  code_expired: 'That code has expired or was already used. Send a new code.',
  too_many_attempts: 'Too many incorrect codes. Try again later.',
  code_attempts_used: 'Too many incorrect tries for this code. Send a new code.',
  resend_too_soon: 'Please wait before sending another code.',
  rate_limited: 'Too many requests. Wait a few minutes and try again.',
  timeout: 'The sign-in service is taking too long to answer. Please try again.',
  unreachable: 'The sign-in service can’t be reached right now. Please try again in a moment.',
  unavailable: 'The sign-in service had a problem. Please try again.',
  unknown: 'Something went wrong. Please try again.',
};

/**
 * A failure already translated to the app's vocabulary, with what the server log needs to trace it and, where the
 * standard message is not enough (how long to wait, tries left), the words to show instead.
 */
export class AuthError extends Error {
  constructor(
    readonly code: AuthErrorCode,
    readonly details: { requestId?: string; errorType?: string; status?: number } = {},
    readonly userMessage: string = AUTH_ERROR_MESSAGES[code],
  ) {
    super(code);
    this.name = 'AuthError';
  }
}

/** "in 45 seconds", "in 14 minutes", "in 2 hours": how long until something may be tried again. */
export function waitPhrase(seconds: number): string {
  const [amount, unit] =
    seconds < 60
      ? [seconds, 'second']
      : seconds < 90 * 60
        ? [Math.ceil(seconds / 60), 'minute']
        : [Math.ceil(seconds / 3600), 'hour'];
  return `in ${amount} ${unit}${amount === 1 ? '' : 's'}`;
}
