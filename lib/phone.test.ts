import metadata from 'libphonenumber-js/metadata.min.json';
import { describe, expect, it } from 'vitest';
import { formatAsYouType, maskPhone, parsePhone, toNationalInput, type MetadataJson } from './phone';
import { phoneMetadataFor } from './phone-metadata';

const US_CA = ['US', 'CA'];
const trimmed = phoneMetadataFor(US_CA);
const full = metadata as MetadataJson;

describe('parsePhone', () => {
  it.each([
    ['(201) 555-0123', 'US', '+12015550123', 'US'],
    ['201.555.0123', 'US', '+12015550123', 'US'],
    ['  2015550123 ', 'CA', '+12015550123', 'US'],
    ['+1 416 555 0199', 'US', '+14165550199', 'CA'],
    ['416-555-0199', 'CA', '+14165550199', 'CA'],
  ])('reads %j (country %s) as %s in %s', (input, country, e164, detected) => {
    expect(parsePhone(input, country, trimmed, US_CA)).toEqual({ ok: true, e164, country: detected });
  });

  it.each([
    ['', 'US'],
    ['555', 'US'],
    ['abc', 'US'],
    ['(201) 555-012', 'US'],
    ['201555012345678', 'US'],
    ['2015550123', 'FR'],
    ['1'.repeat(41), 'US'],
    ['+1 999 555 0123', 'US'],
  ])('refuses %j (country %s) as invalid', (input, country) => {
    expect(parsePhone(input, country, trimmed, US_CA)).toEqual({ ok: false, error: 'invalid_phone' });
  });

  it.each(['+44 7400 123456', '+33 6 12 34 56 78', '+91 98765 43210'])('refuses %s as a country not allowed', (input) => {
    expect(parsePhone(input, 'US', trimmed, US_CA)).toEqual({ ok: false, error: 'country_not_allowed' });
  });

  it('refuses a number of a disallowed country that shares an allowed calling code', () => {
    const canadaOnly = phoneMetadataFor(['CA']);
    expect(parsePhone('+1 201 555 0123', 'CA', canadaOnly, ['CA'])).toEqual({ ok: false, error: 'country_not_allowed' });
    expect(parsePhone('+1 416 555 0199', 'CA', canadaOnly, ['CA'])).toMatchObject({ ok: true, country: 'CA' });
  });
});

describe('phoneMetadataFor', () => {
  it('keeps only the calling codes and countries the allowlist needs', () => {
    expect(trimmed.country_calling_codes).toEqual({ '1': ['US', 'CA'] });
    expect(Object.keys(trimmed.countries).sort()).toEqual(['CA', 'US']);
    expect(JSON.stringify(trimmed).length).toBeLessThan(4_000);
  });

  it('keeps the leading country of a shared calling code, whose formats the others borrow', () => {
    expect(Object.keys(phoneMetadataFor(['CA']).countries).sort()).toEqual(['CA', 'US']);
  });
});

describe('formatAsYouType', () => {
  it('formats a national number and notices a + number of another country', () => {
    expect(formatAsYouType('2015550', 'US', trimmed).formatted).toBe('(201) 555-0');
    expect(formatAsYouType('+14165550199', 'US', trimmed)).toEqual({ formatted: '+1 416 555 0199', country: 'CA' });
  });

  it.each(['__proto__', 'constructor', 'ZZ', ''])('formats without a default country when the country field holds %j', (country) => {
    expect(formatAsYouType('+14165550199', country, trimmed)).toEqual({ formatted: '+1 416 555 0199', country: 'CA' });
  });
});

describe('toNationalInput', () => {
  it('gives back the country and national format of an E.164 number', () => {
    expect(toNationalInput('+14165550199', trimmed)).toEqual({ country: 'CA', national: '(416) 555-0199' });
    expect(toNationalInput('not a number', trimmed)).toBeNull();
  });
});

describe('maskPhone', () => {
  it.each([
    ['+12015550123', '+1 ••• ••• 0123'],
    ['+447400123456', '+44 •••• ••3456'],
    ['+33612345678', '+33 • •• •• 56 78'],
  ])('masks %s as %s', (e164, masked) => {
    expect(maskPhone(e164, full)).toBe(masked);
  });

  it('never shows more than the last four digits, even of something that is not a number', () => {
    expect(maskPhone('+999123456789', full)).toBe('+••••••••6789');
  });

  it('hides digits of other scripts in text that does not parse', () => {
    expect(maskPhone('+９９９１２３４５６７８９', full)).toBe('+••••••••６７８９');
    expect(maskPhone('٩٩٩١٢٣٤٥٦٧٨٩', full)).toBe('+••••••••٦٧٨٩');
  });
});
