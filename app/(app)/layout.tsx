import { PageCard } from '@/components/ui/page-card';
import { getAppName } from '@/lib/env';
import type { ReactNode } from 'react';

export default function AppLayout({ children }: { children: ReactNode }) {
  return <PageCard appName={getAppName()}>{children}</PageCard>;
}
