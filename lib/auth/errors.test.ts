import { wordsFor } from '@/lib/i18n/messages';
import { describe, expect, it } from 'vitest';
import {
  AUTH_ERRORS,
  authErrorMessage,
  failureState,
  inputErrorMessages,
  isAuthErrorCode,
  waitPhrase,
  type AuthErrorCode,
  type MessageContext,
} from './errors';

const EN = wordsFor('en');

// Every code: what the person reads when nothing more is known, and whether it sits at the field or the whole form.
const EVERY_CODE: [AuthErrorCode, string, 'code' | undefined][] = [
  ['invalid_phone', 'Enter a valid mobile number.', 'code'],
  ['country_not_allowed', 'We can’t send codes to numbers in that country yet.', 'code'],
  ['invalid_code', 'That code isn’t right. Check the message and try again.', 'code'],
  ['incomplete_code', 'Enter all 6 digits.', 'code'],
  ['number_locked', 'This number is locked after too many incorrect codes. Try again later.', undefined],
  ['code_expired', 'That code has expired or was already used. Send a new code.', undefined],
  ['too_many_attempts', 'Too many incorrect codes. Try again later.', 'code'],
  ['code_attempts_used', 'Too many incorrect tries for this code. Send a new code.', 'code'],
  ['new_code_coming', 'A new code is on its way. Enter it when it arrives.', undefined],
  ['resend_too_soon', 'Please wait before sending another code.', undefined],
  ['rate_limited', 'Too many requests. Wait a few minutes and try again.', undefined],
  ['phone_taken', 'That number belongs to another account. Enter a different number.', 'code'],
  ['same_phone', 'That’s already your number. Enter a different one.', 'code'],
  ['account_rate_limited', 'Too many account changes. Try again later.', undefined],
  [
    'proof_needed',
    'Many codes are being requested in your country right now. Turn on JavaScript so your browser can show it isn’t a bot, or try again later.',
    undefined,
  ],
  ['timeout', 'The sign-in service is taking too long to answer. Please try again.', undefined],
  ['unreachable', 'The sign-in service can’t be reached right now. Please try again in a moment.', undefined],
  ['unavailable', 'The sign-in service had a problem. Please try again.', undefined],
  ['unknown', 'Something went wrong. Please try again.', undefined],
];

describe('the error table', () => {
  it('has a row for every code', () => {
    expect(Object.keys(AUTH_ERRORS).sort()).toEqual(EVERY_CODE.map(([code]) => code).sort());
  });

  it.each(EVERY_CODE)('%s reads "%s", at the field: %s', (code, message, field) => {
    expect(authErrorMessage(EN, code)).toBe(message);
    expect(failureState(EN, { code }, 'code')).toEqual({ status: 'error', code, message, ...(field ? { field } : {}) });
  });

  it.each(EVERY_CODE)('%s belongs to the whole form when the form has no field to show it at', (code, message) => {
    expect(failureState(EN, { code })).toEqual({ status: 'error', code, message });
  });

  it('hands the browser the very words the server shows for what the browser checks itself', () => {
    for (const [code, message] of Object.entries(inputErrorMessages(EN))) {
      expect(authErrorMessage(EN, code as keyof ReturnType<typeof inputErrorMessages>)).toBe(message);
    }
  });

  it.each<[AuthErrorCode, MessageContext, string]>([
    ['invalid_code', { triesLeft: 4 }, 'That code isn’t right. 4 tries left.'],
    ['invalid_code', { triesLeft: 1 }, 'That code isn’t right. 1 try left.'],
    ['country_not_allowed', { country: 'UK' }, 'We can’t text UK numbers yet.'],
    ['too_many_attempts', { waitSeconds: 840 }, 'Too many incorrect codes. Try again in 14 minutes.'],
    [
      'number_locked',
      { waitSeconds: 3500 },
      'This number is locked after too many incorrect codes. Try again in 59 minutes.',
    ],
    [
      'number_locked',
      { waitSeconds: 3500, lockedUntil: Date.parse('2026-12-02T12:07:00Z'), timeZone: 'America/New_York' },
      'This number is locked after too many incorrect codes. Try again at 7:07 AM.',
    ],
    ['resend_too_soon', { waitSeconds: 12 }, 'Please wait before sending another code. Try again in 12 seconds.'],
    ['rate_limited', { waitSeconds: 3600 }, 'Too many codes were requested. Try again in 60 minutes.'],
    ['rate_limited', { waitSeconds: 23 * 3600 }, 'Too many codes were requested. Try again in 23 hours.'],
    [
      'account_rate_limited',
      { waitSeconds: 600 },
      'Too many account changes in a short time. Try again in 10 minutes.',
    ],
    [
      'proof_needed',
      { waitSeconds: 2400 },
      'Many codes are being requested in your country right now. Turn on JavaScript so your browser can show it isn’t a bot, or try again in 40 minutes.',
    ],
    // Words without a wait or a count ignore one.
    ['code_attempts_used', { waitSeconds: 3600 }, 'Too many incorrect tries for this code. Send a new code.'],
    ['unavailable', { waitSeconds: 60 }, 'The sign-in service had a problem. Please try again.'],
  ])('%s with %j reads "%s"', (code, context, message) => {
    expect(authErrorMessage(EN, code, context)).toBe(message);
    expect(failureState(EN, { code, context })).toMatchObject({ message });
  });

  it.each<[Parameters<typeof wordsFor>[0], AuthErrorCode, MessageContext, string]>([
    ['fr', 'invalid_code', { triesLeft: 1 }, 'Ce code n’est pas le bon. 1 essai restant.'],
    ['fr', 'invalid_code', { triesLeft: 2 }, 'Ce code n’est pas le bon. 2 essais restants.'],
    ['fr', 'too_many_attempts', { waitSeconds: 840 }, 'Trop de codes incorrects. Réessayez dans 14 minutes.'],
    ['es', 'invalid_code', { triesLeft: 1 }, 'Ese código no es correcto. Te queda 1 intento.'],
    ['es', 'invalid_code', { triesLeft: 3 }, 'Ese código no es correcto. Te quedan 3 intentos.'],
    [
      'de-DE',
      'rate_limited',
      { waitSeconds: 7200 },
      'Zu viele Codes angefordert. Versuchen Sie es in 2 Stunden erneut.',
    ],
  ])('in %s, %s with %j reads "%s"', (locale, code, context, message) => {
    expect(authErrorMessage(wordsFor(locale), code, context)).toBe(message);
  });
});

describe('waitPhrase', () => {
  it.each([
    [1, 'in 1 second'],
    [45, 'in 45 seconds'],
    [60, 'in 1 minute'],
    [61, 'in 2 minutes'],
    [89 * 60, 'in 89 minutes'],
    [90 * 60, 'in 2 hours'],
    [24 * 3600, 'in 24 hours'],
  ])('%i seconds is "%s"', (seconds, phrase) => {
    expect(waitPhrase(seconds, 'en')).toBe(phrase);
  });
});

describe('isAuthErrorCode', () => {
  it.each([
    ['invalid_code', true],
    ['unknown', true],
    ['toString', false],
    ['__proto__', false],
    ['', false],
    [42, false],
    [undefined, false],
  ])('%j: %s', (value, expected) => {
    expect(isAuthErrorCode(value)).toBe(expected);
  });
});
