import { DatabaseUnavailableError } from '@/lib/db/query';
import { setUserLocale } from '@/lib/db/users';
import { getCurrentUser } from '@/lib/session/dal';
import 'server-only';
import { isLocale } from './locales';
import { setLocaleCookie } from './request-locale';

/**
 * The switcher's choice: this browser's language from now on, and the signed-in person's on every device they sign in
 * on next. Anything but one of our languages (a forged form) changes nothing.
 */
export async function chooseLocale(value: unknown): Promise<void> {
  if (!isLocale(value)) return;
  await setLocaleCookie(value);
  const user = await getCurrentUser();
  if (!user) return;
  try {
    await setUserLocale(user.userId, value);
  } catch (error) {
    // This browser has the choice already; the account learns it at the next sign-in from this browser.
    if (!(error instanceof DatabaseUnavailableError)) throw error;
  }
}
