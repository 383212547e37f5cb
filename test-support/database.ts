// Test support (no test of its own): a throwaway PostgreSQL database per test file, so reruns start clean and test
// files running in parallel never share tables or migration history.
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The PostgreSQL server the suite may use; the PostgreSQL cases are skipped without it. */
export const testPostgresUrl = process.env.DATABASE_URL?.trim() || undefined;

export type TestDatabase = {
  url: string;
  drop(): Promise<void>;
};

/** Creates an empty database on the server behind `serverUrl` (the role needs CREATEDB). */
export async function createTestDatabase(serverUrl: string): Promise<TestDatabase> {
  const name = `test_db_${randomBytes(6).toString('hex')}`;
  await withAdminClient(serverUrl, (client) => client.query(`create database "${name}"`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => withAdminClient(serverUrl, (client) => client.query(`drop database if exists "${name}" with (force)`)),
  };
}

async function withAdminClient(serverUrl: string, run: (client: Client) => Promise<unknown>): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await run(client);
  } finally {
    await client.end();
  }
}
