import 'server-only';
import { openDatabase, resolveDatabaseConfig, type Database, type OpenDatabase } from './client';

// On globalThis rather than in a module variable: Next loads a separate copy of this module per route bundle (and
// again on every dev reload), and a second PGlite on the same folder loses writes. Caching the promise, not the
// result, also makes concurrent first requests share one opening.
const HOLDER_KEY = '__appDatabase';
const holder = globalThis as typeof globalThis & { [HOLDER_KEY]?: Promise<OpenDatabase> };

/** The process-wide database, opened and migrated on first use (never at import, so `next build` never opens it). */
export async function getDb(): Promise<Database> {
  let opening = holder[HOLDER_KEY];
  if (!opening) {
    opening = openDatabase(resolveDatabaseConfig(process.env));
    holder[HOLDER_KEY] = opening;
    // A failed open (database down, folder locked) must not stay cached: the next request tries again.
    opening.catch(() => {
      if (holder[HOLDER_KEY] === opening) delete holder[HOLDER_KEY];
    });
  }
  return (await opening).db;
}
