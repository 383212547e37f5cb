import { createTestDatabase, testPostgresUrl } from '@/test-support/database';
import { eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase, type OpenDatabase } from './client';
import { DatabaseUnavailableError } from './query';
import { users } from './schema';
import { changePhoneNumber, deleteUserByStytchId, getUserByStytchId, recordSignIn, setUserLocale } from './users';

// The repository asks connection.ts for the process-wide database; each backend below swaps in its own.
const current = vi.hoisted(() => ({ database: undefined as OpenDatabase | undefined, failure: undefined as unknown }));
vi.mock('./connection', () => ({
  getDb: async () => {
    if (current.failure) throw current.failure;
    if (!current.database) throw new Error('no database open for this test');
    return current.database.db;
  },
}));

type Backend = {
  name: string;
  available: boolean;
  open(): Promise<{ database: OpenDatabase; dispose(): Promise<void> }>;
};

const backends: Backend[] = [
  {
    name: 'PGlite (in memory)',
    available: true,
    open: async () => {
      const database = await openDatabase({ kind: 'pglite', dataDir: 'memory://' });
      return { database, dispose: () => database.close() };
    },
  },
  {
    name: 'PostgreSQL (DATABASE_URL)',
    available: testPostgresUrl !== undefined,
    open: async () => {
      const scratch = await createTestDatabase(testPostgresUrl ?? '');
      const database = await openDatabase({
        kind: 'postgres',
        url: scratch.url,
        timeouts: { connectMs: 5000, queryMs: 5000 },
      });
      return {
        database,
        dispose: async () => {
          await database.close();
          await scratch.drop();
        },
      };
    },
  },
];

const newStytchUserId = () => `user-test-${randomUUID()}`;

