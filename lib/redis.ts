import { Redis } from 'ioredis';
import { once } from 'node:events';
import { setTimeout } from 'node:timers/promises';
import 'server-only';
import { getEnv } from './env';

/**
 * A Redis client that never makes a request wait: no offline queue, one try per command, a short connect timeout.
 * ioredis's defaults would hold a request for over a minute while Redis is down. Each user of the client decides
 * what a failed command means and logs it; the connection's own errors are logged here, at most once a minute.
 */
export function connectRedis(url: string): Redis {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 1_000,
    commandTimeout: 500,
  });
  let lastLog = 0;
  redis.on('error', () => {
    const now = Date.now();
    if (now - lastLog < 60_000) return;
    lastLog = now;
    console.error(JSON.stringify({ level: 'error', event: 'redis_unreachable' }));
  });
  return redis;
}

const FIRST_CONNECTION_WAIT_MS = 1_000;

/** A new client is still connecting when the first request arrives; this gives it a moment once, never after. */
export async function firstConnection(redis: Redis): Promise<void> {
  if (redis.status !== 'wait' && redis.status !== 'connecting' && redis.status !== 'connect') return;
  await Promise.race([once(redis, 'ready').catch(() => undefined), setTimeout(FIRST_CONNECTION_WAIT_MS)]);
}

// On globalThis, so the proxy, the pages and the actions (separate module copies) share one connection.
const holder = globalThis as { __redis?: Redis | null };

/** This process's Redis client when `REDIS_URL` is set, else null: the rate limits and revocations share it. */
export function getRedis(): Redis | null {
  if (holder.__redis === undefined) {
    const url = getEnv().REDIS_URL;
    holder.__redis = url ? connectRedis(url) : null;
  }
  return holder.__redis;
}
