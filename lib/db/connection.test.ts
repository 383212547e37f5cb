import { drizzle } from 'drizzle-orm/pglite';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DatabaseConfig, OpenDatabase } from './client';
import { getDb } from './connection';

// Opening a real database is covered by client.test.ts; here only the process-wide caching is under test.
const openDatabase = vi.hoisted(() => vi.fn<(config: DatabaseConfig) => Promise<OpenDatabase>>());
vi.mock('./client', async (importOriginal) => ({
  ...(await importOriginal<typeof import('./client')>()),
  openDatabase,
}));
// The configuration as each test stubs it, where the app reads it once per process.
vi.mock('@/lib/env', async () => {
  const { parseDatabaseEnv } = await import('@/lib/env-schema');
  return { getEnv: () => parseDatabaseEnv(process.env) };
});

function fakeDatabase(config: DatabaseConfig): OpenDatabase {
  return {
    config,
    db: drizzle.mock(),
    migrations: { applied: 0, total: 1 },
    migrate: async () => ({ applied: 0, total: 1 }),
    close: async () => {},
  };
}

beforeEach(() => {
  vi.stubEnv('DATABASE_URL', 'postgres://app@db.example.com:5432/app');
  openDatabase.mockImplementation(async (config) => fakeDatabase(config));
});

afterEach(() => {
  // Forget the process's database (lib/process.ts holds it under this key).
  delete (globalThis as Record<symbol, unknown>)[Symbol.for('passcode.database')];
  openDatabase.mockReset();
  vi.unstubAllEnvs();
});

describe('getDb', () => {
  it('opens the configured database once, even for concurrent first calls', async () => {
    const [first, second] = await Promise.all([getDb(), getDb()]);

    expect(second).toBe(first);
    expect(await getDb()).toBe(first);
    expect(openDatabase).toHaveBeenCalledTimes(1);
    expect(openDatabase).toHaveBeenCalledWith({
      kind: 'postgres',
      url: 'postgres://app@db.example.com:5432/app',
      timeouts: { connectMs: 5000, queryMs: 5000 },
    });
  });

  it('tries again after a failed open instead of caching the failure', async () => {
    openDatabase.mockRejectedValueOnce(new Error('connect ECONNREFUSED'));

    await expect(getDb()).rejects.toThrow('connect ECONNREFUSED');
    await expect(getDb()).resolves.toBeDefined();
    expect(openDatabase).toHaveBeenCalledTimes(2);
  });

  it('refuses to fall back to PGlite in production on Vercel', async () => {
    vi.stubEnv('DATABASE_URL', '');
    vi.stubEnv('VERCEL', '1');
    vi.stubEnv('VERCEL_ENV', 'production');

    await expect(getDb()).rejects.toThrow(/production on Vercel requires DATABASE_URL/);
    expect(openDatabase).not.toHaveBeenCalled();
  });
});
