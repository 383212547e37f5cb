import { sql } from 'drizzle-orm';
import { bigint, check, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** People who have signed in; Stytch owns their identity, this table gives them an id of our own. */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    stytchUserId: text('stytch_user_id').notNull().unique(),
    phoneId: text('phone_id').notNull(),
    phoneNumber: text('phone_number').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true }).notNull(),
    /** The language the person chose for the screens and the SMS (lib/i18n/locales.ts), null until they choose. */
    locale: text('locale'),
  },
  (table) => [
    // The app only ever stores E.164; the database refuses anything else rather than keep a second format around.
    check('users_phone_number_e164', sql`${table.phoneNumber} ~ '^\\+[1-9][0-9]{1,14}$'`),
  ],
);

/**
 * Ended sessions, used challenges and steps under way (lib/session/revocations.ts), shared by every instance when no
 * Redis is configured: a time or a count per key, kept until `expires_at`.
 */
export const revocationRecords = pgTable(
  'revocation_records',
  {
    key: text('key').primaryKey(),
    value: bigint('value', { mode: 'number' }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('revocation_records_expires_at').on(table.expiresAt)],
);

/** Endings Stytch has not confirmed yet, retried by any instance until it does. */
export const pendingRevokes = pgTable(
  'pending_revokes',
  {
    queue: text('queue').notNull(),
    entry: text('entry').notNull(),
    queuedAt: timestamp('queued_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.queue, table.entry] })],
);
