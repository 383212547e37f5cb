import { codeScreenAction } from '@/app/actions/auth';
import { CodeScreen } from '@/components/auth/code-screen';
import { challengeView } from '@/lib/auth/challenge';
import { readerTimeZone } from '@/lib/http/time-zone';
import { getPendingChallenge, requireAccount } from '@/lib/session/dal';
import type { Metadata } from 'next';
import { redirect } from 'next/navigation';

export const metadata: Metadata = { title: 'Confirm your new number' };

/** The code screen for the new number: verifying it makes the number the account's. */
export default async function NewNumberCodePage() {
  await requireAccount('/account/phone');
  const challenge = await getPendingChallenge();
  if (!challenge?.changesNumber) redirect('/account/phone');

  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold tracking-tight">Confirm your new number</h1>
      <CodeScreen
        action={codeScreenAction}
        challenge={challengeView(challenge)}
        timeZone={await readerTimeZone()}
        differentNumberHref="/account/phone"
      />
    </>
  );
}
