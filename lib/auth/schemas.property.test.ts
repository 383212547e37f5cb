import { parsePhone } from '@/lib/fields/phone';
import { ALLOWLISTS, E164, allowlist, anyCodePoint, digits, sitePath } from '@/test-support/arbitraries';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codeFormSchema, phoneFormSchema } from './schemas';

const ASCII_DIGITS = '0123456789';
// What a pasted code may carry between its digits (the first row), and look-alikes that must not pass for a digit or
// a separator: other scripts' digits, other dashes, dots, letters.
const separator = fc.constantFrom(' ', '-', '\t', '\n', '\u00a0', '\u2009', '\u3000', '\u2028', '\ufeff');
const impostor = fc.constantFrom('٣', '３', '𝟑', '–', '—', '.', '_', 'a', 'O', '\u200b', '🙂');

/** Six digits with separators between and around them, now and then with an impostor slipped in. */
const codeLike = fc
  .tuple(
    fc.oneof(
      { weight: 4, arbitrary: fc.array(fc.constantFrom(...ASCII_DIGITS), { minLength: 6, maxLength: 6 }) },
      fc.array(fc.constantFrom(...ASCII_DIGITS), { minLength: 5, maxLength: 7 }),
    ),
    fc.array(fc.array(separator, { maxLength: 3 }), { minLength: 8, maxLength: 8 }),
    fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, fc.tuple(impostor, fc.nat(7))),
  )
  .map(([digits, gaps, slip]) => {
    const parts = digits.flatMap((digit, index) => [gaps[index]?.join('') ?? '', digit]);
    if (slip) parts.splice(slip[1], 0, slip[0][0] ?? '');
    return `${parts.join('')}${gaps[7]?.join('') ?? ''}`;
  });

// The spec, written out character by character: ASCII "-" and JavaScript whitespace are dropped, and what is left
// must be exactly six of the characters 0 to 9; or else, as in a pasted SMS, the first run of digits (of any script)
// that is six of those characters is the code. The field refuses over 320 characters outright.
function acceptableCode(text: string): string | undefined {
  if (text.length > 320) return undefined;
  const kept = [...text].filter((character) => character !== '-' && !/^\s$/.test(character));
  if (kept.every((character) => ASCII_DIGITS.includes(character))) return kept.length === 6 ? kept.join('') : undefined;
  const isAscii = (run: string) => [...run].every((character) => ASCII_DIGITS.includes(character));
  return text.split(/\P{Nd}+/u).find((run) => run.length === 6 && isAscii(run));
}

describe('codeFormSchema (properties)', () => {
  it('accepts exactly six ASCII digits once spaces and dashes are gone, or standing alone in a text, and hands back just them', () => {
    let accepted = 0;
    fc.assert(
      fc.property(
        fc.oneof(
          { weight: 4, arbitrary: codeLike },
          fc.string({ maxLength: 40 }),
          fc.string({ unit: 'grapheme', maxLength: 12 }),
        ),
        (code) => {
          const result = codeFormSchema.safeParse({ code });
          expect(result.data?.code).toBe(acceptableCode(code));
          if (result.success) accepted++;
        },
      ),
      { numRuns: 500 },
    );
    expect(accepted).toBeGreaterThan(100);
  });

  it('refuses, never throws on, a form whose code is not a string', () => {
    fc.assert(
      fc.property(fc.anything(), (code) => {
        fc.pre(typeof code !== 'string');
        expect(codeFormSchema.safeParse({ code }).success).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});

/** Numbers that are often valid in one of the allowlists, in the shapes people type them. */
const plausiblePhone = fc.oneof(
  fc
    .tuple(fc.constantFrom(...'23456789'), digits(2), fc.constantFrom(...'23456789'), digits(6))
    .map(([a, b, c, d]) => `(${a}${b}) ${c}${d.slice(0, 2)}-${d.slice(2)}`),
  fc
    .tuple(fc.constantFrom('+1 ', '+44 7', '07', '+33 6', '+49 15', '+91 9'), digits(9))
    .map(([prefix, number]) => `${prefix}${number}`),
);
const junkText = fc.oneof(
  fc.string({ unit: anyCodePoint, maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ maxLength: 20_000 }),
  fc.constantFrom('__proto__', 'constructor', 'toString', '', ' ', '+', '\u0000'),
);
/** Forms as a browser might send them, and as anyone else might: missing, extra and mistyped fields. */
const phoneForm = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record(
      {
        country: fc.oneof({ weight: 4, arbitrary: fc.constantFrom('US', 'CA', 'GB', 'FR', 'DE', 'IN') }, junkText),
        phone: fc.oneof({ weight: 4, arbitrary: plausiblePhone }, junkText),
        next: fc.oneof(sitePath, junkText),
      },
      { requiredKeys: ['country', 'phone'] },
    ),
  },
  fc.dictionary(fc.constantFrom('country', 'phone', 'next', '__proto__', 'extra'), fc.jsonValue()),
  fc.jsonValue(),
  fc.anything(),
);

describe('phoneFormSchema (properties)', () => {
  it('never throws, and every number it accepts is E.164 of an allowed country that reads back as itself', () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.constantFrom(...ALLOWLISTS), phoneForm, (list, form) => {
        const { countries, metadata } = allowlist(list);
        const result = phoneFormSchema(metadata, countries).safeParse(form);
        if (!result.success) return;
        accepted++;
        const { phoneNumber } = result.data;
        expect(phoneNumber).toMatch(E164);
        for (const country of countries) {
          const again = parsePhone(phoneNumber, country, metadata, countries);
          expect(again).toMatchObject({ ok: true, e164: phoneNumber });
          if (again.ok) expect(countries).toContain(again.country);
        }
      }),
      { numRuns: 500 },
    );
    expect(accepted).toBeGreaterThan(10);
  });
});
