import caES from '@/messages/ca-ES.json' with { type: 'json' };
import deDE from '@/messages/de-DE.json' with { type: 'json' };
import en from '@/messages/en.json' with { type: 'json' };
import es from '@/messages/es.json' with { type: 'json' };
import fr from '@/messages/fr.json' with { type: 'json' };
import it from '@/messages/it.json' with { type: 'json' };
import ptBR from '@/messages/pt-br.json' with { type: 'json' };
import zhHans from '@/messages/zh-Hans.json' with { type: 'json' };
import { createTranslator } from 'next-intl';
import type { Locale } from './locales';

/** Every language's messages; English is the source, and a test holds the others to its keys. */
export const MESSAGES: Record<Locale, typeof en> = {
  en,
  es,
  'pt-br': ptBR,
  fr,
  it,
  'de-DE': deDE,
  'zh-Hans': zhHans,
  'ca-ES': caES,
};

/** Turns a message key (and its values) into the words of one language. */
export type Translator = ReturnType<typeof createTranslator<typeof en>>;

/** What words need beside their messages: the language, for the numbers, dates and lists they format. */
export type Words = { locale: Locale; t: Translator };

// One translator per language for the process: it keeps the messages it has parsed, which a new one parsed again.
const wordsByLocale = new Map<Locale, Words>();

/** The words of `locale`, for code that runs outside a request (tests, the e2e suite) or for a given language. */
export function wordsFor(locale: Locale): Words {
  let words = wordsByLocale.get(locale);
  if (!words) {
    words = { locale, t: createTranslator({ locale, messages: MESSAGES[locale] }) };
    wordsByLocale.set(locale, words);
  }
  return words;
}
