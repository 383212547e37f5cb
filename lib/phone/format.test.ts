import type { MetadataJson } from '@/lib/fields/phone';
import metadata from 'libphonenumber-js/metadata.min.json';
import { describe, expect, it } from 'vitest';
import { formatPhoneNational, maskPhone, toNationalInput } from './format';
import { phoneMetadataFor } from './metadata';

const US_CA = ['US', 'CA'];
const trimmed = phoneMetadataFor(US_CA);
const full = metadata as MetadataJson;

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

describe('toNationalInput', () => {
  it('gives back the country and national format of an E.164 number', () => {
    expect(toNationalInput('+14165550199', trimmed)).toEqual({ country: 'CA', national: '(416) 555-0199' });
    expect(toNationalInput('not a number', trimmed)).toBeNull();
  });
});

describe('formatPhoneNational', () => {
  it('writes a stored number in its own country’s national format, as it was typed', () => {
    const usCa = phoneMetadataFor(['US', 'CA']);
    expect(formatPhoneNational('+12015550123', usCa)).toBe('(201) 555-0123');
    expect(formatPhoneNational('+15062345678', usCa)).toBe('(506) 234-5678');
    expect(formatPhoneNational('not a number', usCa)).toBe('not a number');
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
