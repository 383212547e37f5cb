// What the tests that also run against Redis share: the Redis of REDIS_URL (CI sets it); without it, memory only.
import { connectRedis } from '@/lib/redis';
import type { Redis } from 'ioredis';
import { afterAll } from 'vitest';

export const testRedisUrl = process.env.REDIS_URL?.trim() || undefined;

/** Redis clients for one test file, all closed when its tests end. */
export function redisForThisFile() {
  const clients: Redis[] = [];
  afterAll(() => clients.forEach((client) => client.disconnect()));
  const connect = (url: string) => {
    const client = connectRedis(url);
    clients.push(client);
    return client;
  };
  const url = testRedisUrl;
  const stores: [name: string, store: () => Redis | null][] = [
    ['memory', () => null],
    ...(url ? [['redis', () => connect(url)] as [string, () => Redis]] : []),
  ];
  return {
    /** Where table-driven tests run: in memory, and in the test Redis when there is one. */
    stores,
    /** A new client of the Redis at `url`: for tests that run only with `testRedisUrl`, or that want one down. */
    connect,
  };
}
