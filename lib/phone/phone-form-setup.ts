import { intl } from '@/lib/fields/intl';
import type { CountryCode } from '@/lib/fields/phone';
import { getRequestInfo } from '@/lib/http/request-info';
import type { Words } from '@/lib/i18n/messages';
import { phoneFormWords } from '@/lib/i18n/screen-words';
import { allowedCountriesSentence, exampleNationalNumber, flagOf } from '@/lib/phone/countries';
import { getCountryCallingCode, toNationalInput } from '@/lib/phone/format';
import { getPhoneRules } from '@/lib/phone/metadata';
import 'server-only';

/**
 * What a phone screen's form starts from (sign-in and a new number alike): the allowed countries, the rules, the
 * visitor's likely country, and `previous` (E.164) typed again when the person comes back to change it; all of it
 * in the reader's language.
 */
export async function phoneFormSetup(previous: string | undefined, words: Words) {
  const { t, locale } = words;
  const { allowedCountries, metadata } = getPhoneRules();
  const { countryHints } = await getRequestInfo();
  const typed = previous ? toNationalInput(previous, metadata) : null;
  const names = intl(Intl.DisplayNames, [locale], { type: 'region' });
  return {
    countries: allowedCountries.map((code) => {
      const callingCode = getCountryCallingCode(code as CountryCode, metadata);
      return {
        code,
        label: t('phoneForm.countryOption', { country: names.of(code) ?? code, callingCode }),
        callingCode,
        flag: flagOf(code),
        example: exampleNationalNumber(code, metadata),
      };
    }),
    metadata,
    defaultCountry:
      typed?.country ?? countryHints.find((hint) => allowedCountries.includes(hint)) ?? allowedCountries[0] ?? 'US',
    defaultPhone: typed?.national ?? '',
    countriesNote: allowedCountriesSentence(allowedCountries, words),
    mayBeForeign: countryHints.some((hint) => !allowedCountries.includes(hint)),
    // Where the form asks for a proof of work when the country's budget runs hot (app/(auth)/login/proof).
    proofChallengeUrl: '/login/proof',
    words: phoneFormWords(words),
  };
}
