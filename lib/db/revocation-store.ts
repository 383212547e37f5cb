import type { RevocationStore } from '@/lib/session/revocations';
import { and, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import 'server-only';
import { query } from './query';
import { pendingRevokes, revocationRecords } from './schema';

const expiresIn = (keepMs: number) => sql`now() + ${keepMs} * interval '1 millisecond'`;

/** The revocation records and queue in the database: every instance sharing it, and a restarted one, sees them. */
export const databaseRevocationStore: RevocationStore = {
  async remember(key, at, keepMs) {
    await query('remember_revocation', async (db) => {
      // Records past their time are dropped as new ones come: no job of its own.
      await db.delete(revocationRecords).where(lt(revocationRecords.expiresAt, sql`now()`));
      await db
        .insert(revocationRecords)
        .values({ key, value: at, expiresAt: expiresIn(keepMs) })
        .onConflictDoUpdate({ target: revocationRecords.key, set: { value: at, expiresAt: expiresIn(keepMs) } });
    });
  },

  async recall(keys) {
    const rows = await query('recall_revocations', (db) =>
      db
        .select({ key: revocationRecords.key, value: revocationRecords.value })
        .from(revocationRecords)
        .where(and(inArray(revocationRecords.key, keys), gt(revocationRecords.expiresAt, sql`now()`))),
    );
    const found = new Map(rows.map(({ key, value }) => [key, value]));
    return keys.map((key) => found.get(key));
  },

  async count(key, delta, keepMs) {
    const [row] = await query('count_challenge_step', (db) =>
      db
        .insert(revocationRecords)
        .values({ key, value: delta, expiresAt: expiresIn(keepMs) })
        .onConflictDoUpdate({
          target: revocationRecords.key,
          // A count past its time starts again from nothing, as an expired Redis key would.
          set: {
            value: sql`case when ${revocationRecords.expiresAt} > now() then ${revocationRecords.value} else 0 end + ${delta}`,
            expiresAt: expiresIn(keepMs),
          },
        })
        .returning({ value: revocationRecords.value }),
    );
    return row?.value ?? delta;
  },

  async push(queue, entry) {
    await query('queue_revoke', (db) => db.insert(pendingRevokes).values({ queue, entry }).onConflictDoNothing());
  },

  async entries(queue) {
    const rows = await query('queued_revokes', (db) =>
      db
        .select({ entry: pendingRevokes.entry })
        .from(pendingRevokes)
        .where(eq(pendingRevokes.queue, queue))
        .orderBy(pendingRevokes.queuedAt),
    );
    return rows.map(({ entry }) => entry);
  },

  async remove(queue, entry) {
    await query('done_revoke', (db) =>
      db.delete(pendingRevokes).where(and(eq(pendingRevokes.queue, queue), eq(pendingRevokes.entry, entry))),
    );
  },
};
