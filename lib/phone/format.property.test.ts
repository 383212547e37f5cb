import { parsePhone } from '@/lib/fields/phone';
import { allowlist, allowlistName, fullMetadata as full, phoneLike } from '@/test-support/arbitraries';
import fc from 'fast-check';
import { parsePhoneNumberFromString } from 'libphonenumber-js/core/es6';
import { describe, expect, it } from 'vitest';
import { maskPhone } from './format';

describe('maskPhone (properties)', () => {
  it('shows at most the calling code and four digits of any input', () => {
    fc.assert(
      fc.property(fc.oneof(phoneLike, fc.string({ unit: 'grapheme', maxLength: 40 })), (input) => {
        const masked = maskPhone(input, full);
        const callingCode = parsePhoneNumberFromString(input, full)?.countryCallingCode ?? '';
        expect(masked.startsWith(`+${callingCode}`)).toBe(true);
        // Any script's digits count: a number written in Arabic-Indic or full-width digits is still the number.
        const shown = masked.slice(1 + callingCode.length).match(/\p{Nd}/gu) ?? [];
        expect(shown.length).toBeLessThanOrEqual(4);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps exactly the last four digits of a valid number', () => {
    fc.assert(
      fc.property(allowlistName, phoneLike, (list, input) => {
        const { countries, metadata: rules } = allowlist(list);
        const parsed = parsePhone(input, countries[0] ?? 'US', rules, countries);
        if (!parsed.ok) return;
        expect(maskPhone(parsed.e164, full).replace(/\D/g, '').slice(-4)).toBe(parsed.e164.slice(-4));
      }),
      { numRuns: 200 },
    );
  });
});
