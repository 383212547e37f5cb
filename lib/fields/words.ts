import { intl } from './intl';
import type { InputErrorMessages } from './messages';

/* The small templates the server hands the browser with the words of the reader's language; the browser fills them
   with the platform's own Intl, so no translation library ships. */

/** A template with its `{name}` placeholders filled in. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) =>
    Object.hasOwn(values, name) ? String(values[name]) : placeholder,
  );
}

/** A plural message as one template per plural category of its language ("one", "few", "other"…). */
export type PluralTemplates = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/** The template for `count` in `locale`, filled with the number as the language writes it. */
export function plural(templates: PluralTemplates, locale: string, count: number): string {
  const template = templates[intl(Intl.PluralRules, locale).select(count)] ?? templates.other;
  return fill(template, { count: intl(Intl.NumberFormat, locale).format(count) });
}

/** "4:07 AM", "04:07", "上午4:07": a deadline in the reader's language and zone (the browser's own when not given). */
export function clockTime(epochMs: number, locale: string, timeZone?: string): string {
  return intl(Intl.DateTimeFormat, locale, { hour: 'numeric', minute: '2-digit', timeZone }).format(epochMs);
}

/** The phone screen's words, in the reader's language. */
export type PhoneFormWords = {
  locale: string;
  label: string;
  country: string;
  send: string;
  sending: string;
  hint: string;
  /** While the browser proves work before a send, and when that check did not finish. */
  proofChecking: string;
  proofFailed: string;
  /** The proof-of-work widget's own words (ALTCHA's string names), so it speaks the page's language. */
  proofWidget: ProofWidgetWords;
  errors: InputErrorMessages;
};

/** What the widget can show with its footer and logo hidden and no code challenge. */
export type ProofWidgetWords = Record<
  'label' | 'loading' | 'verifying' | 'verified' | 'error' | 'expired' | 'verificationRequired' | 'waitAlert',
  string
>;

/** The code screen's words: templates where the screen counts down itself, plural ones where a count is its own. */
export type CodeScreenWords = {
  locale: string;
  label: string;
  verify: string;
  verifying: string;
  /** "Enter the code we sent to {phone}." */
  sentTo: string;
  differentNumber: string;
  newCodeSent: string;
  expiresIn: string;
  expiresAt: string;
  resend: string;
  resending: string;
  resendIn: string;
  resendAt: string;
  resendInSeconds: PluralTemplates;
  dead: Record<'expired' | 'spent' | 'replaced' | 'interrupted', string>;
  lockedAt: string;
  lockedInMinutes: PluralTemplates;
  errors: InputErrorMessages;
};

/** The language switcher's words, and each language named in itself. */
export type LanguageSwitcherProps = {
  choices: { locale: string; name: string }[];
  current: string;
  label: string;
  change: string;
};
