import { Redis } from 'ioredis';
import { once } from 'node:events';
import { setTimeout } from 'node:timers/promises';
import 'server-only';
import { getEnv } from './env';
import { throttledLog } from './log';
import { processSingleton } from './process';

/**
 * A Redis client that never makes a request wait (ioredis's defaults would hold one for over a minute while Redis is
 * down): no offline queue, one try per command, short timeouts. Each user decides what a failed command means.
 */
export function connectRedis(url: string): Redis {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 1_000,
    commandTimeout: 500,
  });
  redis.on('error', () => throttledLog('redis_unreachable', 60_000, 'error', 'redis_unreachable'));
  return redis;
}

const FIRST_CONNECTION_WAIT_MS = 1_000;

/** A new client is still connecting when the first request arrives; this gives it a moment once, never after. */
export async function firstConnection(redis: Redis): Promise<void> {
  if (redis.status !== 'wait' && redis.status !== 'connecting' && redis.status !== 'connect') return;
  await Promise.race([once(redis, 'ready').catch(() => undefined), setTimeout(FIRST_CONNECTION_WAIT_MS)]);
}

/** This process's Redis client when `REDIS_URL` is set, else null: the rate limits and revocations share it. */
export function getRedis(): Redis | null {
  return processSingleton('redis', () => {
    const url = getEnv().REDIS_URL;
    return url ? connectRedis(url) : null;
  });
}
