import { signOutDevice, signOutOtherDevices } from '@/app/actions/auth';
import { DeviceList } from '@/components/account/device-list';
import { FormAlert } from '@/components/ui/form-alert';
import { Notice } from '@/components/ui/notice';
import { linkClassName } from '@/components/ui/styles';
import { listDevices } from '@/lib/auth/devices';
import { authErrorMessage } from '@/lib/auth/errors';
import { requireUser } from '@/lib/session/dal';
import { getNotice, NOTICE_COOKIE } from '@/lib/session/notice';
import type { Metadata } from 'next';
import Link from 'next/link';

export const metadata: Metadata = { title: 'Your devices' };

/**
 * The devices signed in to the account, as Stytch has them at this moment: a page of its own, so the account page
 * every sign-in lands on asks Stytch nothing (BENCHMARKS.md, /account's Stytch calls).
 */
export default async function DevicesPage() {
  const { devices, notice, now } = await devicesView();

  return (
    <>
      {notice === 'device-signed-out' && <Notice cookie={NOTICE_COOKIE}>That device is signed out.</Notice>}
      {notice === 'device-not-found' && (
        <Notice cookie={NOTICE_COOKIE}>That device isn’t signed in to your account any more.</Notice>
      )}
      {notice === 'other-devices-signed-out' && (
        <Notice cookie={NOTICE_COOKIE}>Your other devices are signed out.</Notice>
      )}
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
      <h1 className="text-2xl font-semibold tracking-tight">Your devices</h1>
      <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
        Where you’re signed in. Sign out any device you don’t recognise.
      </p>
      <DeviceList
        devices={devices}
        serverNow={now}
        signOutDevice={signOutDevice}
        signOutOtherDevices={signOutOtherDevices}
      />
      <p className="mt-8 text-sm">
        {/* A prefetch would pass the proxy, which re-checks a stale session with Stytch: one call per view. */}
        <Link href="/account" prefetch={false} className={linkClassName}>
          Back to your account
        </Link>
      </p>
    </>
  );
}

// The clock "last active … ago" is counted from until the browser takes over.
async function devicesView() {
  const [user, notice] = await Promise.all([requireUser('/account/devices'), getNotice()]);
  return { devices: await listDevices(user), notice, now: Date.now() };
}
