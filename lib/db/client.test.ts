import { parseDatabaseEnv } from '@/lib/env-schema';
import { createTestDatabase, testPostgresUrl, type TestDatabase } from '@/test-support/database';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeDatabase, openDatabase, resolveDatabaseConfig, type DatabaseConfig } from './client';
import { acquirePgliteLock, PgliteLockedError } from './pglite-lock';

const postgres = (url: string): DatabaseConfig => ({
  kind: 'postgres',
  url,
  timeouts: { connectMs: 5000, queryMs: 5000 },
});
const pglite = (dataDir: string): DatabaseConfig => ({ kind: 'pglite', dataDir });

describe('resolveDatabaseConfig', () => {
  it.each<[string, Record<string, string>, DatabaseConfig]>([
    [
      'PostgreSQL when DATABASE_URL is set',
      { DATABASE_URL: 'postgres://u:p@db/app' },
      postgres('postgres://u:p@db/app'),
    ],
    [
      'PostgreSQL on Vercel production',
      { DATABASE_URL: 'postgres://db/app', VERCEL: '1', VERCEL_ENV: 'production' },
      postgres('postgres://db/app'),
    ],
    [
      'PostgreSQL with the configured timeouts',
      { DATABASE_URL: 'postgres://db/app', DATABASE_CONNECT_TIMEOUT_MS: '800', DATABASE_QUERY_TIMEOUT_MS: '2000' },
      { kind: 'postgres', url: 'postgres://db/app', timeouts: { connectMs: 800, queryMs: 2000 } },
    ],
    ['PGlite in .data/pglite by default', {}, pglite(path.resolve('.data/pglite'))],
    ['PGlite when DATABASE_URL is blank', { DATABASE_URL: ' ' }, pglite(path.resolve('.data/pglite'))],
    ['PGlite in PGLITE_DATA_DIR, made absolute', { PGLITE_DATA_DIR: 'tmp/db' }, pglite(path.resolve('tmp/db'))],
    ['PGlite in memory', { PGLITE_DATA_DIR: 'memory://' }, pglite('memory://')],
    [
      'PGlite under `vercel dev` on a laptop',
      { VERCEL: '1', VERCEL_ENV: 'development' },
      pglite(path.resolve('.data/pglite')),
    ],
  ])('picks %s', (_, env, expected) => {
    expect(resolveDatabaseConfig(parseDatabaseEnv(env))).toEqual(expected);
  });
});

describe('describeDatabase', () => {
  it.each<[DatabaseConfig, string]>([
    [
      postgres('postgres://app:s3cret@db.example.com:5432/app?sslmode=require'),
      'PostgreSQL at db.example.com:5432/app',
    ],
    [pglite('/srv/app/.data/pglite'), 'PGlite at /srv/app/.data/pglite'],
    [pglite('memory://'), 'PGlite (in memory)'],
  ])('names %o without credentials', (config, expected) => {
    expect(describeDatabase(config)).toBe(expected);
  });
});

const runMigrateCli = (env: Record<string, string>) =>
  promisify(execFile)(path.resolve('node_modules/.bin/tsx'), ['scripts/db-migrate.ts'], {
    // Only what the test names: a DATABASE_URL from the outer environment or a .env file must not redirect the CLI
    // (the CLI loads .env files the way Next does, which never overrides a variable that is set, even to '').
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', DATABASE_URL: '', ...env },
  });

describe('a PGlite folder another opener holds', () => {
  let dataDir: string;
  let release: () => void;

  beforeAll(() => {
    dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'pglite-held-')), 'pglite');
    release = acquirePgliteLock(dataDir).release;
  });

  afterAll(() => {
    release();
    rmSync(path.dirname(dataDir), { recursive: true, force: true });
  });

  it('makes a second open in the same process fail loudly', async () => {
    const opening = openDatabase(pglite(dataDir));

    await expect(opening).rejects.toThrow(PgliteLockedError);
    await expect(opening).rejects.toThrow(`${dataDir} is in use by process ${process.pid}`);
  });

  it('makes db:migrate in another process exit non-zero, naming the folder and the holder', async () => {
    const failure = await runMigrateCli({ PGLITE_DATA_DIR: dataDir }).then(
      () => undefined,
      (error: unknown) => error,
    );

    expect(failure).toMatchObject({
      code: 1,
      stderr: expect.stringContaining(
        `db:migrate failed: The PGlite data folder ${dataDir} is in use by process ${process.pid}: another process has the embedded database open.`,
      ),
    });
  }, 30_000);
});

describe.runIf(testPostgresUrl)('migrations on PostgreSQL', () => {
  let scratch: TestDatabase;

  beforeAll(async () => {
    scratch = await createTestDatabase(testPostgresUrl ?? '');
  });

  afterAll(() => scratch.drop());

  it('survive several cold starts opening the same empty database at once', async () => {
    const opened = await Promise.all(Array.from({ length: 6 }, () => openDatabase(postgres(scratch.url))));
    try {
      const total = opened[0]?.migrations.total;
      expect(total).toBeGreaterThan(0);
      expect(opened.map((database) => database.migrations.total)).toEqual(opened.map(() => total));
      // Exactly one opener applied them; the others waited for the lock and found nothing to do.
      expect(opened.map((database) => database.migrations.applied).sort((a, b) => a - b)).toEqual([
        0,
        0,
        0,
        0,
        0,
        total,
      ]);
    } finally {
      await Promise.all(opened.map((database) => database.close()));
    }
  });

  it('are reported by db:migrate, which then finds nothing left to do', async () => {
    const fresh = await createTestDatabase(testPostgresUrl ?? '');
    try {
      const first = await runMigrateCli({ DATABASE_URL: fresh.url });
      const second = await runMigrateCli({ DATABASE_URL: fresh.url });

      const where = describeDatabase(postgres(fresh.url));
      expect(first.stdout).toMatch(
        new RegExp(`^Migrating ${where}\\nApplied \\d+ migrations?, \\d+ recorded in total`),
      );
      expect(second.stdout).toMatch(/Already up to date: \d+ migrations? recorded/);
    } finally {
      await fresh.drop();
    }
  }, 30_000);
});
