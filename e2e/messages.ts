import { authErrorMessage as messageIn, type AuthErrorCode, type MessageContext } from '@/lib/auth/errors';
import type { Locale } from '@/lib/i18n/locales';
import { wordsFor, type Translator } from '@/lib/i18n/messages';

/** The error table's words for `code`, in English unless told: what the screens say, read from the same table. */
export function authErrorMessage(code: AuthErrorCode, context: MessageContext = {}, locale: Locale = 'en'): string {
  return messageIn(wordsFor(locale), code, context);
}

/** A message of the screens by its key, in English unless told. */
export function message(key: Parameters<Translator>[0], locale: Locale = 'en'): string {
  return wordsFor(locale).t(key);
}

/** The words of a message before its first value ("We can text " of "We can text {countries} numbers."). */
export function messageStart(key: Parameters<Translator>[0], value: string, locale: Locale = 'en'): string {
  const cut = '\u0000';
  return (
    wordsFor(locale)
      .t(key, { [value]: cut } as never)
      .split(cut)[0] ?? ''
  );
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Exactly the message for `code` with one of `contexts`: a wait shown can tick a unit before the test reads it. */
export function anyAuthErrorMessage(code: AuthErrorCode, contexts: MessageContext[], locale: Locale = 'en'): RegExp {
  const messages = contexts.map((context) => escapeRegExp(authErrorMessage(code, context, locale)));
  return new RegExp(`^(?:${messages.join('|')})$`);
}
