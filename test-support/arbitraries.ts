// What the property tests (`*.property.test.ts`) share.
import type { MetadataJson } from '@/lib/fields/phone';
import { phoneMetadataFor } from '@/lib/phone/metadata';
import fc from 'fast-check';
import metadata from 'libphonenumber-js/metadata.min.json';

/** Any code point, lone surrogates included (fast-check's 'binary' unit spends over a second building tables). */
export const anyCodePoint = fc.nat({ max: 0x10ffff }).map((point) => String.fromCodePoint(point));

/**
 * A path with query and fragment as links carry them. Built here because fast-check's webPath and webUrl spend
 * seconds building their tables.
 */
export const sitePath = fc
  .tuple(
    fc.array(fc.string({ unit: fc.constantFrom(...'az09-._~!$&()*+,;=:@', '%20', '%2F', 'é'), maxLength: 8 }), {
      maxLength: 5,
    }),
    fc.option(fc.string({ unit: fc.constantFrom(...'az09=&/?%'), maxLength: 12 }), { nil: undefined }),
    fc.option(fc.string({ unit: fc.constantFrom(...'az09#/'), maxLength: 8 }), { nil: undefined }),
  )
  .map(
    ([segments, query, fragment]) =>
      `/${segments.join('/')}${query === undefined ? '' : `?${query}`}${fragment === undefined ? '' : `#${fragment}`}`,
  );

/** An origin as `new URL().origin` gives it: http or https, a domain, sometimes a port. */
export const webOrigin = fc
  .tuple(
    fc.constantFrom('http', 'https'),
    fc.domain(),
    fc.option(fc.integer({ min: 1, max: 65_535 }), { nil: undefined }),
  )
  .map(([scheme, host, port]) => new URL(`${scheme}://${host}${port === undefined ? '' : `:${port}`}`).origin);

export const digits = (minLength: number, maxLength = minLength) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength, maxLength });

export const fullMetadata = metadata as MetadataJson;

// E.164 itself sets only the upper bound: some countries have valid numbers of six digits or fewer, such as +49 1000.
export const E164 = /^\+[1-9]\d{1,14}$/;

// The default allowlist, one country of a shared calling code, and countries with other numbering plans. Properties
// take a list's name, so a failure prints "GB,FR,DE,IN" rather than the whole metadata.
export const ALLOWLISTS = ['US,CA', 'CA', 'GB,FR,DE,IN'];
const metadataByList = new Map(ALLOWLISTS.map((list) => [list, phoneMetadataFor(list.split(','))]));

/** The countries of an ALLOWLISTS entry and the phone metadata the app builds for them (all countries' otherwise). */
export function allowlist(list: string): { countries: string[]; metadata: MetadataJson } {
  return { countries: list.split(','), metadata: metadataByList.get(list) ?? fullMetadata };
}

export const allowlistName = fc.constantFrom(...ALLOWLISTS);
// Characters people type or paste around a number, plus look-alike digits from other scripts.
const filler = fc.constantFrom(' ', '-', '.', '(', ')', '/', '+', '\u00a0', '\t', 'ext', 'x', '٣', '３', '🙂', 'a');
/** Text shaped like a phone number: digit runs with punctuation, sometimes a `+`, sometimes junk. */
export const phoneLike = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('', '+', '+1', '+1 ', '1-', '+44 ', '+91', '00'),
      fc.array(fc.oneof(digits(1, 4), filler), { maxLength: 10 }),
    )
    .map(([prefix, parts]) => `${prefix}${parts.join('')}`),
  // North American numbers in their usual shapes (area code and exchange start with 2–9), sometimes with a tail.
  {
    weight: 3,
    arbitrary: fc
      .tuple(
        fc.constantFrom(...'23456789'),
        digits(2, 2),
        fc.constantFrom(...'23456789'),
        digits(6, 6),
        fc.constantFrom('', '+1 ', '1 ', '+1'),
        fc.constantFrom('', '', '', ' ', 'x', ' ext 12', '#', '9', '３'),
      )
      .map(([a, b, c, d, prefix, tail]) => `${prefix}(${a}${b}) ${c}${d.slice(0, 2)}-${d.slice(2)}${tail}`),
  },
  // Mobile ranges of the other allowed countries, international and national.
  {
    weight: 3,
    arbitrary: fc
      .tuple(fc.constantFrom('+44 7', '07', '+33 6', '06', '+49 15', '+91 9', '+1 416 '), digits(7, 9))
      .map(([prefix, number]) => `${prefix}${number}`),
  },
  digits(8, 15).map((number) => `+${number}`),
  fc.string({ unit: anyCodePoint, maxLength: 60 }),
);
const countryInput = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('US', 'CA', 'GB', 'FR', 'DE', 'IN') },
  fc.constantFrom('ZZ', '', 'us'),
  fc.string({ maxLength: 4 }),
);
/** An allowlist and a country field that is mostly one of its countries. */
export const allowlistAndCountry = allowlistName.chain((list) =>
  fc.tuple(fc.constant(list), fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...list.split(',')) }, countryInput)),
);
// The country select's value comes from the page, so it may be any text, including names every object has.
export const anyCountry = fc.oneof(
  countryInput,
  fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty'),
);
