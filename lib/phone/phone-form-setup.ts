import type { CountryCode } from '@/lib/fields/phone';
import { getRequestInfo } from '@/lib/http/request-info';
import { allowedCountriesSentence, exampleNationalNumber, flagOf } from '@/lib/phone/countries';
import { getCountryCallingCode, toNationalInput } from '@/lib/phone/format';
import { getPhoneRules } from '@/lib/phone/metadata';
import 'server-only';

/**
 * What a phone screen's form starts from (sign-in and a new number alike): the allowed countries, the rules, the
 * visitor's likely country, and `previous` (E.164) typed again when the person comes back to change it.
 */
export async function phoneFormSetup(previous: string | undefined) {
  const { allowedCountries, metadata } = getPhoneRules();
  const { countryHints } = await getRequestInfo();
  const typed = previous ? toNationalInput(previous, metadata) : null;
  const names = new Intl.DisplayNames(['en'], { type: 'region' });
  return {
    countries: allowedCountries.map((code) => ({
      code,
      name: names.of(code) ?? code,
      callingCode: getCountryCallingCode(code as CountryCode, metadata),
      flag: flagOf(code),
      example: exampleNationalNumber(code, metadata),
    })),
    metadata,
    defaultCountry:
      typed?.country ?? countryHints.find((hint) => allowedCountries.includes(hint)) ?? allowedCountries[0] ?? 'US',
    defaultPhone: typed?.national ?? '',
    countriesNote: allowedCountriesSentence(allowedCountries),
    mayBeForeign: countryHints.some((hint) => !allowedCountries.includes(hint)),
    // Where the form asks for a proof of work when the country's budget runs hot (app/(auth)/login/proof).
    proofChallengeUrl: '/login/proof',
  };
}
