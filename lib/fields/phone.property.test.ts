import {
  ALLOWLISTS,
  E164,
  allowlist,
  allowlistAndCountry,
  allowlistName,
  anyCountry,
  phoneLike,
} from '@/test-support/arbitraries';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatAsYouType, parsePhone } from './phone';

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

  it('reads every digit typed: an accepted number is never read from part of the text', () => {
    fc.assert(
      fc.property(allowlistAndCountry, phoneLike, ([list, country], input) => {
        const { countries, metadata: rules } = allowlist(list);
        const parsed = parsePhone(input, country, rules, countries);
        if (!parsed.ok) return;
        // Whatever prefix came first (a national prefix, 1, 00 44), the number's own digits end the text.
        const typed = input.replace(/[^0-9]/g, '');
        if (/\p{Nd}/u.test(input.replace(/[0-9]/g, ''))) return; // other scripts' digits: covered by the unit tests
        const nationalLength = parsed.e164.length - 4; // E.164 calling codes are at most three digits
        expect(parsed.e164.endsWith(typed.slice(-nationalLength))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws, and refuses with one of its two codes', () => {
    fc.assert(
      fc.property(
        allowlistName,
        fc.oneof(phoneLike, fc.string({ maxLength: 5000 })),
        anyCountry,
        (list, input, country) => {
          const { countries, metadata: rules } = allowlist(list);
          const parsed = parsePhone(input, country, rules, countries);
          if (!parsed.ok) expect(['invalid_phone', 'country_not_allowed']).toContain(parsed.error);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('formatAsYouType (properties)', () => {
  it('never throws, whatever is typed and whatever the country field holds', () => {
    fc.assert(
      fc.property(
        fc.oneof(phoneLike, fc.string({ maxLength: 200 })),
        anyCountry,
        fc.constantFrom('full', ...ALLOWLISTS),
        (input, country, list) => {
          const rules = allowlist(list).metadata;
          const { formatted, country: detected } = formatAsYouType(input, country, rules);
          expect(typeof formatted).toBe('string');
          if (detected !== undefined) expect(Object.keys(rules.countries)).toContain(detected);
        },
      ),
      { numRuns: 300 },
    );
  });
});
