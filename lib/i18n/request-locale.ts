import { cookies, headers } from 'next/headers';
import { cache } from 'react';
import 'server-only';
import { DEFAULT_LOCALE, isLocale, negotiateLocale, type Locale } from './locales';
import { wordsFor, type Words } from './messages';

/** The language the person chose with the switcher (or on their account); a year, as people rarely change it. */
const LOCALE_COOKIE = 'passcode-locale';
const MAX_AGE_SECONDS = 365 * 24 * 3600;

/**
 * The language of this request: the one chosen (the cookie), else the browser's first we speak, else English.
 * `chosen` tells a choice from a guess, so a sign-in stores only what the person picked.
 */
export const getRequestLocale = cache(async (): Promise<{ locale: Locale; chosen: boolean }> => {
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(chosen)) return { locale: chosen, chosen: true };
  return { locale: negotiateLocale((await headers()).get('accept-language')) ?? DEFAULT_LOCALE, chosen: false };
});

/** Keeps `locale` as this browser's language. */
export async function setLocaleCookie(locale: Locale): Promise<void> {
  const secure = (await headers()).get('x-forwarded-proto') === 'https';
  (await cookies()).set(LOCALE_COOKIE, locale, {
    httpOnly: true,
    secure,
    sameSite: 'lax',
    path: '/',
    maxAge: MAX_AGE_SECONDS,
  });
}

/** The words of this request's language, for the actions and the server code that speaks to the person. */
export async function getWords(): Promise<Words> {
  return wordsFor((await getRequestLocale()).locale);
}
