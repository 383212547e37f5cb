import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { directionOf, isLocale, LOCALES, negotiateLocale } from './locales';

describe('negotiateLocale', () => {
  it.each([
    ['es-ES,es;q=0.9,en;q=0.8', 'es'],
    ['fr-CA,fr;q=0.9', 'fr'],
    ['fr-CA', 'fr'],
    ['pt-PT,pt;q=0.9', 'pt-br'],
    ['pt-BR', 'pt-br'],
    ['de-AT', 'de-DE'],
    ['de', 'de-DE'],
    ['ca', 'ca-ES'],
    ['it-CH', 'it'],
    ['zh-CN,zh;q=0.9', 'zh-Hans'],
    ['zh', 'zh-Hans'],
    ['zh-SG', 'zh-Hans'],
    ['zh-Hans-HK', 'zh-Hans'],
    ['en-GB', 'en'],
    // A lower preference we speak wins over a higher one we do not.
    ['ja-JP,ja;q=0.9,fr;q=0.5', 'fr'],
    // The weights decide, not the order.
    ['en;q=0.3,es;q=0.8', 'es'],
  ])('reads "%s" as %s', (header, locale) => {
    expect(negotiateLocale(header)).toBe(locale);
  });

  it.each([['zh-TW'], ['zh-HK'], ['zh-Hant'], ['zh-Hant-CN'], ['ja'], ['*'], ['fr;q=0'], [''], ['not a tag, at all']])(
    'finds none of ours in "%s"',
    (header) => {
      expect(negotiateLocale(header)).toBeNull();
    },
  );

  it('answers one of the eight, or none, whatever the header says', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000 }), (header) => {
        const locale = negotiateLocale(header);
        expect(locale === null || isLocale(locale)).toBe(true);
      }),
    );
  });
});

describe('isLocale', () => {
  it('knows the eight by their exact ids only', () => {
    for (const locale of LOCALES) expect(isLocale(locale)).toBe(true);
    for (const value of ['pt-BR', 'de', 'zh-hans', 'EN', '__proto__', 'toString', '', null, 3]) {
      expect(isLocale(value)).toBe(false);
    }
  });
});

describe('directionOf', () => {
  it('writes every language of ours left to right', () => {
    for (const locale of LOCALES) expect(directionOf(locale)).toBe('ltr');
  });
});
