import type { FormState } from '@/lib/fields/form-state';
import { INPUT_ERROR_MESSAGES, type AuthErrorCode } from '@/lib/fields/messages';

export type { AuthErrorCode };

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

/** The state an action hands back for a failure: the standard words for `code` unless others are given. */
export function fail<Field extends string = never>(
  code: AuthErrorCode,
  options: { field?: Field; message?: string } = {},
): FormState<Field> {
  const message = options.message ?? AUTH_ERROR_MESSAGES[code];
  return options.field === undefined
    ? { status: 'error', code, message }
    : { status: 'error', code, message, field: options.field };
}
