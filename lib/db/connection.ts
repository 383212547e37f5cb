import { getEnv } from '@/lib/env';
import { processSingleton } from '@/lib/process';
import 'server-only';
import { openDatabase, resolveDatabaseConfig, type Database, type OpenDatabase } from './client';

/** The process-wide database, opened and migrated on first use (never at import, so `next build` never opens it). */
export async function getDb(): Promise<Database> {
  // A second PGlite on the same folder loses writes; holding the promise makes concurrent first calls share one open.
  const held = processSingleton('database', () => ({ opening: null as Promise<OpenDatabase> | null }));
  let opening = held.opening;
  if (!opening) {
    opening = openDatabase(resolveDatabaseConfig(getEnv()));
    held.opening = opening;
    // A failed open (database down, folder locked) must not stay cached: the next request tries again.
    opening.catch(() => {
      if (held.opening === opening) held.opening = null;
    });
  }
  return (await opening).db;
}
