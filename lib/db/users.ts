import { processCache } from '@/lib/process';
import { eq, getTableColumns, sql } from 'drizzle-orm';
import 'server-only';
import { query } from './query';
import { users } from './schema';

type AppUser = typeof users.$inferSelect;

// Each row this process read or wrote, for a minute: /account shows it on every view, and in the in-process PGlite
// that read was most of the page's own cost. Writes here update it at once; another instance's change shows here
// within the minute (BENCHMARKS.md, /account).
const KEEP_ROW_MS = 60_000;
const knownRows = processCache<AppUser>('users-by-stytch-id');

export type SignInInput = {
  stytchUserId: string;
  phoneId: string;
  /** E.164, e.g. +12025550162. */
  phoneNumber: string;
  /** The language chosen in this browser, kept for the account; none keeps the one it has. */
  locale?: string | null;
};

/**
 * Creates the user on their first sign-in, otherwise refreshes their phone and last sign-in time. One statement, so
 * double submits and concurrent sign-ins of the same Stytch user end with one row.
 */
export async function recordSignIn(input: SignInInput): Promise<{ user: AppUser; created: boolean }> {
  const [row] = await query('record_sign_in', (db) =>
    db
      .insert(users)
      .values({ ...input, locale: input.locale ?? null, lastSignInAt: sql`now()` })
      .onConflictDoUpdate({
        target: users.stytchUserId,
        set: {
          phoneId: input.phoneId,
          phoneNumber: input.phoneNumber,
          lastSignInAt: sql`now()`,
          locale: sql`coalesce(excluded.locale, ${users.locale})`,
        },
      })
      // xmax is 0 on a freshly inserted row version and holds the locking transaction's id when ON CONFLICT updated an
      // existing row. Comparing created_at with last_sign_in_at instead would misreport a second sign-in within the
      // same transaction (now() does not move inside one).
      .returning({ ...getTableColumns(users), created: sql<boolean>`xmax = 0` }),
  );
  if (!row) throw new Error('INSERT … ON CONFLICT DO UPDATE returned no row');
  const { created, ...user } = row;
  knownRows.set(user.stytchUserId, user, Date.now() + KEEP_ROW_MS);
  return { user, created };
}

/** The user with this Stytch user id (as read or written here within the minute), or null if they never signed in. */
export async function getUserByStytchId(stytchUserId: string): Promise<AppUser | null> {
  const known = knownRows.get(stytchUserId);
  if (known) return known;
  const [user] = await query('get_user', (db) =>
    db.select().from(users).where(eq(users.stytchUserId, stytchUserId)).limit(1),
  );
  // A sign-in that wrote the row while this read was on its way has the newer row.
  if (user && !knownRows.get(stytchUserId)) knownRows.set(stytchUserId, user, Date.now() + KEEP_ROW_MS);
  return user ?? null;
}

/** Gives the user their new phone: the old number is overwritten, not kept. */
export async function changePhoneNumber(
  stytchUserId: string,
  phone: Pick<SignInInput, 'phoneId' | 'phoneNumber'>,
): Promise<void> {
  knownRows.delete(stytchUserId);
  await query('change_phone', (db) =>
    db
      .update(users)
      .set({ phoneId: phone.phoneId, phoneNumber: phone.phoneNumber })
      .where(eq(users.stytchUserId, stytchUserId)),
  );
}

/** Keeps the language the signed-in person chose, for their next sign-in on any device. */
export async function setUserLocale(stytchUserId: string, locale: string): Promise<void> {
  await query('set_locale', (db) => db.update(users).set({ locale }).where(eq(users.stytchUserId, stytchUserId)));
}

/** Removes the user's row: nothing of a deleted account stays here. */
export async function deleteUserByStytchId(stytchUserId: string): Promise<void> {
  knownRows.delete(stytchUserId);
  await query('delete_user', (db) => db.delete(users).where(eq(users.stytchUserId, stytchUserId)));
  knownRows.delete(stytchUserId);
}
