import { PageCard } from '@/components/ui/page-card';
import type { ReactNode } from 'react';

export default function AuthLayout({ children }: { children: ReactNode }) {
  return <PageCard>{children}</PageCard>;
}
