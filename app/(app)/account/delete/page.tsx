import { deleteAccount } from '@/app/actions/auth';
import { Button } from '@/components/ui/button';
import { FormAlert } from '@/components/ui/form-alert';
import { linkClassName } from '@/components/ui/styles';
import { listDevices } from '@/lib/auth/devices';
import { authErrorMessage } from '@/lib/auth/errors';
import { requireAccount } from '@/lib/session/dal';
import { getNotice } from '@/lib/session/notice';
import type { Metadata } from 'next';
import Link from 'next/link';

export const metadata: Metadata = { title: 'Delete your account' };

/** The explicit confirmation before an account goes: it names what goes with it. */
export default async function DeleteAccountPage() {
  const [account, notice] = await Promise.all([requireAccount('/account/delete'), getNotice()]);
  const devices = await listDevices(account);
  const deviceCount = devices?.length ?? 1;

  return (
    <>
      {notice === 'slow-down' && (
        <div className="mb-6">
          <FormAlert>{authErrorMessage('account_rate_limited')}</FormAlert>
        </div>
      )}
      {notice === 'try-again' && (
        <div className="mb-6">
          <FormAlert>Your account couldn’t be deleted just now. Try again in a moment.</FormAlert>
        </div>
      )}
      <h1 className="text-2xl font-semibold tracking-tight">Delete your account?</h1>
      <p className="mt-2 text-slate-600 dark:text-slate-400">This can’t be undone. Deleting it removes:</p>
      <ul className="mt-3 list-disc space-y-1 pl-5 text-sm">
        <li>your account{account.phoneNumber ? ` and its phone number, ${account.phoneNumber}` : ''};</li>
        <li>
          your sign-in on {deviceCount === 1 ? 'this device' : `all ${deviceCount} devices, this one included`}: each is
          signed out at once.
        </li>
      </ul>
      <p className="mt-3 text-sm text-slate-600 dark:text-slate-400">
        Signing in with the same number later starts a new, empty account.
      </p>
      <form action={deleteAccount} className="mt-6">
        <Button type="submit">Delete my account</Button>
      </form>
      <p className="mt-4 text-center text-sm">
        <Link href="/account" prefetch={false} className={linkClassName}>
          Keep my account
        </Link>
      </p>
    </>
  );
}
