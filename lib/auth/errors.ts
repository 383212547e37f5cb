import type { FormState } from '@/lib/fields/form-state';
import { intl } from '@/lib/fields/intl';
import type { AuthErrorCode, InputErrorCode, InputErrorMessages } from '@/lib/fields/messages';
import { clockTime } from '@/lib/fields/words';
import type { Words } from '@/lib/i18n/messages';

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
  /** What the person reads, in their language. */
  message: (words: Words, context: MessageContext) => string;
  /** `input` for what was typed, shown at the form's field; `form` for the rest (service down, limits, spent code). */
  belongsTo: 'input' | 'form';
};

type ErrorKey = Parameters<Words['t']>[0] & `errors.${string}`;

const says =
  (key: ErrorKey) =>
  ({ t }: Words) =>
    t(key);

/** The message with the wait ("in 14 minutes") when it is known, else the one that only says to wait. */
const tryAgain =
  (withWait: ErrorKey, unknownWait: ErrorKey) =>
  ({ t, locale }: Words, { waitSeconds }: MessageContext) =>
    waitSeconds === undefined ? t(unknownWait) : t(withWait, { wait: waitPhrase(waitSeconds, locale) });

/** Every way signing in can fail: what the person reads and where. The browser's own words are inputErrorMessages'. */
export const AUTH_ERRORS: Readonly<Record<AuthErrorCode, AuthErrorEntry>> = {
  invalid_phone: { message: says('errors.invalid_phone'), belongsTo: 'input' },
  country_not_allowed: {
    message: ({ t }, { country }) =>
      country === undefined ? t('errors.country_not_allowed') : t('errors.country_not_allowed_named', { country }),
    belongsTo: 'input',
  },
  invalid_code: {
    message: ({ t }, { triesLeft }) =>
      triesLeft === undefined ? t('errors.invalid_code') : t('errors.invalid_code_tries', { count: triesLeft }),
    belongsTo: 'input',
  },
  incomplete_code: { message: says('errors.incomplete_code'), belongsTo: 'input' },
  number_locked: {
    message: ({ t, locale }, { lockedUntil, timeZone, waitSeconds }) =>
      lockedUntil !== undefined && timeZone
        ? t('locked.at', { time: clockTime(lockedUntil, locale, timeZone) })
        : waitSeconds !== undefined
          ? t('locked.inMinutes', { count: Math.max(1, Math.ceil(waitSeconds / 60)) })
          : t('locked.later'),
    belongsTo: 'form',
  },
  code_expired: { message: says('errors.code_expired'), belongsTo: 'form' },
  too_many_attempts: {
    message: tryAgain('errors.too_many_attempts_wait', 'errors.too_many_attempts'),
    belongsTo: 'input',
  },
  code_attempts_used: { message: says('errors.code_attempts_used'), belongsTo: 'input' },
  // A verify refused while a resend of the same challenge is under way: that code is being replaced.
  new_code_coming: { message: says('errors.new_code_coming'), belongsTo: 'form' },
  resend_too_soon: { message: tryAgain('errors.resend_too_soon_wait', 'errors.resend_too_soon'), belongsTo: 'form' },
  rate_limited: { message: tryAgain('errors.rate_limited_wait', 'errors.rate_limited'), belongsTo: 'form' },
  phone_taken: { message: says('errors.phone_taken'), belongsTo: 'input' },
  same_phone: { message: says('errors.same_phone'), belongsTo: 'input' },
  account_rate_limited: {
    message: tryAgain('errors.account_rate_limited_wait', 'errors.account_rate_limited'),
    belongsTo: 'form',
  },
  proof_needed: {
    // Without JavaScript the phone form cannot prove work: it says so, and when the budget starts afresh.
    message: ({ t, locale }, { waitSeconds }) =>
      waitSeconds === undefined
        ? t('errors.proof_needed')
        : t('errors.proof_needed_wait', { wait: waitPhrase(waitSeconds, locale) }),
    belongsTo: 'form',
  },
  timeout: { message: says('errors.timeout'), belongsTo: 'form' },
  unreachable: { message: says('errors.unreachable'), belongsTo: 'form' },
  unavailable: { message: says('errors.unavailable'), belongsTo: 'form' },
  unknown: { message: says('errors.unknown'), belongsTo: 'form' },
};

/** The words for `code`, with the wait or the tries left filled in when the message speaks of them. */
export function authErrorMessage(words: Words, code: AuthErrorCode, context: MessageContext = {}): string {
  return AUTH_ERRORS[code].message(words, context);
}

const INPUT_ERROR_CODES: InputErrorCode[] = ['invalid_phone', 'country_not_allowed', 'invalid_code', 'incomplete_code'];

/** The words the forms show for what they find wrong before sending: the table's, handed to the browser as props. */
export function inputErrorMessages(words: Words): InputErrorMessages {
  return Object.fromEntries(
    INPUT_ERROR_CODES.map((code) => [code, authErrorMessage(words, code)]),
  ) as InputErrorMessages;
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
  words: Words,
  failure: { code: AuthErrorCode; context?: MessageContext },
  inputField?: Field,
): FormState<Field> {
  const message = authErrorMessage(words, failure.code, failure.context);
  return inputField !== undefined && AUTH_ERRORS[failure.code].belongsTo === 'input'
    ? { status: 'error', code: failure.code, message, field: inputField }
    : { status: 'error', code: failure.code, message };
}

/** Whether `value` names an AuthErrorCode, for codes that arrive as data (a zod issue's params). */
export function isAuthErrorCode(value: unknown): value is AuthErrorCode {
  return typeof value === 'string' && Object.hasOwn(AUTH_ERRORS, value);
}

/** "in 45 seconds", "dans 14 minutes", "2小时后": how long until something may be tried again, in `locale`. */
export function waitPhrase(seconds: number, locale: string): string {
  const [amount, unit]: [number, Intl.RelativeTimeFormatUnit] =
    seconds < 60
      ? [seconds, 'second']
      : seconds < 90 * 60
        ? [Math.ceil(seconds / 60), 'minute']
        : [Math.ceil(seconds / 3600), 'hour'];
  return intl(Intl.RelativeTimeFormat, locale, { numeric: 'always' }).format(amount, unit);
}
