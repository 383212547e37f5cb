import { inputErrorMessages } from '@/lib/auth/errors';
import type { CodeScreenWords, LanguageSwitcherProps, PhoneFormWords } from '@/lib/fields/words';
import 'server-only';
import { LOCALES, type Locale } from './locales';
import type { Words } from './messages';
import { pluralTemplates } from './plural-templates';

/* What the client components are handed of the reader's language: finished words and a few small templates. */

export function phoneFormWords(words: Words): PhoneFormWords {
  const { t, locale } = words;
  return {
    locale,
    label: t('phoneForm.label'),
    country: t('phoneForm.country'),
    send: t('phoneForm.send'),
    sending: t('phoneForm.sending'),
    hint: t('phoneForm.hint'),
    proofChecking: t('phoneForm.proofChecking'),
    proofFailed: t('phoneForm.proofFailed'),
    proofWidget: {
      label: t('phoneForm.proofWidget.label'),
      loading: t('phoneForm.proofWidget.loading'),
      verifying: t('phoneForm.proofWidget.verifying'),
      verified: t('phoneForm.proofWidget.verified'),
      error: t('phoneForm.proofWidget.error'),
      expired: t('phoneForm.proofWidget.expired'),
      verificationRequired: t('phoneForm.proofWidget.verificationRequired'),
      waitAlert: t('phoneForm.proofWidget.waitAlert'),
    },
    errors: inputErrorMessages(words),
  };
}

export function codeScreenWords(words: Words): CodeScreenWords {
  const { t, locale } = words;
  // The placeholders stay for the browser to fill: it knows the number, the clock and the time left.
  const template = (key: Parameters<typeof t>[0] & `codeScreen.${string}`, name: string) =>
    t(key, { [name]: `{${name}}` });
  return {
    locale,
    label: t('codeScreen.label'),
    verify: t('codeScreen.verify'),
    verifying: t('codeScreen.verifying'),
    sentTo: template('codeScreen.sentTo', 'phone'),
    differentNumber: t('codeScreen.differentNumber'),
    newCodeSent: template('codeScreen.newCodeSent', 'phone'),
    expiresIn: template('codeScreen.expiresIn', 'time'),
    expiresAt: template('codeScreen.expiresAt', 'time'),
    resend: t('codeScreen.resend'),
    resending: t('codeScreen.resending'),
    resendIn: template('codeScreen.resendIn', 'time'),
    resendAt: template('codeScreen.resendAt', 'time'),
    resendInSeconds: pluralTemplates(locale, (count) => t('codeScreen.resendInSeconds', { count })),
    dead: {
      expired: t('codeScreen.expired'),
      spent: t('codeScreen.spent'),
      replaced: t('codeScreen.replaced'),
      interrupted: t('codeScreen.interrupted'),
    },
    lockedAt: t('locked.at', { time: '{time}' }),
    lockedInMinutes: pluralTemplates(locale, (count) => t('locked.inMinutes', { count })),
    errors: inputErrorMessages(words),
  };
}

/** The language switcher's words and choices, the reader's language selected. */
export function languageSwitcher({ t, locale }: Words): LanguageSwitcherProps {
  return { choices: LANGUAGE_CHOICES, current: locale, label: t('language.label'), change: t('language.change') };
}

// Each language named in itself ("Deutsch", "Français"), as switchers do; the same on every page, so named once.
const LANGUAGE_CHOICES: { locale: Locale; name: string }[] = LOCALES.map((locale) => {
  // German and Catalan are ours in one region only: the language's own name says enough.
  const name = new Intl.DisplayNames([locale], { type: 'language' }).of(locale.replace(/-(DE|ES)$/, '')) ?? locale;
  return { locale, name: name.charAt(0).toLocaleUpperCase(locale) + name.slice(1) };
});
