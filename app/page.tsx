import { getCurrentUser } from '@/lib/dal';
import { redirect } from 'next/navigation';

export default async function HomePage() {
  redirect((await getCurrentUser()) ? '/account' : '/login');
}
