import { wordsFor } from '@/lib/i18n/messages';
import { describe, expect, it } from 'vitest';
import { allowedCountriesSentence, exampleNationalNumber, outsideCountryOf } from './countries';
import { phoneMetadataFor } from './metadata';

const allowed = ['US', 'CA'];

describe('outsideCountryOf', () => {
  it('names the country of a + number outside the allowlist', () => {
    expect(outsideCountryOf('+44 7700 900123', [], allowed)).toBe('GB');
    expect(outsideCountryOf('+1 201 555 0123', [], allowed)).toBeUndefined();
  });

  it('reads a national number with the visitor’s countries outside the allowlist', () => {
    expect(outsideCountryOf('07400 123456', ['GB'], allowed)).toBe('GB');
    expect(outsideCountryOf('07400 123456', ['US'], allowed)).toBeUndefined();
    expect(outsideCountryOf('555', ['GB'], allowed)).toBeUndefined();
  });
});

describe('the allowlist in words', () => {
  it('names the allowed countries in one sentence', () => {
    expect(allowedCountriesSentence(allowed, wordsFor('en'))).toBe('We can text US and Canada numbers.');
    expect(allowedCountriesSentence(['US'], wordsFor('en'))).toBe('We can text US numbers.');
  });

  it('names them in the reader’s language', () => {
    expect(allowedCountriesSentence(allowed, wordsFor('de-DE'))).toContain('Vereinigte Staaten und Kanada');
  });

  it('gives each allowed country its own example mobile number', () => {
    const metadata = phoneMetadataFor(allowed);
    expect(exampleNationalNumber('US', metadata)).toBe('(201) 555-0123');
    expect(exampleNationalNumber('CA', metadata)).not.toBe('(201) 555-0123');
  });
});
