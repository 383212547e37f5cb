import {
  AsYouType,
  parsePhoneNumberFromString,
  type CountryCode,
  type MetadataJson,
} from 'libphonenumber-js/core';

export type { CountryCode, MetadataJson };

export type PhoneParseResult =
  | { ok: true; e164: string; country: CountryCode }
  | { ok: false; error: 'invalid_phone' | 'country_not_allowed' };

const MAX_INPUT_LENGTH = 40;

/**
 * Reads what a person typed (a national number for `country`, or a full `+` number) into E.164.
 * `metadata` only needs the allowed countries: a number from any other country is refused as not allowed.
 */
export function parsePhone(
  input: string,
  country: string,
  metadata: MetadataJson,
  allowedCountries: readonly string[],
): PhoneParseResult {
  const text = input.trim();
  if (!text || text.length > MAX_INPUT_LENGTH || !isAllowedCountry(country, allowedCountries)) {
    return { ok: false, error: 'invalid_phone' };
  }
  if (text.startsWith('+') && !hasAllowedCallingCode(text, metadata)) {
    return { ok: false, error: 'country_not_allowed' };
  }
  const phone = parsePhoneNumberFromString(text, country, metadata);
  if (!phone?.isValid()) return { ok: false, error: 'invalid_phone' };
  if (!phone.country || !allowedCountries.includes(phone.country)) return { ok: false, error: 'country_not_allowed' };
  return { ok: true, e164: phone.number, country: phone.country };
}

/** Formats a number as it is typed; a leading `+` may reveal another country. */
export function formatAsYouType(input: string, country: string, metadata: MetadataJson) {
  // The country comes from the page; a name such as "constructor" would be found on the metadata's prototype and throw.
  const formatter = new AsYouType(Object.hasOwn(metadata.countries, country) ? (country as CountryCode) : undefined, metadata);
  const formatted = formatter.input(input);
  return { formatted, country: formatter.getCountry() };
}

/** The national part of an E.164 number, formatted for its country, to put back into the phone field. */
export function toNationalInput(e164: string, metadata: MetadataJson) {
  const phone = parsePhoneNumberFromString(e164, metadata);
  return phone?.country ? { country: phone.country, national: phone.formatNational() } : null;
}

/** An E.164 number written for people: "+1 201 555 0123". */
export function formatPhone(e164: string, metadata: MetadataJson): string {
  return parsePhoneNumberFromString(e164, metadata)?.formatInternational() ?? e164;
}

/** The calling code of an E.164 number ("1" for +1 201 555 0123), the key of its country's budget. */
export function callingCodeOf(e164: string, metadata: MetadataJson): string {
  return parsePhoneNumberFromString(e164, metadata)?.countryCallingCode ?? 'unknown';
}

/** Shows a number with all but its last four digits hidden, e.g. `+1 ••• ••• 0162`; safe for screens and logs. */
export function maskPhone(e164: string, metadata: MetadataJson): string {
  const phone = parsePhoneNumberFromString(e164, metadata);
  const callingCode = phone ? `+${phone.countryCallingCode}` : '';
  const rest = phone ? phone.formatInternational().slice(callingCode.length) : e164.replace(/^\+/, '');
  // Digits of any script count: text that does not parse may hold full-width or Arabic-Indic ones.
  const digits = rest.replace(/\P{Nd}/gu, '').length;
  let seen = 0;
  const masked = rest.replace(/\p{Nd}/gu, (digit) => (++seen > digits - 4 ? digit : '•'));
  return `${callingCode || '+'}${masked}`;
}

export function isAllowedCountry(country: string, allowedCountries: readonly string[]): country is CountryCode {
  return allowedCountries.includes(country);
}

// Calling codes are prefix-free and one to three digits long, so at most one prefix of the digits can match.
function hasAllowedCallingCode(text: string, metadata: MetadataJson): boolean {
  const digits = text.replace(/\D/g, '');
  return [1, 2, 3].some((length) => digits.slice(0, length) in metadata.country_calling_codes);
}

export { getCountryCallingCode } from 'libphonenumber-js/core';
