import { intl } from '@/lib/fields/intl';

/** How a moment is written: a date, a date and time with its zone, or how long ago. */
export type MomentStyle = 'date' | 'date-time' | 'ago';

const DATE_TIME: Intl.DateTimeFormatOptions = {
  month: 'short',
  day: 'numeric',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  timeZoneName: 'short',
};
const AGO_UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['minute', 60],
  ['hour', 60 * 60],
  ['day', 24 * 60 * 60],
];

/** How to write a moment: the reader's language, and its words for a moment too recent to count. */
export type MomentWords = { locale: string; justNow: string };

/** `at` (epoch ms) for a person in `timeZone` (the runtime's own when not given), as of `now`. */
export function formatMoment(
  at: number,
  style: MomentStyle,
  now: number,
  { locale, justNow }: MomentWords,
  timeZone?: string,
): string {
  if (style === 'date') return intl(Intl.DateTimeFormat, locale, { dateStyle: 'long', timeZone }).format(at);
  if (style === 'date-time') return intl(Intl.DateTimeFormat, locale, { ...DATE_TIME, timeZone }).format(at);
  const seconds = Math.round((now - at) / 1000);
  if (seconds < 45) return justNow;
  const [unit, size] = AGO_UNITS.findLast(([, unitSeconds]) => seconds >= unitSeconds) ?? AGO_UNITS[0]!;
  return intl(Intl.RelativeTimeFormat, locale, { numeric: 'auto' }).format(-Math.round(seconds / size), unit);
}
