import type { ReactNode } from 'react';
import { AuthCard } from '@/components/auth/auth-card';

export default function AuthLayout({ children }: { children: ReactNode }) {
  return <AuthCard>{children}</AuthCard>;
}
