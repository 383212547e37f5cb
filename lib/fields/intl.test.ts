import { describe, expect, it } from 'vitest';
import { intl } from './intl';

describe('intl', () => {
  it('builds a formatter once per kind and arguments, and formats as a new one would', () => {
    const french = intl(Intl.NumberFormat, 'fr', { style: 'percent' });
    expect(intl(Intl.NumberFormat, 'fr', { style: 'percent' })).toBe(french);
    expect(french.format(0.5)).toBe(new Intl.NumberFormat('fr', { style: 'percent' }).format(0.5));
    expect(intl(Intl.NumberFormat, 'de-DE', { style: 'percent' })).not.toBe(french);
    expect(intl(Intl.PluralRules, 'fr')).not.toBe(intl(Intl.NumberFormat, 'fr'));
  });
});
