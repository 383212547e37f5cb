// `npm run db:migrate`: applies ./drizzle to the database the app would use (DATABASE_URL, else PGlite).
import nextEnv from '@next/env';
import { describeDatabase, openDatabase, resolveDatabaseConfig } from '../lib/db/client';
import { parseDatabaseEnv } from '../lib/env-schema';

// The same .env files `next dev` reads (variables already set win), so this migrates the database the app opens.
nextEnv.loadEnvConfig(process.cwd(), process.env.NODE_ENV !== 'production');

try {
  const config = resolveDatabaseConfig(parseDatabaseEnv(process.env));
  console.log(`Migrating ${describeDatabase(config)}`);
  const started = performance.now();
  const database = await openDatabase(config);
  await database.close();
  const { applied, total } = database.migrations;
  const elapsed = `${Math.round(performance.now() - started)} ms`;
  console.log(
    applied === 0
      ? `Already up to date: ${plural(total, 'migration')} recorded (${elapsed}).`
      : `Applied ${plural(applied, 'migration')}, ${total} recorded in total (${elapsed}).`,
  );
} catch (error) {
  console.error(`db:migrate failed: ${describeError(error)}`);
  process.exitCode = 1;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // node-postgres reports a refused connection to a name with several addresses as an AggregateError without message.
  const message =
    error instanceof AggregateError && !error.message ? error.errors.map(describeError).join('; ') : error.message;
  // drizzle wraps database errors ("Failed query: …") and keeps PostgreSQL's own message in `cause`.
  return error.cause === undefined ? message : `${message}\n  caused by: ${describeError(error.cause)}`;
}
