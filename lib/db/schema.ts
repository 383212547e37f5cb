import { sql } from 'drizzle-orm';
import { check, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

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
