import { PageCard } from '@/components/ui/page-card';
import type { ReactNode } from 'react';

export default function AppLayout({ children }: { children: ReactNode }) {
  return <PageCard>{children}</PageCard>;
}
