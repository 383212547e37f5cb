import { MESSAGES } from '@/lib/i18n/messages';
import { getRequestLocale } from '@/lib/i18n/request-locale';
import { getRequestConfig } from 'next-intl/server';

// next-intl's per-request configuration, read by getTranslations() and getLocale(); there is no locale in the URL.
export default getRequestConfig(async () => {
  const { locale } = await getRequestLocale();
  return { locale, messages: MESSAGES[locale], timeZone: 'UTC' };
});
