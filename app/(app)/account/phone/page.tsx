import { keepNumber, sendNewNumberCode } from '@/app/actions/auth';
import { PhoneForm } from '@/components/auth/phone-form';
import { linkClassName } from '@/components/ui/styles';
import { phoneFormSetup } from '@/lib/phone/phone-form-setup';
import { getPendingChallenge, requireAccount } from '@/lib/session/dal';
import type { Metadata } from 'next';

export const metadata: Metadata = { title: 'Change your number' };

/** The phone screen again, for the number that is to replace the account's; the action checks the sign-in is fresh. */
export default async function ChangeNumberPage() {
  const [account, challenge] = await Promise.all([requireAccount('/account/phone'), getPendingChallenge()]);
  // Back from the code screen through "Use a different number", the new number typed is kept.
  const setup = await phoneFormSetup(challenge?.changesNumber ? challenge.phoneNumber : undefined);

  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight text-balance">Change your number</h1>
      <p className="mt-1 mb-6 text-balance text-slate-600 dark:text-slate-400">
        Enter your new mobile number and we’ll text it a code.
        {account.phoneNumber && ` Until you enter that code, you keep ${account.phoneNumber}.`}
      </p>
      <PhoneForm sendCode={sendNewNumberCode} {...setup} />
      {/* A post, not a link: the new number waiting unverified on the account is removed at once. */}
      <form action={keepNumber} className="mt-4 text-center text-sm">
        <button type="submit" className={linkClassName}>
          Keep my number
        </button>
      </form>
    </>
  );
}
