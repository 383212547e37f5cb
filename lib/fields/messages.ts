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

/** What the forms can find wrong before sending anything: the codes whose words the server hands the browser. */
export type InputErrorCode = 'invalid_phone' | 'country_not_allowed' | 'invalid_code' | 'incomplete_code';

/** The words of the browser's own checks, in the reader's language. */
export type InputErrorMessages = Record<InputErrorCode, string>;
