import { changeNumber, signOut, signOutEverywhere } from '@/app/actions/auth';
import { LocalTime } from '@/components/account/local-time';
import { Button } from '@/components/ui/button';
import { FormAlert } from '@/components/ui/form-alert';
import { Notice } from '@/components/ui/notice';
import { linkClassName } from '@/components/ui/styles';
import { authErrorMessage } from '@/lib/auth/errors';
import { DatabaseUnavailableError } from '@/lib/db/query';
import { requireAccount } from '@/lib/session/dal';
import { getNotice, NOTICE_COOKIE } from '@/lib/session/notice';
import type { Metadata } from 'next';
import Link from 'next/link';

export const metadata: Metadata = { title: 'Your account' };

export default async function AccountPage() {
  const view = await accountView();
  if (!view) return <p role="alert">{authErrorMessage('unavailable')}</p>;
  const { account, notice, now } = view;

  return (
    <>
      {notice === 'account-created' && <Notice cookie={NOTICE_COOKIE}>Welcome — your account was created.</Notice>}
      {notice === 'number-changed' && <Notice cookie={NOTICE_COOKIE}>Your number was changed.</Notice>}
      {notice === 'slow-down' && (
        <div className="mb-6">
          <FormAlert>{authErrorMessage('account_rate_limited')}</FormAlert>
        </div>
      )}
      {notice === 'try-again' && (
        <div className="mb-6">
          <FormAlert>That couldn’t be done just now. Try again in a moment.</FormAlert>
        </div>
      )}
      <h1 className="text-2xl font-semibold tracking-tight">You’re signed in</h1>
      <dl className="mt-6 divide-y divide-slate-200 text-sm dark:divide-slate-800">
        <Detail term="Phone number">
          {account.phoneNumber ?? 'Unknown'}
          <form action={changeNumber} className="inline">
            <button type="submit" className={`${linkClassName} ml-3 font-normal`}>
              Change<span className="sr-only"> number</span>
            </button>
          </form>
        </Detail>
        {account.memberSince && (
          <Detail term="Member since">
            <LocalTime at={account.memberSince.getTime()} style="date" serverNow={now} />
          </Detail>
        )}
        <Detail term="Signed in">
          <LocalTime at={Date.parse(account.startedAt)} style="ago" serverNow={now} />
        </Detail>
        <Detail term="Session ends">
          <LocalTime at={Date.parse(account.expiresAt)} style="date-time" serverNow={now} />
        </Detail>
      </dl>
      <p className="mt-6 text-sm">
        {/* Its own page: listing the devices asks Stytch, which this page, where every sign-in lands, never does. */}
        <Link href="/account/devices" prefetch={false} className={linkClassName}>
          Your devices
        </Link>
      </p>
      <div className="mt-8 space-y-3">
        <form action={signOut}>
          <Button type="submit" variant="secondary">
            Sign out
          </Button>
        </form>
        <form action={signOutEverywhere}>
          <Button type="submit" variant="secondary">
            Sign out of all devices
          </Button>
        </form>
      </div>
      <p className="mt-8 text-sm">
        {/* A prefetch would pass the proxy, which re-checks a stale session with Stytch: one call per view. */}
        <Link href="/account/delete" prefetch={false} className={linkClassName}>
          Delete your account
        </Link>
      </p>
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