for (const backend of backends) {
  describe.runIf(backend.available)(`users on ${backend.name}`, () => {
    let dispose: (() => Promise<void>) | undefined;

    beforeAll(async () => {
      const opened = await backend.open();
      current.database = opened.database;
      dispose = opened.dispose;
    }, 60_000);

    afterAll(async () => {
      current.database = undefined;
      await dispose?.();
    });

    it('creates a user on their first sign-in', async () => {
      const stytchUserId = newStytchUserId();

      const { user, created } = await recordSignIn({ stytchUserId, phoneId: 'phone-1', phoneNumber: '+12025550162' });

      expect(created).toBe(true);
      expect(user).toMatchObject({ stytchUserId, phoneId: 'phone-1', phoneNumber: '+12025550162' });
      expect(user.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(user.createdAt).toBeInstanceOf(Date);
      expect(user.lastSignInAt).toEqual(user.createdAt);
      expect(await getUserByStytchId(stytchUserId)).toEqual(user);
    });

    it('moves last_sign_in_at and refreshes the phone of a returning user, keeping id and created_at', async () => {
      const stytchUserId = newStytchUserId();
      const first = await recordSignIn({ stytchUserId, phoneId: 'phone-1', phoneNumber: '+12025550162' });
      await sleep(5); // Date has millisecond precision: make the second sign-in visibly later.

      const second = await recordSignIn({ stytchUserId, phoneId: 'phone-2', phoneNumber: '+12025550163' });

      expect(second.created).toBe(false);
      expect(second.user).toMatchObject({ id: first.user.id, phoneId: 'phone-2', phoneNumber: '+12025550163' });
      expect(second.user.createdAt).toEqual(first.user.createdAt);
      expect(second.user.lastSignInAt.getTime()).toBeGreaterThan(first.user.lastSignInAt.getTime());
    });

    it('keeps the language chosen at a sign-in, and keeps it through sign-ins that choose none', async () => {
      const stytchUserId = newStytchUserId();
      const input = { stytchUserId, phoneId: 'phone-1', phoneNumber: '+12025550162' };
      expect((await recordSignIn(input)).user.locale).toBeNull();
      expect((await recordSignIn({ ...input, locale: 'fr' })).user.locale).toBe('fr');
      expect((await recordSignIn({ ...input, locale: null })).user.locale).toBe('fr');
      await setUserLocale(stytchUserId, 'de-DE');
      expect((await recordSignIn(input)).user.locale).toBe('de-DE');
    });

    it('keeps one row and reports one creation for 20 concurrent sign-ins of one user', async () => {
      const stytchUserId = newStytchUserId();

      const results = await Promise.all(
        Array.from({ length: 20 }, () =>
          recordSignIn({ stytchUserId, phoneId: 'phone-1', phoneNumber: '+12025550162' }),
        ),
      );

      expect(results.filter((result) => result.created)).toHaveLength(1);
      expect(new Set(results.map((result) => result.user.id)).size).toBe(1);
      const rows = await current.database?.db.select().from(users).where(eq(users.stytchUserId, stytchUserId));
      expect(rows).toHaveLength(1);
    });

    it('deletes the row of a deleted account, and only theirs', async () => {
      const [deleted, kept] = [newStytchUserId(), newStytchUserId()];
      await recordSignIn({ stytchUserId: deleted, phoneId: 'phone-1', phoneNumber: '+12025550162' });
      await recordSignIn({ stytchUserId: kept, phoneId: 'phone-2', phoneNumber: '+12025550163' });

      await deleteUserByStytchId(deleted);

      expect(await getUserByStytchId(deleted)).toBeNull();
      expect(await getUserByStytchId(kept)).not.toBeNull();
    });

    it('changes the phone of one user, keeping their id and sign-in time, and no trace of the old number', async () => {
      const [changed, kept] = [newStytchUserId(), newStytchUserId()];
      const { user: before } = await recordSignIn({
        stytchUserId: changed,
        phoneId: 'phone-old',
        phoneNumber: '+12025550164',
      });
      await recordSignIn({ stytchUserId: kept, phoneId: 'phone-3', phoneNumber: '+12025550165' });

      await changePhoneNumber(changed, { phoneId: 'phone-new', phoneNumber: '+12025550166' });

      const after = await getUserByStytchId(changed);
      expect(after).toEqual({ ...before, phoneId: 'phone-new', phoneNumber: '+12025550166' });
      expect(JSON.stringify(after)).not.toContain('+12025550164');
      expect(await getUserByStytchId(kept)).toMatchObject({ phoneId: 'phone-3', phoneNumber: '+12025550165' });
    });

    it('answers a row signed in here from memory for a minute, then from the database again', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      try {
        const stytchUserId = newStytchUserId();
        const { user } = await recordSignIn({ stytchUserId, phoneId: 'phone-1', phoneNumber: '+12025550162' });
        // Another instance changes the number: this one shows what it wrote until the minute is over.
        await current.database?.db
          .update(users)
          .set({ phoneNumber: '+12025550199' })
          .where(eq(users.stytchUserId, stytchUserId));
        current.failure = new Error('the database is down');
        expect(await getUserByStytchId(stytchUserId)).toEqual(user);
        current.failure = undefined;

        vi.setSystemTime(Date.now() + 60_000);
        expect(await getUserByStytchId(stytchUserId)).toMatchObject({ phoneNumber: '+12025550199' });
      } finally {
        current.failure = undefined;
        vi.useRealTimers();
      }
    });

    it('returns null for a Stytch user who never signed in', async () => {
      expect(await getUserByStytchId(newStytchUserId())).toBeNull();
    });

    it('refuses a phone number that is not E.164', async () => {
      await expect(
        recordSignIn({ stytchUserId: newStytchUserId(), phoneId: 'phone-1', phoneNumber: '(202) 555-0162' }),
      ).rejects.toThrow();
    });

    it('treats applying the migrations again as a no-op', async () => {
      const stytchUserId = newStytchUserId();
      const { user } = await recordSignIn({ stytchUserId, phoneId: 'phone-1', phoneNumber: '+12025550162' });

      const opening = current.database?.migrations;
      expect(opening?.applied).toBeGreaterThan(0);
      expect(await current.database?.migrate()).toEqual({ applied: 0, total: opening?.total });
      expect(await getUserByStytchId(stytchUserId)).toEqual(user);
    });
  });
}

describe('a database that does not answer', () => {
  it('fails with the driver code only, and logs no SQL', async () => {
    // What drizzle throws: the statement in the message, the driver's error as the cause.
    current.failure = new Error('Failed query: select "stytch_user_id" from "users"', {
      cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
    });
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const failure = getUserByStytchId(newStytchUserId());

      await expect(failure).rejects.toThrow(new DatabaseUnavailableError('ECONNREFUSED'));
      const lines = logged.mock.calls.flat().join('\n');
      expect(lines).toMatch(/"event":"database_failed","operation":"get_user","code":"ECONNREFUSED"/);
      expect(lines).not.toMatch(/select|stytch_user_id/i);
    } finally {
      logged.mockRestore();
      current.failure = undefined;
    }
  });
});
