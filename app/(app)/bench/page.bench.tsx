import { cookies } from 'next/headers';
import { redirectToAccount, redirectToVerify } from './no-op-actions';

// Benchmark build only (BENCH_BUILD=1): /account's baseline, a dynamic page in the same layouts that reads the
// request's cookies and nothing else. Its forms put the no-op actions in the build.
export default async function BenchBaselinePage() {
  const cookieCount = (await cookies()).size;
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">Baseline</h1>
      <p className="mt-6 text-sm">{cookieCount} cookies</p>
      <form action={redirectToVerify} />
      <form action={redirectToAccount} />
    </>
  );
}
