import 'server-only';
import { cache } from 'react';
import { redirect } from 'next/navigation';
import { getChallenge, getSignedIn } from './session';

/** The code waiting to be verified in this browser, or null. */
export const getPendingChallenge = cache(async () => getChallenge());

/** Who is signed in, or null: every page, action and route asks this, once per request. */
export const getCurrentUser = cache(async () => {
  const signedIn = await getSignedIn();
  if (!signedIn || Date.parse(signedIn.expiresAt) <= Date.now()) return null;
  return { userId: signedIn.userId, sessionStartedAt: signedIn.startedAt, sessionExpiresAt: signedIn.expiresAt };
});

/** The signed-in user, or a redirect to the login page that comes back to `path`. */
export async function requireUser(path: string) {
  const user = await getCurrentUser();
  if (!user) redirect(`/login?next=${encodeURIComponent(path)}`);
  return user;
}
