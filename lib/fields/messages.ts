/** Every way signing in can fail, as the app names it: the vocabulary the actions and the forms share. */
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
