import { describe, expect, it } from 'vitest';
import { formatMoment } from './format-moment';

const AT = Date.UTC(2026, 11, 2, 10, 56);
const MINUTE = 60_000;

describe('formatMoment', () => {
  it('writes a date and time in the given zone, naming the zone', () => {
    expect(formatMoment(AT, 'date-time', AT, 'America/Los_Angeles')).toBe('Dec 2, 2026, 2:56 AM PST');
    expect(formatMoment(AT, 'date-time', AT, 'UTC')).toBe('Dec 2, 2026, 10:56 AM UTC');
  });

  it('writes the date of the zone, which may not be UTC’s', () => {
    const lateEvening = Date.UTC(2026, 11, 2, 3, 0);
    expect(formatMoment(lateEvening, 'date', lateEvening, 'America/Los_Angeles')).toBe('December 1, 2026');
    expect(formatMoment(lateEvening, 'date', lateEvening, 'UTC')).toBe('December 2, 2026');
  });

  it.each([
    [10_000, 'just now'],
    [50_000, '1 minute ago'],
    [2 * MINUTE, '2 minutes ago'],
    [59 * MINUTE, '59 minutes ago'],
    [3 * 60 * MINUTE, '3 hours ago'],
    [26 * 60 * MINUTE, 'yesterday'],
    [5 * 24 * 60 * MINUTE, '5 days ago'],
  ])('says how long ago, %i ms before: %s', (elapsed, text) => {
    expect(formatMoment(AT - elapsed, 'ago', AT)).toBe(text);
  });
});
