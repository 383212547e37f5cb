import { changeNumber, signOut, signOutEverywhere, switchPageLanguage } from '@/app/actions/auth';
import { LocalTime } from '@/components/account/local-time';
import { Button } from '@/components/ui/button';
import { FormAlert } from '@/components/ui/form-alert';
import { LanguageForm } from '@/components/ui/language-switcher';
import { Notice } from '@/components/ui/notice';
import { linkClassName } from '@/components/ui/styles';
import { authErrorMessage } from '@/lib/auth/errors';
import { DatabaseUnavailableError } from '@/lib/db/query';
import { getWords } from '@/lib/i18n/request-locale';
import { languageSwitcher } from '@/lib/i18n/screen-words';
import { requireAccount } from '@/lib/session/dal';
import { getNotice, NOTICE_COOKIE } from '@/lib/session/notice';
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import Link from 'next/link';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('account'))('title') };
}

export default async function AccountPage() {
  const words = await getWords();
  const view = await accountView();
  if (!view) return <p role="alert">{authErrorMessage(words, 'unavailable')}</p>;
  const { account, notice, now } = view;
  const { t, locale } = words;
  const momentWords = { locale, justNow: t('moment.justNow') };

  return (
    <>
      {notice === 'account-created' && <Notice cookie={NOTICE_COOKIE}>{t('account.accountCreated')}</Notice>}
      {notice === 'number-changed' && <Notice cookie={NOTICE_COOKIE}>{t('account.numberChanged')}</Notice>}
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
      <h1 className="text-2xl font-semibold tracking-tight">{t('account.heading')}</h1>
      <dl className="mt-6 divide-y divide-slate-200 text-sm dark:divide-slate-800">
        <Detail term={t('account.phoneNumber')}>
          {account.phoneNumber ?? t('account.unknownNumber')}
          <form action={changeNumber} className="inline">
            <button type="submit" className={`${linkClassName} ml-3 font-normal`}>
              {t.rich('account.changeNumber', {
                hidden: (chunks) => <span className="sr-only">{chunks}</span>,
              })}
            </button>
          </form>
        </Detail>
        {account.memberSince && (
          <Detail term={t('account.memberSince')}>
            <LocalTime at={account.memberSince.getTime()} style="date" serverNow={now} words={momentWords} />
          </Detail>
        )}
        <Detail term={t('account.signedIn')}>
          <LocalTime at={Date.parse(account.startedAt)} style="ago" serverNow={now} words={momentWords} />
        </Detail>
        <Detail term={t('account.sessionEnds')}>
          <LocalTime at={Date.parse(account.expiresAt)} style="date-time" serverNow={now} words={momentWords} />
        </Detail>
      </dl>
      <p className="mt-6 text-sm">
        {/* Its own page: listing the devices asks Stytch, which this page, where every sign-in lands, never does. */}
        <Link href="/account/devices" prefetch={false} className={linkClassName}>
          {t('devices.heading')}
        </Link>
      </p>
      <div className="mt-8 space-y-3">
        <form action={signOut}>
          <Button type="submit" variant="secondary">
            {t('account.signOut')}
          </Button>
        </form>
        <form action={signOutEverywhere}>
          <Button type="submit" variant="secondary">
            {t('account.signOutEverywhere')}
          </Button>
        </form>
      </div>
      <p className="mt-8 text-sm">
        {/* A prefetch would pass the proxy, which re-checks a stale session with Stytch: one call per view. */}
        <Link href="/account/delete" prefetch={false} className={linkClassName}>
          {t('account.delete')}
        </Link>
      </p>
      <LanguageForm action={switchPageLanguage} path="/account" {...languageSwitcher(words)} />
    </>
  );
}

// The clock "signed in … ago" is counted from until the browser takes over. A database outage shows the service
// message rather than a 500; the redirect to /login passes through.
async function accountView() {
  try {
    const [account, notice] = await Promise.all([requireAccount('/account'), getNotice()]);
    return { account, notice, now: Date.now() };
  } catch (error) {
    if (error instanceof DatabaseUnavailableError) return null;
    throw error;
  }
}

function Detail({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="flex justify-between gap-4 py-3">
      <dt className="text-slate-600 dark:text-slate-400">{term}</dt>
      <dd className="text-right font-medium">{children}</dd>
    </div>
  );
}
