import { resendCode, verifyCode } from '@/app/actions/auth';
import { CodeForm } from '@/components/auth/code-form';
import { challengeView } from '@/lib/auth/challenge';
import { getPendingChallenge } from '@/lib/session/dal';
import type { Metadata } from 'next';
import { redirect } from 'next/navigation';

export const metadata: Metadata = { title: 'Enter your code' };

export default async function VerifyPage() {
  const challenge = await getPendingChallenge();
  if (!challenge) redirect('/login');

  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold tracking-tight">Check your phone</h1>
      <CodeForm verifyCode={verifyCode} resendCode={resendCode} {...challengeView(challenge)} />
    </>
  );
}
