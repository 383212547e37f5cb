import { signOut, signOutEverywhere } from '@/app/actions/auth';
import { Button } from '@/components/ui/button';
import { requireAccount } from '@/lib/session/dal';
import type { Metadata } from 'next';

export const metadata: Metadata = { title: 'Your account' };

const dateTime = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
const date = new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' });

export default async function AccountPage() {
  const account = await requireAccount('/account');

  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">You’re signed in</h1>
      <dl className="mt-6 divide-y divide-slate-200 text-sm dark:divide-slate-800">
        <Detail term="Phone number">{account.phoneNumber ?? 'Unknown'}</Detail>
        {account.memberSince && (
          <Detail term="Member since">
            <time dateTime={account.memberSince.toISOString()}>{date.format(account.memberSince)}</time>
          </Detail>
        )}
        <Detail term="Signed in">
          <Time value={account.startedAt} />
        </Detail>
        <Detail term="Session ends">
          <Time value={account.expiresAt} />
        </Detail>
      </dl>
      <div className="mt-8 space-y-3">
        <form action={signOut}>
          <Button type="submit">Sign out</Button>
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

function Detail({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="flex justify-between gap-4 py-3">
      <dt className="text-slate-600 dark:text-slate-400">{term}</dt>
      <dd className="text-right font-medium">{children}</dd>
    </div>
  );
}

function Time({ value }: { value: string }) {
  const at = new Date(value);
  return <time dateTime={at.toISOString()}>{dateTime.format(at)} UTC</time>;
}
