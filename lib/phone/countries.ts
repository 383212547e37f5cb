import { intl } from '@/lib/fields/intl';
import type { MetadataJson } from '@/lib/fields/phone';
import type { Words } from '@/lib/i18n/messages';
import { getExampleNumber, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/core/es6';
import mobileExamples from 'libphonenumber-js/examples.mobile.json';
import fullMetadata from 'libphonenumber-js/metadata.min.json';
import 'server-only';

/* Countries as people read them, and numbers from countries outside the allowlist, read with every country's rules. */

/** "UK", "US", "Canada", "Royaume-Uni": a country's name as it reads in a sentence of `locale`. */
export function shortCountryName(country: string, locale: string): string {
  // English says "US" and "UK"; other languages' short forms are abbreviations ("É.-U.", "RU"), not names.
  const style = locale === 'en' ? 'short' : 'long';
  return intl(Intl.DisplayNames, [locale], { type: 'region', style }).of(country) ?? country;
}

/** "We can text US and Canada numbers." for the allowlist, in the reader's language. */
export function allowedCountriesSentence(allowedCountries: readonly string[], { t, locale }: Words): string {
  const names = allowedCountries.map((country) => shortCountryName(country, locale));
  return t('phoneForm.allowedCountries', {
    countries: intl(Intl.ListFormat, locale, { type: 'conjunction' }).format(names),
  });
}

/** The country's example mobile number, in national format: the field's placeholder. */
export function exampleNationalNumber(country: string, metadata: MetadataJson): string | undefined {
  return getExampleNumber(country as CountryCode, mobileExamples, metadata)?.formatNational();
}

/**
 * The country outside the allowlist a refused number belongs to: a `+` number's own country, or a national number
 * valid in one of the visitor's countries. Undefined when the number belongs nowhere else (then it is just invalid).
 */
export function outsideCountryOf(
  input: string,
  visitorCountries: readonly string[],
  allowedCountries: readonly string[],
): string | undefined {
  const all = fullMetadata as MetadataJson;
  const text = input.trim();
  if (text.startsWith('+')) {
    const phone = parsePhoneNumberFromString(text, all);
    const country = phone?.country ?? (phone && all.country_calling_codes[phone.countryCallingCode]?.[0]);
    return country && !allowedCountries.includes(country) ? country : undefined;
  }
  return visitorCountries.find(
    (country) =>
      !allowedCountries.includes(country) &&
      Object.hasOwn(all.countries, country) &&
      parsePhoneNumberFromString(text, country as CountryCode, all)?.isValid(),
  );
}

/** The country's flag emoji, from its two regional-indicator letters. */
export function flagOf(country: string): string {
  return String.fromCodePoint(...[...country.toUpperCase()].map((letter) => 0x1f1a5 + letter.charCodeAt(0)));
}
