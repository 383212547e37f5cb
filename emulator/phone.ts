import { parsePhoneNumberFromString } from 'libphonenumber-js';

/** Stytch's Test-environment sandbox number: sends nothing, and SANDBOX_CODE always authenticates it. */
export const SANDBOX_PHONE_NUMBER = '+10000000000';
export const SANDBOX_CODE = '000000';

/**
 * ITU "global service" calling codes (freephone, shared cost, satellite, international networks, premium rate).
 * They belong to no country, are classic SMS toll-fraud targets and are a safe stand-in for Stytch's per-project
 * list of disabled countries: every number here returns invalid_phone_number_country_code.
 */
export const DEFAULT_UNSUPPORTED_CALLING_CODES: readonly string[] = [
  '800',
  '808',
  '870',
  '878',
  '881',
  '882',
  '883',
  '888',
  '979',
];

const E164 = /^\+[1-9]\d{7,14}$/;
const CALLING_CODE = /^[1-9]\d{0,2}$/;

export function isE164(phoneNumber: string): boolean {
  return E164.test(phoneNumber);
}

export function isCallingCode(value: string): boolean {
  return CALLING_CODE.test(value);
}

/** Calling codes are prefix-free, so a plain prefix test finds the country of an E.164 number. */
export function hasCallingCode(phoneNumber: string, callingCodes: readonly string[]): boolean {
  return callingCodes.some((code) => phoneNumber.startsWith(`+${code}`));
}

/**
 * The country of an E.164 number. A number that fits no country's plan still gets its calling code's main country
 * (`+1 123…` is US), since only the E.164 shape is checked; non-geographic codes (`+882`) have none.
 */
export function countryOf(phoneNumber: string): string | undefined {
  const parsed = parsePhoneNumberFromString(phoneNumber);
  return parsed?.country ?? parsed?.getPossibleCountries()[0];
}

/** Console output keeps only the last four digits, like a bank statement. */
export function maskPhoneNumber(phoneNumber: string): string {
  const digits = phoneNumber.slice(1);
  return `+${'•'.repeat(Math.max(digits.length - 4, 0))}${digits.slice(-4)}`;
}

/** A number as its country writes it ("+1 201-555-0123" style, international), for the inbox. */
export function formatPhoneNumber(phoneNumber: string): string {
  return parsePhoneNumberFromString(phoneNumber)?.formatInternational() ?? phoneNumber;
}
