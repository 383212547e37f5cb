import { deleteAccount } from '@/app/actions/auth';
import { Button } from '@/components/ui/button';
import { FormAlert } from '@/components/ui/form-alert';
import { linkClassName } from '@/components/ui/styles';
import { listDevices } from '@/lib/auth/devices';
import { authErrorMessage } from '@/lib/auth/errors';
import { getWords } from '@/lib/i18n/request-locale';
import { requireAccount } from '@/lib/session/dal';
import { getNotice } from '@/lib/session/notice';
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import Link from 'next/link';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('deleteAccount'))('title') };
}

/** The explicit confirmation before an account goes: it names what goes with it. */
export default async function DeleteAccountPage() {
  const [account, notice] = await Promise.all([requireAccount('/account/delete'), getNotice()]);
  const words = await getWords();
  const devices = await listDevices(account, words);
  const deviceCount = devices?.length ?? 1;
  const t = await getTranslations('deleteAccount');

  return (
    <>
      {notice === 'slow-down' && (
        <div className="mb-6">
          <FormAlert>{authErrorMessage(words, 'account_rate_limited')}</FormAlert>
        </div>
      )}
      {notice === 'try-again' && (
        <div className="mb-6">
          <FormAlert>{t('tryAgain')}</FormAlert>
        </div>
      )}
      <h1 className="text-2xl font-semibold tracking-tight">{t('heading')}</h1>
      <p className="mt-2 text-slate-600 dark:text-slate-400">{t('lead')}</p>
      <ul className="mt-3 list-disc space-y-1 pl-5 text-sm">
        <li>{account.phoneNumber ? t('accountWithNumber', { phone: account.phoneNumber }) : t('account')}</li>
        <li>{t('devices', { count: deviceCount })}</li>
      </ul>
      <p className="mt-3 text-sm text-slate-600 dark:text-slate-400">{t('fresh')}</p>
      <form action={deleteAccount} className="mt-6">
        <Button type="submit">{t('confirm')}</Button>
      </form>
      <p className="mt-4 text-center text-sm">
        <Link href="/account" prefetch={false} className={linkClassName}>
          {t('keep')}
        </Link>
      </p>
    </>
  );
}
