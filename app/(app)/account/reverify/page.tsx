import { codeScreenAction } from '@/app/actions/auth';
import { CodeScreen } from '@/components/auth/code-screen';
import { challengeView } from '@/lib/auth/challenge';
import { readerTimeZone } from '@/lib/http/time-zone';
import { getPendingChallenge, requireAccount } from '@/lib/session/dal';
import type { Metadata } from 'next';
import { redirect } from 'next/navigation';

export const metadata: Metadata = { title: 'Confirm it’s you' };

// What the person is about to do, said where they are asked for the code.
const PURPOSES = {
  'change-number': 'change your number',
  'delete-account': 'delete your account',
  'sign-out-device': 'sign out that device',
  'sign-out-other-devices': 'sign out your other devices',
} as const;

/** The code screen again, for a signed-in person whose sign-in is too old for a sensitive change. */
export default async function ReverifyPage() {
  await requireAccount('/account');
  const challenge = await getPendingChallenge();
  if (!challenge?.reverify) redirect('/account');

  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold tracking-tight">Confirm it’s you</h1>
      <p className="mb-4 text-slate-600 dark:text-slate-400">
        You signed in a while ago. To {PURPOSES[challenge.reverify]}, enter a new code.
      </p>
      <CodeScreen
        action={codeScreenAction}
        challenge={challengeView(challenge)}
        timeZone={await readerTimeZone()}
        offerDifferentNumber={false}
      />
    </>
  );
}
