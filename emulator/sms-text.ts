/**
 * The SMS locales Stytch accepts, as stytch-node 14.2's `locale` type lists them. The prose spec and the OpenAPI enum
 * list fewer (8 and 4); the client's types come from the live API's definitions, so they win.
 */
export const SMS_LOCALES = [
  'en',
  'es',
  'pt-br',
  'fr',
  'it',
  'de-DE',
  'zh-Hans',
  'ca-ES',
  'ja',
  'ru',
  'nl',
  'pl',
  'tr',
  'fa',
  'vi',
  'cs',
] as const;

export type SmsLocale = (typeof SMS_LOCALES)[number];

/** The emulator's own short wording, not Stytch's; English is the default, as Stytch's is. */
const BODIES: Record<SmsLocale, (code: string) => string> = {
  en: (code) => `${code} is your verification code`,
  es: (code) => `${code} es tu código de verificación`,
  'pt-br': (code) => `${code} é o seu código de verificação`,
  fr: (code) => `${code} est votre code de vérification`,
  it: (code) => `${code} è il tuo codice di verifica`,
  'de-DE': (code) => `${code} ist Ihr Bestätigungscode`,
  'zh-Hans': (code) => `${code} 是您的验证码`,
  'ca-ES': (code) => `${code} és el vostre codi de verificació`,
  ja: (code) => `${code} は確認コードです`,
  ru: (code) => `${code} — ваш код подтверждения`,
  nl: (code) => `${code} is je verificatiecode`,
  pl: (code) => `${code} to Twój kod weryfikacyjny`,
  tr: (code) => `${code} doğrulama kodunuzdur`,
  fa: (code) => `${code} کد تأیید شماست`,
  vi: (code) => `${code} là mã xác minh của bạn`,
  cs: (code) => `${code} je váš ověřovací kód`,
};

/** Exact match: whether Stytch also takes other letter cases (`pt-BR`) is unknown (GUESS: it does not). */
export function isSmsLocale(value: string): value is SmsLocale {
  return Object.hasOwn(BODIES, value);
}

export function smsBody(code: string, locale: SmsLocale | undefined): string {
  return BODIES[locale ?? 'en'](code);
}
