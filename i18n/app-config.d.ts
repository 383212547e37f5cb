import type { Locale } from '@/lib/i18n/locales';
import type en from '@/messages/en.json';

// Types every message key and the locale next-intl hands out: a key missing from English fails the build.
declare module 'next-intl' {
  interface AppConfig {
    Locale: Locale;
    Messages: typeof en;
  }
}
