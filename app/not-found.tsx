import { PageCard } from '@/components/ui/page-card';
import { linkClassName } from '@/components/ui/styles';
import { getAppName } from '@/lib/env';
import Link from 'next/link';

export default function NotFound() {
  return (
    <PageCard appName={getAppName()}>
      <h1 className="text-2xl font-semibold tracking-tight">Page not found</h1>
      <p className="mt-2 text-slate-600 dark:text-slate-400">There is nothing at this address.</p>
      <Link href="/" className={`${linkClassName} mt-6 inline-block`}>
        Go to sign in
      </Link>
    </PageCard>
  );
}
