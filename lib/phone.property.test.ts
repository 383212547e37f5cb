import fc from 'fast-check';
import { parsePhoneNumberFromString } from 'libphonenumber-js/core';
import { describe, expect, it } from 'vitest';
import { formatAsYouType, maskPhone, parsePhone } from './phone';
import { ALLOWLISTS, E164, allowlist, anyCodePoint, digits, fullMetadata as full } from './test-arbitraries';

const allowlistName = fc.constantFrom(...ALLOWLISTS);
// Characters people type or paste around a number, plus look-alike digits from other scripts.
const filler = fc.constantFrom(' ', '-', '.', '(', ')', '/', '+', '\u00a0', '\t', 'ext', 'x', '٣', '３', '🙂', 'a');
/** Text shaped like a phone number: digit runs with punctuation, sometimes a `+`, sometimes junk. */
const phoneLike = fc.oneof(
  fc.tuple(fc.constantFrom('', '+', '+1', '+1 ', '1-', '+44 ', '+91', '00'), fc.array(fc.oneof(digits(1, 4), filler), { maxLength: 10 })).map(
    ([prefix, parts]) => `${prefix}${parts.join('')}`,
  ),
  // North American numbers in their usual shapes: area code and exchange start with 2–9.
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...'23456789'), digits(2, 2), fc.constantFrom(...'23456789'), digits(6, 6), fc.constantFrom('', '+1 ', '1 ', '+1')).map(
    ([a, b, c, d, prefix]) => `${prefix}(${a}${b}) ${c}${d.slice(0, 2)}-${d.slice(2)}`,
  ) },
  // Mobile ranges of the other allowed countries, international and national.
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom('+44 7', '07', '+33 6', '06', '+49 15', '+91 9', '+1 416 '), digits(7, 9)).map(([prefix, number]) => `${prefix}${number}`) },
  digits(8, 15).map((number) => `+${number}`),
  fc.string({ unit: anyCodePoint, maxLength: 60 }),
);
const countryInput = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('US', 'CA', 'GB', 'FR', 'DE', 'IN') },
  fc.constantFrom('ZZ', '', 'us'),
  fc.string({ maxLength: 4 }),
);
/** An allowlist and a country field that is mostly one of its countries. */
const allowlistAndCountry = allowlistName.chain((list) =>
  fc.tuple(fc.constant(list), fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...list.split(',')) }, countryInput)),
);
// The country select's value comes from the page, so it may be any text, including names every object has.
const anyCountry = fc.oneof(countryInput, fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty'));

describe('parsePhone (properties)', () => {
  it('gives back an E.164 number of an allowed country, which parses to itself from any allowed country', () => {
    let accepted = 0;
    fc.assert(
      fc.property(allowlistAndCountry, phoneLike, ([list, country], input) => {
        const { countries, metadata: rules } = allowlist(list);
        const parsed = parsePhone(input, country, rules, countries);
        if (!parsed.ok) return;
        accepted++;
        expect(parsed.e164).toMatch(E164);
        expect(countries).toContain(parsed.country);
        for (const from of countries) expect(parsePhone(parsed.e164, from, rules, countries)).toEqual(parsed);
      }),
      { numRuns: 500 },
    );
    // The generators must reach the success branch, or the property above says nothing.
    expect(accepted).toBeGreaterThan(20);
  });

  it('never throws, and refuses with one of its two codes', () => {
    fc.assert(
      fc.property(allowlistName, fc.oneof(phoneLike, fc.string({ maxLength: 5000 })), anyCountry, (list, input, country) => {
        const { countries, metadata: rules } = allowlist(list);
        const parsed = parsePhone(input, country, rules, countries);
        if (!parsed.ok) expect(['invalid_phone', 'country_not_allowed']).toContain(parsed.error);
      }),
      { numRuns: 300 },
    );
  });
});

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

describe('formatAsYouType (properties)', () => {
  it('never throws, whatever is typed and whatever the country field holds', () => {
    fc.assert(
      fc.property(fc.oneof(phoneLike, fc.string({ maxLength: 200 })), anyCountry, fc.constantFrom('full', ...ALLOWLISTS), (input, country, list) => {
        const rules = allowlist(list).metadata;
        const { formatted, country: detected } = formatAsYouType(input, country, rules);
        expect(typeof formatted).toBe('string');
        if (detected !== undefined) expect(Object.keys(rules.countries)).toContain(detected);
      }),
      { numRuns: 300 },
    );
  });
});
