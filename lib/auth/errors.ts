import type { FormState } from '@/lib/fields/form-state';
import { clockTime, INPUT_ERROR_MESSAGES, lockedMessage, type AuthErrorCode } from '@/lib/fields/messages';

// Not server-only: the e2e suite asserts the same words from this table.

export type { AuthErrorCode };

/** What a message may need to say beyond its code: how long to wait, how many tries are left, which country. */
export type MessageContext = {
  waitSeconds?: number;
  triesLeft?: number;
  country?: string;
  /** When a locked number may try again, and the reader's time zone to say it in when known. */
  lockedUntil?: number;
  timeZone?: string;
};

type AuthErrorEntry = {
  /** What the person reads. */
  message: string | ((context: MessageContext) => string);
  /** `input` for what was typed, shown at the form's field; `form` for the rest (service down, limits, spent code). */
  belongsTo: 'input' | 'form';
};

/** "<lead> Try again in 14 minutes." when the wait is known, else `unknownWait`. */
const tryAgain =
  (lead: string, unknownWait: string) =>
  ({ waitSeconds }: MessageContext) =>
    waitSeconds === undefined ? unknownWait : `${lead} Try again ${waitPhrase(waitSeconds)}.`;

/** Every way signing in can fail: what the person reads and where. The browser's own words come from lib/fields. */
export const AUTH_ERRORS: Readonly<Record<AuthErrorCode, AuthErrorEntry>> = {
  invalid_phone: { message: INPUT_ERROR_MESSAGES.invalid_phone, belongsTo: 'input' },
  country_not_allowed: {
    message: ({ country }) =>
      country === undefined ? INPUT_ERROR_MESSAGES.country_not_allowed : `We can’t text ${country} numbers yet.`,
    belongsTo: 'input',
  },
  invalid_code: {
    message: ({ triesLeft }) =>
      triesLeft === undefined
        ? INPUT_ERROR_MESSAGES.invalid_code
        : `That code isn’t right. ${triesLeft} ${triesLeft === 1 ? 'try' : 'tries'} left.`,
    belongsTo: 'input',
  },
  incomplete_code: { message: INPUT_ERROR_MESSAGES.incomplete_code, belongsTo: 'input' },
  number_locked: {
    message: ({ lockedUntil, timeZone, waitSeconds }) =>
      lockedUntil !== undefined && timeZone
        ? lockedMessage({ clockTime: clockTime(lockedUntil, timeZone) })
        : waitSeconds !== undefined
          ? lockedMessage({ minutes: Math.max(1, Math.ceil(waitSeconds / 60)) })
          : lockedMessage({}),
    belongsTo: 'form',
  },
  code_expired: { message: 'That code has expired or was already used. Send a new code.', belongsTo: 'form' },
  too_many_attempts: {
    message: tryAgain('Too many incorrect codes.', 'Too many incorrect codes. Try again later.'),
    belongsTo: 'input',
  },
  code_attempts_used: { message: 'Too many incorrect tries for this code. Send a new code.', belongsTo: 'input' },
  // A verify refused while a resend of the same challenge is under way: that code is being replaced.
  new_code_coming: { message: 'A new code is on its way. Enter it when it arrives.', belongsTo: 'form' },
  resend_too_soon: {
    message: tryAgain('Please wait before sending another code.', 'Please wait before sending another code.'),
    belongsTo: 'form',
  },
  rate_limited: {
    message: tryAgain('Too many codes were requested.', 'Too many requests. Wait a few minutes and try again.'),
    belongsTo: 'form',
  },
  phone_taken: {
    message: 'That number belongs to another account. Enter a different number.',
    belongsTo: 'input',
  },
  same_phone: { message: 'That’s already your number. Enter a different one.', belongsTo: 'input' },
  account_rate_limited: {
    message: tryAgain('Too many account changes in a short time.', 'Too many account changes. Try again later.'),
    belongsTo: 'form',
  },
  proof_needed: {
    // Without JavaScript the phone form cannot prove work: it says so, and when the budget starts afresh.
    message: ({ waitSeconds }) =>
      'Many codes are being requested in your country right now. Turn on JavaScript so your browser can show it ' +
      `isn’t a bot, or try again ${waitSeconds === undefined ? 'later' : waitPhrase(waitSeconds)}.`,
    belongsTo: 'form',
  },
  timeout: { message: 'The sign-in service is taking too long to answer. Please try again.', belongsTo: 'form' },
  unreachable: {
    message: 'The sign-in service can’t be reached right now. Please try again in a moment.',
    belongsTo: 'form',
  },
  unavailable: { message: 'The sign-in service had a problem. Please try again.', belongsTo: 'form' },
  unknown: { message: 'Something went wrong. Please try again.', belongsTo: 'form' },
};

/** The words for `code`, with the wait or the tries left filled in when the message speaks of them. */
export function authErrorMessage(code: AuthErrorCode, context: MessageContext = {}): string {
  const { message } = AUTH_ERRORS[code];
  return typeof message === 'string' ? message : message(context);
}

/** What the server log needs to trace a failure: Stytch's request id and error type, or the limit or fault. */
export type AuthErrorDetails = { requestId?: string; errorType?: string; status?: number };

/** A failure in the app's vocabulary, with what the log needs and what its message needs (a wait, tries left). */
export class AuthError extends Error {
  constructor(
    readonly code: AuthErrorCode,
    readonly details: AuthErrorDetails = {},
    readonly context: MessageContext = {},
  ) {
    super(code);
    this.name = 'AuthError';
  }
}

/** The state an action hands back for a failure: the table's words, at `inputField` when the error is about it. */
export function failureState<Field extends string = never>(
  failure: { code: AuthErrorCode; context?: MessageContext },
  inputField?: Field,
): FormState<Field> {
  const message = authErrorMessage(failure.code, failure.context);
  return inputField !== undefined && AUTH_ERRORS[failure.code].belongsTo === 'input'
    ? { status: 'error', code: failure.code, message, field: inputField }
    : { status: 'error', code: failure.code, message };
}

/** Whether `value` names an AuthErrorCode, for codes that arrive as data (a zod issue's params). */
export function isAuthErrorCode(value: unknown): value is AuthErrorCode {
  return typeof value === 'string' && Object.hasOwn(AUTH_ERRORS, value);
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
