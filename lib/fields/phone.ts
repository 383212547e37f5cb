import { AsYouType, type CountryCode, type MetadataJson } from 'libphonenumber-js/core/es6';

export type { CountryCode, MetadataJson };

export type PhoneParseResult =
  { ok: true; e164: string; country: CountryCode } | { ok: false; error: 'invalid_phone' | 'country_not_allowed' };

const MAX_INPUT_LENGTH = 40;
/** E.164 allows 15 digits in all; libphonenumber's rules for a few countries (Germany's among them) allow more. */
const E164_MAX_DIGITS = 15;
/** Digits (of any script), an optional leading `+`, and the punctuation people write numbers with. */
const PHONE_TEXT = /^\+?[\p{Nd}\s().\-/]+$/u;

/*
 * The phone field's rules, the same in the browser and in the `sendCode` action. Both are built on libphonenumber's
 * AsYouType alone: its formatter already holds a full validator, and adding the parser as well would double what the
 * browser downloads for this field.
 */

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
  if (!PHONE_TEXT.test(text) || text.length > MAX_INPUT_LENGTH || !isAllowedCountry(country, allowedCountries)) {
    return { ok: false, error: 'invalid_phone' };
  }
  if (text.startsWith('+') && !hasAllowedCallingCode(text, metadata)) {
    return { ok: false, error: 'country_not_allowed' };
  }
  const { formatter } = typeIn(text, country, metadata);
  const phone = formatter.getNumber();
  // AsYouType stops at the first digit a number cannot hold; a number read from part of the text is not the one typed.
  const everyDigitRead = formatter.getChars().replace('+', '').length === text.replace(/\P{Nd}/gu, '').length;
  if (!phone?.isValid() || !everyDigitRead || phone.number.length - 1 > E164_MAX_DIGITS) {
    return { ok: false, error: 'invalid_phone' };
  }
  if (!phone.country || !allowedCountries.includes(phone.country)) return { ok: false, error: 'country_not_allowed' };
  return { ok: true, e164: phone.number, country: phone.country };
}

/** Formats a number as it is typed; a leading `+` may reveal another country. */
export function formatAsYouType(input: string, country: string, metadata: MetadataJson) {
  const { formatter, formatted } = typeIn(input, country, metadata);
  return { formatted, country: formatter.getCountry() };
}

function isAllowedCountry(country: string, allowedCountries: readonly string[]): country is CountryCode {
  return allowedCountries.includes(country);
}

function typeIn(input: string, country: string, metadata: MetadataJson) {
  // The country comes from the page; a name such as "constructor" would be found on the metadata's prototype and throw.
  const formatter = new AsYouType(
    Object.hasOwn(metadata.countries, country) ? (country as CountryCode) : undefined,
    metadata,
  );
  return { formatter, formatted: formatter.input(input) };
}

// Calling codes are prefix-free and one to three digits long, so at most one prefix of the digits can match.
function hasAllowedCallingCode(text: string, metadata: MetadataJson): boolean {
  const digits = text.replace(/\D/g, '');
  return [1, 2, 3].some((length) => digits.slice(0, length) in metadata.country_calling_codes);
}
