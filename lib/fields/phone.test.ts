import { phoneMetadataFor } from '@/lib/phone/metadata';
import { describe, expect, it } from 'vitest';
import { formatAsYouType, parsePhone } from './phone';

const US_CA = ['US', 'CA'];
const trimmed = phoneMetadataFor(US_CA);

describe('parsePhone', () => {
  it.each([
    ['(201) 555-0123', 'US', '+12015550123', 'US'],
    ['201.555.0123', 'US', '+12015550123', 'US'],
    ['  2015550123 ', 'CA', '+12015550123', 'US'],
    ['+1 416 555 0199', 'US', '+14165550199', 'CA'],
    ['416-555-0199', 'CA', '+14165550199', 'CA'],
    ['２０１ ５５５ ０１２３', 'US', '+12015550123', 'US'],
    ['٢٠١٥٥٥٠١٢٣', 'US', '+12015550123', 'US'],
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
    ['(201) 555-0123 ext 5', 'US'],
    ['201-555-0123abc', 'US'],
    ['201 555 0123 9', 'US'],
    ['tel:+12015550123', 'US'],
  ])('refuses %j (country %s) as invalid', (input, country) => {
    expect(parsePhone(input, country, trimmed, US_CA)).toEqual({ ok: false, error: 'invalid_phone' });
  });

  it.each(['+44 7400 123456', '+33 6 12 34 56 78', '+91 98765 43210'])(
    'refuses %s as a country not allowed',
    (input) => {
      expect(parsePhone(input, 'US', trimmed, US_CA)).toEqual({ ok: false, error: 'country_not_allowed' });
    },
  );

  it('refuses a number longer than E.164 allows, which libphonenumber takes as German', () => {
    const germany = phoneMetadataFor(['DE']);
    expect(parsePhone('030 0000003000300', 'DE', germany, ['DE'])).toEqual({ ok: false, error: 'invalid_phone' });
    expect(parsePhone('030 00000 300030', 'DE', germany, ['DE'])).toEqual({
      ok: true,
      e164: '+493000000300030',
      country: 'DE',
    });
  });

  it('refuses a number of a disallowed country that shares an allowed calling code', () => {
    const canadaOnly = phoneMetadataFor(['CA']);
    expect(parsePhone('+1 201 555 0123', 'CA', canadaOnly, ['CA'])).toEqual({
      ok: false,
      error: 'country_not_allowed',
    });
    expect(parsePhone('+1 416 555 0199', 'CA', canadaOnly, ['CA'])).toMatchObject({ ok: true, country: 'CA' });
  });
});

describe('formatAsYouType', () => {
  it('formats a national number and notices a + number of another country', () => {
    expect(formatAsYouType('2015550', 'US', trimmed).formatted).toBe('(201) 555-0');
    expect(formatAsYouType('+14165550199', 'US', trimmed)).toEqual({ formatted: '+1 416 555 0199', country: 'CA' });
  });

  it.each(['__proto__', 'constructor', 'ZZ', ''])(
    'formats without a default country when the country field holds %j',
    (country) => {
      expect(formatAsYouType('+14165550199', country, trimmed)).toEqual({
        formatted: '+1 416 555 0199',
        country: 'CA',
      });
    },
  );
});
