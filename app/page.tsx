import { redirect } from 'next/navigation';
import { getCurrentUser } from '@/lib/dal';

export default async function HomePage() {
  redirect((await getCurrentUser()) ? '/account' : '/login');
}
