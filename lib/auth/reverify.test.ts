import { describe, expect, it } from 'vitest';
import { isFreshSignIn } from './reverify';

const NOW = Date.UTC(2026, 11, 2, 12, 0);
const minutesAgo = (minutes: number) => new Date(NOW - minutes * 60_000).toISOString();

describe('isFreshSignIn', () => {
  it('accepts a code proved within the limit, up to the limit itself', () => {
    expect(isFreshSignIn(minutesAgo(0), NOW, 10)).toBe(true);
    expect(isFreshSignIn(minutesAgo(10), NOW, 10)).toBe(true);
  });

  it('asks again past the limit', () => {
    expect(isFreshSignIn(minutesAgo(10.01), NOW, 10)).toBe(false);
    expect(isFreshSignIn(minutesAgo(60), NOW, 10)).toBe(false);
  });

  it('asks again when Stytch names no phone factor', () => {
    expect(isFreshSignIn(undefined, NOW, 10)).toBe(false);
  });

  it('takes a time ahead of ours for Stytch’s clock running ahead: fresh', () => {
    expect(isFreshSignIn(minutesAgo(-5), NOW, 10)).toBe(true);
  });
});
