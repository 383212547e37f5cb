import { describe, expect, it } from 'vitest';
import { legalLinks } from './legal-links';

describe('legalLinks', () => {
  it('shows no line when neither link is configured', () => {
    expect(legalLinks({})).toEqual([]);
  });

  it('links the terms and the privacy policy that are configured, terms first', () => {
    expect(legalLinks({ TERMS_URL: 'https://acme.test/terms', PRIVACY_URL: 'https://acme.test/privacy' })).toEqual([
      { href: 'https://acme.test/terms', label: 'Terms' },
      { href: 'https://acme.test/privacy', label: 'Privacy Policy' },
    ]);
    expect(legalLinks({ PRIVACY_URL: 'https://acme.test/privacy' })).toEqual([
      { href: 'https://acme.test/privacy', label: 'Privacy Policy' },
    ]);
  });
});
