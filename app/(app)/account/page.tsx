import type { Metadata } from 'next';
import { signOut } from '@/app/actions/auth';
import { AuthCard } from '@/components/auth/auth-card';
import { Button } from '@/components/ui/button';
import { requireUser } from '@/lib/dal';

export const metadata: Metadata = { title: 'Your account' };

export default async function AccountPage() {
  const user = await requireUser('/account');
  const expires = new Date(user.sessionExpiresAt);

  return (
    <AuthCard>
      <h1 className="text-2xl font-semibold tracking-tight">You’re signed in</h1>
      <dl className="mt-6 space-y-3 text-sm">
        <div>
          <dt className="text-slate-600 dark:text-slate-400">Session ends</dt>
          <dd className="font-medium">
            <time dateTime={expires.toISOString()}>{expires.toUTCString()}</time>
          </dd>
        </div>
      </dl>
      <form action={signOut} className="mt-8">
        <Button type="submit" variant="secondary">
          Sign out
        </Button>
      </form>
    </AuthCard>
  );
}
