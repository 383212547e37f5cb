import { signOut, signOutEverywhere } from '@/app/actions/auth';
import { LocalTime } from '@/components/account/local-time';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import { authErrorMessage } from '@/lib/auth/errors';
import { DatabaseUnavailableError } from '@/lib/db/users';
import { requireAccount } from '@/lib/session/dal';
import { getNotice, NOTICE_COOKIE } from '@/lib/session/notice';
import type { Metadata } from 'next';

export const metadata: Metadata = { title: 'Your account' };

export default async function AccountPage() {
  const view = await accountView();
  if (!view) return <p role="alert">{authErrorMessage('unavailable')}</p>;
  const { account, notice, now } = view;

  return (
    <>
      {notice === 'account-created' && <Notice cookie={NOTICE_COOKIE}>Welcome — your account was created.</Notice>}
      <h1 className="text-2xl font-semibold tracking-tight">You’re signed in</h1>
      <dl className="mt-6 divide-y divide-slate-200 text-sm dark:divide-slate-800">
        <Detail term="Phone number">{account.phoneNumber ?? 'Unknown'}</Detail>
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
