'use server';

import { redirect } from 'next/navigation';

// Benchmark build only (BENCH_BUILD=1): the product's actions' redirects without their work, so the bench can
// subtract what Next spends rendering a redirect's target from what the actions cost.

/** sendCode's answer, no code sent. */
export async function redirectToVerify(): Promise<never> {
  redirect('/login/verify');
}

/** verifyCode's answer, no code checked. */
export async function redirectToAccount(): Promise<never> {
  redirect('/account');
}
