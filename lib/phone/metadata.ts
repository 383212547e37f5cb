import { getEnv } from '@/lib/env';
import type { MetadataJson } from '@/lib/fields/phone';
import { processSingleton } from '@/lib/process';
import fullMetadata from 'libphonenumber-js/metadata.min.json';
import 'server-only';

/**
 * The phone metadata of just the allowed countries, small enough to send to the browser
 * (US and Canada together are under 2 KB, against 80 KB for every country).
 */
export function phoneMetadataFor(countries: readonly string[]): MetadataJson {
  const all = fullMetadata as MetadataJson;
  const callingCodes: MetadataJson['country_calling_codes'] = {};
  const kept: MetadataJson['countries'] = {};
  for (const [callingCode, codeCountries] of Object.entries(all.country_calling_codes)) {
    if (!codeCountries.some((country) => countries.includes(country))) continue;
    // The first country of a calling code carries the formats the others share, so it stays too.
    const needed = codeCountries.filter((country, index) => index === 0 || countries.includes(country));
    callingCodes[callingCode] = needed;
    for (const country of needed) {
      const data = all.countries[country];
      if (data) kept[country] = data;
    }
  }
  return { version: all.version, country_calling_codes: callingCodes, countries: kept, nonGeographic: {} };
}

/** The allowed countries and their metadata: the one source for the form, the action and the pages. */
export function getPhoneRules(): { allowedCountries: string[]; metadata: MetadataJson } {
  return processSingleton('phone-rules', () => {
    const allowedCountries = getEnv().SMS_ALLOWED_COUNTRIES;
    return { allowedCountries, metadata: phoneMetadataFor(allowedCountries) };
  });
}
