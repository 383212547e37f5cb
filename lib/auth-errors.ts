/** Every way signing in can fail, as the app names it. Stytch's error types are mapped onto these in lib/stytch.ts. */
export type AuthErrorCode =
  | 'invalid_phone'
  | 'country_not_allowed'
  | 'invalid_code'
  | 'code_expired'
  | 'too_many_attempts'
  | 'resend_too_soon'
  | 'rate_limited'
  | 'timeout'
  | 'unreachable'
  | 'unavailable'
  | 'unknown';

export const AUTH_ERROR_MESSAGES: Record<AuthErrorCode, string> = {
  invalid_phone: 'Enter a valid mobile number.',
  country_not_allowed: 'We can’t send codes to numbers in that country yet.',
  invalid_code: 'That code isn’t right. Check the message and try again.',
  code_expired: 'That code has expired or was already used. Send a new code.',
  too_many_attempts: 'Too many incorrect codes. Try again later.',
  resend_too_soon: 'Please wait before sending another code.',
  rate_limited: 'Too many requests. Wait a few minutes and try again.',
  timeout: 'The sign-in service is taking too long to answer. Please try again.',
  unreachable: 'The sign-in service can’t be reached right now. Please try again in a moment.',
  unavailable: 'The sign-in service had a problem. Please try again.',
  unknown: 'Something went wrong. Please try again.',
};

/** A failure already translated to the app's vocabulary, with what the server log needs to trace it. */
export class AuthError extends Error {
  constructor(
    readonly code: AuthErrorCode,
    readonly details: { requestId?: string; errorType?: string; status?: number } = {},
  ) {
    super(code);
    this.name = 'AuthError';
  }
}
