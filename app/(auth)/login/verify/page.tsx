import { codeScreenAction } from '@/app/actions/auth';
import { CodeScreen } from '@/components/auth/code-screen';
import { challengeView } from '@/lib/auth/challenge';
import { readerTimeZone } from '@/lib/http/time-zone';
import { getPendingChallenge } from '@/lib/session/dal';
import type { Metadata } from 'next';
import { redirect } from 'next/navigation';

export const metadata: Metadata = { title: 'Enter your code' };

export default async function VerifyPage() {
  const challenge = await getPendingChallenge();
  if (!challenge) redirect('/login');
  if (challenge.reverify) redirect('/account/reverify');
  if (challenge.changesNumber) redirect('/account/phone/verify');

  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold tracking-tight">Check your phone</h1>
      <CodeScreen action={codeScreenAction} challenge={challengeView(challenge)} timeZone={await readerTimeZone()} />
    </>
  );
}
