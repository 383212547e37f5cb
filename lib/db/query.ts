import { throttledLog } from '@/lib/log';
import 'server-only';
import type { Database } from './client';
import { getDb } from './connection';

/** The database did not answer. Carries the driver's code only: never the statement or its values. */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
  constructor(readonly code: string) {
    super(`The database is unavailable (${code})`);
  }
}

/**
 * Runs one operation on the database. An outage fails every request: one line per operation and code per 10 s,
 * without the SQL drizzle puts in errors, and a DatabaseUnavailableError for the caller.
 */
export async function query<T>(operation: string, run: (db: Database) => Promise<T>): Promise<T> {
  try {
    return await run(await getDb());
  } catch (error) {
    const code = driverCode(error instanceof Error ? error.cause : undefined) ?? driverCode(error) ?? 'unknown';
    throttledLog(`database.${operation}.${code}`, 10_000, 'error', 'database_failed', { operation, code });
    throw new DatabaseUnavailableError(code);
  }
}

function driverCode(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  if ('code' in error && typeof error.code === 'string') return error.code;
  return /timeout/i.test(error.message) ? 'timeout' : undefined;
}
