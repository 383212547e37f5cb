import { PageCard } from '@/components/ui/page-card';
import { linkClassName } from '@/components/ui/styles';
import { getAppName } from '@/lib/env';
import { getTranslations } from 'next-intl/server';
import Link from 'next/link';

export default async function NotFound() {
  const t = await getTranslations('notFound');
  return (
    <PageCard appName={getAppName()}>
      <h1 className="text-2xl font-semibold tracking-tight">{t('title')}</h1>
      <p className="mt-2 text-slate-600 dark:text-slate-400">{t('body')}</p>
      <Link href="/" className={`${linkClassName} mt-6 inline-block`}>
        {t('home')}
      </Link>
    </PageCard>
  );
}
