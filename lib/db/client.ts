// The database core, free of `server-only` so that the db:migrate CLI and tests can load it under plain Node.
// App code reaches it only through lib/db/connection.ts.
import type { DatabaseEnv } from '@/lib/env-schema';
import { logEvent } from '@/lib/log';
import { attachDatabasePool } from '@vercel/functions';
import { sql, type SQL } from 'drizzle-orm';
import type { MigrationConfig } from 'drizzle-orm/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import path from 'node:path';
import type { Pool, PoolClient } from 'pg';
import { acquirePgliteLock, type PgliteLock } from './pglite-lock';

type DatabaseTimeouts = { connectMs: number; queryMs: number };

export type DatabaseConfig =
  { kind: 'postgres'; url: string; timeouts: DatabaseTimeouts } | { kind: 'pglite'; dataDir: string };

/** The drizzle API shared by both backends. */
export type Database = PgDatabase<PgQueryResultHKT>;

type MigrationSummary = {
  /** Migrations this run applied. */
  applied: number;
  /** Migrations recorded in the database after the run. */
  total: number;
};

type Connection = {
  readonly config: DatabaseConfig;
  readonly db: Database;
  /** Applies pending migrations, under a lock on PostgreSQL; a no-op when the database is up to date. */
  migrate(): Promise<MigrationSummary>;
  close(): Promise<void>;
};

export type OpenDatabase = {
  /** What opening applied. */
  readonly migrations: MigrationSummary;
} & Connection;

const DEFAULT_PGLITE_DATA_DIR = '.data/pglite';

const MIGRATIONS = {
  // Next runs from the project root; a path this static also lets its file tracing ship ./drizzle to Vercel.
  migrationsFolder: path.join(process.cwd(), 'drizzle'),
  migrationsSchema: 'drizzle',
  migrationsTable: '__drizzle_migrations',
} satisfies MigrationConfig;

// Any fixed number works, as long as every process migrating this database uses the same one.
const MIGRATION_LOCK_KEY = 7_316_402_291;

/** Picks the backend: PostgreSQL when DATABASE_URL is set, otherwise an embedded PGlite. */
export function resolveDatabaseConfig(env: DatabaseEnv): DatabaseConfig {
  if (env.DATABASE_URL) {
    const timeouts = { connectMs: env.DATABASE_CONNECT_TIMEOUT_MS, queryMs: env.DATABASE_QUERY_TIMEOUT_MS };
    return { kind: 'postgres', url: env.DATABASE_URL, timeouts };
  }
  const dataDir = env.PGLITE_DATA_DIR ?? DEFAULT_PGLITE_DATA_DIR;
  if (isInMemory(dataDir)) return { kind: 'pglite', dataDir };
  // Without the hint, Turbopack cannot bound this path and traces the whole project into the server output.
  return { kind: 'pglite', dataDir: path.resolve(/* turbopackIgnore: true */ dataDir) };
}

/** Names the database for logs without its credentials. */
export function describeDatabase(config: DatabaseConfig): string {
  if (config.kind === 'pglite') {
    return isInMemory(config.dataDir) ? 'PGlite (in memory)' : `PGlite at ${config.dataDir}`;
  }
  const url = new URL(config.url);
  return `PostgreSQL at ${url.host}${url.pathname}`;
}

/** Connects to the configured database and applies pending migrations before handing it out. */
export async function openDatabase(config: DatabaseConfig): Promise<OpenDatabase> {
  const connection = config.kind === 'postgres' ? await connectPostgres(config) : await connectPglite(config);
  try {
    return { ...connection, migrations: await connection.migrate() };
  } catch (error) {
    await connection.close();
    throw error;
  }
}

async function connectPostgres(config: Extract<DatabaseConfig, { kind: 'postgres' }>): Promise<Connection> {
  const [{ Pool }, { drizzle }, { migrate }] = await Promise.all([
    import('pg'),
    import('drizzle-orm/node-postgres'),
    import('drizzle-orm/node-postgres/migrator'),
  ]);
  const { connectMs, queryMs } = config.timeouts;
  const pool = new Pool({
    connectionString: config.url,
    max: 5,
    idleTimeoutMillis: 5000,
    // Bounds both opening a connection and waiting for a free one in the pool.
    connectionTimeoutMillis: connectMs,
    // The server ends a slow statement; the client gives up on a silent network, and the pool then drops that
    // connection (pool.query releases it with the error), so a hung database leaves no stuck connection behind.
    statement_timeout: queryMs,
    query_timeout: queryMs,
    keepAlive: true,
  });
  // An idle connection dropped by the server emits 'error' on the pool; unhandled, it would crash the process.
  pool.on('error', (error) => logEvent('error', 'database_idle_connection_failed', { error: error.message }));
  // Keeps a Vercel function alive until idle connections close; does nothing elsewhere.
  attachDatabasePool(pool);

  return {
    config,
    db: drizzle({ client: pool }),
    // Cold starts of several instances migrate at once; drizzle's migrator races with itself, so serialise them.
    migrate: () =>
      withMigrationLock(pool, (client) => {
        const db = drizzle({ client });
        return trackMigrations(
          (query) => db.execute(query),
          () => migrate(db, MIGRATIONS),
        );
      }),
    close: () => pool.end(),
  };
}

async function withMigrationLock<T>(pool: Pool, run: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const result = await run(client);
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    client.release();
    return result;
  } catch (error) {
    // The connection may be broken or still hold the lock: destroying it ends the session, which frees the lock.
    client.release(true);
    throw error;
  }
}

async function connectPglite(config: Extract<DatabaseConfig, { kind: 'pglite' }>): Promise<Connection> {
  const lock: PgliteLock | undefined = isInMemory(config.dataDir) ? undefined : acquirePgliteLock(config.dataDir);
  try {
    const [{ PGlite }, { drizzle }, { migrate }] = await Promise.all([
      import('@electric-sql/pglite'),
      import('drizzle-orm/pglite'),
      import('drizzle-orm/pglite/migrator'),
    ]);
    const client = await PGlite.create(config.dataDir);
    const db = drizzle({ client });
    return {
      config,
      db,
      migrate: () =>
        trackMigrations(
          (query) => db.execute(query),
          () => migrate(db, MIGRATIONS),
        ),
      close: async () => {
        try {
          await client.close();
        } finally {
          lock?.release();
        }
      },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
}

type Execute = (query: SQL) => PromiseLike<{ rows: Record<string, unknown>[] }>;

async function trackMigrations(execute: Execute, migrate: () => Promise<void>): Promise<MigrationSummary> {
  const before = await countRecordedMigrations(execute);
  await migrate();
  const total = await countRecordedMigrations(execute);
  return { applied: total - before, total };
}

async function countRecordedMigrations(execute: Execute): Promise<number> {
  const { migrationsSchema, migrationsTable } = MIGRATIONS;
  const { rows: existence } = await execute(
    sql`select to_regclass(${`${migrationsSchema}.${migrationsTable}`}) is not null as "exists"`,
  );
  if (existence[0]?.exists !== true) return 0;
  const { rows } = await execute(
    sql`select count(*)::int as "count" from ${sql.identifier(migrationsSchema)}.${sql.identifier(migrationsTable)}`,
  );
  return Number(rows[0]?.count);
}

function isInMemory(dataDir: string): boolean {
  return dataDir.startsWith('memory://');
}
