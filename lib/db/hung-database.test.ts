import { createTestDatabase, testPostgresUrl, type TestDatabase } from '@/test-support/database';
import { startHangableProxy, type HangableProxy } from '@/test-support/hangable-proxy';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type OpenDatabase } from './client';

const PROXY_PORT = Number(process.env.DB_PROXY_PORT ?? 5460);
const TIMEOUT_MS = 500;
// Generous for a loaded machine, far below "hangs for ever".
const BOUND_MS = TIMEOUT_MS * 6;

describe.runIf(testPostgresUrl)('PostgreSQL behind a network path that goes silent', () => {
  let scratch: TestDatabase;
  let proxy: HangableProxy;
  let database: OpenDatabase;

  beforeAll(async () => {
    scratch = await createTestDatabase(testPostgresUrl ?? '');
    const server = new URL(scratch.url);
    proxy = await startHangableProxy({ host: server.hostname, port: Number(server.port || 5432) }, PROXY_PORT);
    const proxied = new URL(scratch.url);
    proxied.host = `127.0.0.1:${PROXY_PORT}`;
    database = await openDatabase({
      kind: 'postgres',
      url: proxied.toString(),
      timeouts: { connectMs: TIMEOUT_MS, queryMs: TIMEOUT_MS },
    });
  });

  afterAll(async () => {
    await database?.close().catch(() => undefined);
    await proxy?.close();
    await scratch?.drop();
  });

  const selectOne = async () => {
    const result = (await database.db.execute(sql`select 1 as "one"`)) as { rows: { one: number }[] };
    return result.rows[0]?.one;
  };

  it('fails every query within the bound while it hangs, then answers again once it forwards', async () => {
    expect(await selectOne()).toBe(1);

    proxy.hang();
    const started = Date.now();
    // More queries than the pool has connections: the waiting ones must time out too.
    const outcomes = await Promise.allSettled(Array.from({ length: 8 }, selectOne));
    expect(outcomes.map((outcome) => outcome.status)).toEqual(outcomes.map(() => 'rejected'));
    expect(Date.now() - started).toBeLessThan(BOUND_MS);

    proxy.resume();
    // No connection stays stuck: the pool replaced every one that hung.
    expect(await Promise.all(Array.from({ length: 8 }, selectOne))).toEqual(Array.from({ length: 8 }, () => 1));
  }, 20_000);
});
