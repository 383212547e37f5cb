import { getCurrentUser } from '@/lib/session/dal';
import { redirect } from 'next/navigation';

export default async function HomePage() {
  redirect((await getCurrentUser()) ? '/account' : '/login');
}
