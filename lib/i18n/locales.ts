/** The languages of the screens and of the SMS: the eight Stytch texts in, by the ids Stytch knows them by. */
export const LOCALES = ['en', 'es', 'pt-br', 'fr', 'it', 'de-DE', 'zh-Hans', 'ca-ES'] as const;

export type Locale = (typeof LOCALES)[number];

/** The source language, and the one spoken when the browser prefers none of the others. */
export const DEFAULT_LOCALE: Locale = 'en';

/** Whether `value` names one of the languages, exactly as the list spells it. */
export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

// A browser's tag read by its language alone. Portuguese of Portugal reads Brazilian far better than English;
// Chinese only when written in simplified characters (zh-TW, zh-HK and zh-Hant are traditional: English instead).
const BY_LANGUAGE: Record<string, Locale> = {
  en: 'en',
  es: 'es',
  pt: 'pt-br',
  fr: 'fr',
  it: 'it',
  de: 'de-DE',
  ca: 'ca-ES',
};

/** The language a browser tag (`fr-CA`, `zh-TW`, `pt`) is best served in, or null when none of ours fits it. */
function localeForTag(tag: string): Locale | null {
  let locale: Intl.Locale;
  try {
    locale = new Intl.Locale(tag);
  } catch {
    return null;
  }
  if (locale.language === 'zh') return locale.maximize().script === 'Hans' ? 'zh-Hans' : null;
  return BY_LANGUAGE[locale.language] ?? null;
}

/** The first language of an `Accept-Language` header that we speak, by the browser's order of preference. */
export function negotiateLocale(acceptLanguage: string | null | undefined): Locale | null {
  if (!acceptLanguage) return null;
  const preferences = acceptLanguage
    .slice(0, 1024)
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const quality = params.map((param) => /^\s*q=([\d.]+)\s*$/.exec(param)?.[1]).find(Boolean);
      return { tag: tag.trim(), weight: quality === undefined ? 1 : Number(quality), index };
    })
    .filter(({ tag, weight }) => tag !== '' && tag !== '*' && weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const { tag } of preferences) {
    const locale = localeForTag(tag);
    if (locale) return locale;
  }
  return null;
}

// Scripts written right to left: none of ours today, but <html dir> follows the list if it grows.
const RIGHT_TO_LEFT_SCRIPTS = new Set(['Arab', 'Hebr', 'Thaa', 'Syrc', 'Nkoo', 'Adlm', 'Rohg']);

/** The writing direction of a language, for <html dir>. */
export function directionOf(locale: Locale): 'ltr' | 'rtl' {
  return RIGHT_TO_LEFT_SCRIPTS.has(new Intl.Locale(locale).maximize().script ?? '') ? 'rtl' : 'ltr';
}
