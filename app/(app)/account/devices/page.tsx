import { signOutDevice, signOutOtherDevices, switchPageLanguage } from '@/app/actions/auth';
import { DeviceList } from '@/components/account/device-list';
import { FormAlert } from '@/components/ui/form-alert';
import { LanguageForm } from '@/components/ui/language-switcher';
import { Notice } from '@/components/ui/notice';
import { linkClassName } from '@/components/ui/styles';
import { listDevices } from '@/lib/auth/devices';
import { authErrorMessage } from '@/lib/auth/errors';
import type { Words } from '@/lib/i18n/messages';
import { getWords } from '@/lib/i18n/request-locale';
import { languageSwitcher } from '@/lib/i18n/screen-words';
import { requireUser } from '@/lib/session/dal';
import { getNotice, NOTICE_COOKIE } from '@/lib/session/notice';
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import Link from 'next/link';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('devices'))('heading') };
}

/**
 * The devices signed in to the account, as Stytch has them at this moment: a page of its own, so the account page
 * every sign-in lands on asks Stytch nothing (BENCHMARKS.md, /account's Stytch calls).
 */
export default async function DevicesPage() {
  const words = await getWords();
  const { devices, notice, now } = await devicesView(words);
  const { t, locale } = words;

  return (
    <>
      {notice === 'device-signed-out' && <Notice cookie={NOTICE_COOKIE}>{t('account.deviceSignedOut')}</Notice>}
      {notice === 'device-not-found' && <Notice cookie={NOTICE_COOKIE}>{t('account.deviceNotFound')}</Notice>}
      {notice === 'other-devices-signed-out' && (
        <Notice cookie={NOTICE_COOKIE}>{t('account.otherDevicesSignedOut')}</Notice>
      )}
      {notice === 'slow-down' && (
        <div className="mb-6">
          <FormAlert>{authErrorMessage(words, 'account_rate_limited')}</FormAlert>
        </div>
      )}
      {notice === 'try-again' && (
        <div className="mb-6">
          <FormAlert>{t('account.tryAgain')}</FormAlert>
        </div>
      )}
      <h1 className="text-2xl font-semibold tracking-tight">{t('devices.heading')}</h1>
      <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">{t('devices.lead')}</p>
      <DeviceList
        devices={devices}
        serverNow={now}
        signOutDevice={signOutDevice}
        signOutOtherDevices={signOutOtherDevices}
        momentWords={{ locale, justNow: t('moment.justNow') }}
      />
      <p className="mt-8 text-sm">
        {/* A prefetch would pass the proxy, which re-checks a stale session with Stytch: one call per view. */}
        <Link href="/account" prefetch={false} className={linkClassName}>
          {t('devices.back')}
        </Link>
      </p>
      <LanguageForm action={switchPageLanguage} path="/account/devices" {...languageSwitcher(words)} />
    </>
  );
}

// The clock "last active … ago" is counted from until the browser takes over.
async function devicesView(words: Words) {
  const [user, notice] = await Promise.all([requireUser('/account/devices'), getNotice()]);
  return { devices: await listDevices(user, words), notice, now: Date.now() };
}
