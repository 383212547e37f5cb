import { intl } from '@/lib/fields/intl';
import type { PluralTemplates } from '@/lib/fields/words';
import type { Locale } from './locales';

// A number of each plural category in every language we speak ("many" is French, Italian, Spanish and
// Portuguese for a million).
const SAMPLES = [1, 2, 0, 3, 5, 11, 21, 22, 100, 101, 1_000_000];

/**
 * A plural message as one small template per category of the language, `{count}` where its number goes: what the
 * browser picks from with the platform's Intl.PluralRules for a count it works out itself (a countdown).
 */
export function pluralTemplates(locale: Locale, render: (count: number) => string): PluralTemplates {
  const rules = intl(Intl.PluralRules, locale);
  const numbers = intl(Intl.NumberFormat, locale);
  const templates: Partial<Record<Intl.LDMLPluralRule, string>> = {};
  for (const category of rules.resolvedOptions().pluralCategories) {
    const sample = SAMPLES.find((count) => rules.select(count) === category);
    if (sample !== undefined) templates[category] = render(sample).replace(numbers.format(sample), '{count}');
  }
  return { ...templates, other: templates.other ?? render(2) };
}
