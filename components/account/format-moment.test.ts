import { describe, expect, it } from 'vitest';
import { formatMoment } from './format-moment';

const AT = Date.UTC(2026, 11, 2, 10, 56);
const MINUTE = 60_000;
const EN = { locale: 'en', justNow: 'just now' };

describe('formatMoment', () => {
  it('writes a date and time in the given zone, naming the zone', () => {
    expect(formatMoment(AT, 'date-time', AT, EN, 'America/Los_Angeles')).toBe('Dec 2, 2026, 2:56 AM PST');
    expect(formatMoment(AT, 'date-time', AT, EN, 'UTC')).toBe('Dec 2, 2026, 10:56 AM UTC');
  });

  it('writes the date of the zone, which may not be UTC’s', () => {
    const lateEvening = Date.UTC(2026, 11, 2, 3, 0);
    expect(formatMoment(lateEvening, 'date', lateEvening, EN, 'America/Los_Angeles')).toBe('December 1, 2026');
    expect(formatMoment(lateEvening, 'date', lateEvening, EN, 'UTC')).toBe('December 2, 2026');
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
    expect(formatMoment(AT - elapsed, 'ago', AT, EN)).toBe(text);
  });

  it('writes dates and how long ago in the reader’s language', () => {
    const fr = { locale: 'fr', justNow: 'à l’instant' };
    expect(formatMoment(AT, 'date', AT, fr, 'UTC')).toBe('2 décembre 2026');
    expect(formatMoment(AT - 3 * 60 * MINUTE, 'ago', AT, fr)).toBe('il y a 3 heures');
    expect(formatMoment(AT - 10_000, 'ago', AT, fr)).toBe('à l’instant');
  });
});
