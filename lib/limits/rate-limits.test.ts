import { redisForThisFile } from '@/test-support/redis';
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { Limit, type LimitRule } from './rate-limits';

const { stores, connect: redisClient } = redisForThisFile();

// Every test counts under a limit name of its own, so runs against a shared Redis never meet.
const rule = (overrides: Partial<LimitRule<'busy'>> = {}): LimitRule<'busy'> => ({
  name: `test-${randomUUID().slice(0, 8)}`,
  points: 2,
  window: 60,
  whenStoreDown: 'local',
  reason: 'busy',
  ...overrides,
});

describe.each(stores)('a limit in %s', (_, store) => {
  it('counts down, then refuses with its reason and the time left', async () => {
    const limit = new Limit(rule(), store());
    expect(await limit.consume('key')).toEqual({ ok: true, remaining: 1, resetsInSeconds: 60 });
    expect(await limit.consume('key')).toEqual({ ok: true, remaining: 0, resetsInSeconds: 60 });
    expect(await limit.consume('key')).toEqual({ ok: false, reason: 'busy', retryAfterSeconds: 60 });
    expect(await limit.consume('other')).toEqual({ ok: true, remaining: 1, resetsInSeconds: 60 });
  });

  it('peeks without spending, and refuses once the key is spent', async () => {
    const limit = new Limit(rule(), store());
    expect(await limit.peek('key')).toEqual({ ok: true, remaining: 2 });
    await limit.consume('key');
    expect(await limit.peek('key')).toEqual({ ok: true, remaining: 1 });
    await limit.consume('key');
    expect(await limit.peek('key')).toMatchObject({ ok: false, reason: 'busy' });
  });

  it('gives a point back on refund, and forgets the key on reset', async () => {
    const limit = new Limit(rule(), store());
    await limit.consume('key');
    await limit.consume('key');
    expect(await limit.refund('key')).toEqual({ ok: true, remaining: 1 });
    await limit.consume('key');
    expect(await limit.reset('key')).toEqual({ ok: true, remaining: 2 });
    expect(await limit.consume('key')).toEqual({ ok: true, remaining: 1, resetsInSeconds: 60 });
  });

  it('blocks a key for the seconds asked, whatever it had left', async () => {
    const limit = new Limit(rule(), store());
    expect(await limit.block('key', 300)).toEqual({ ok: false, reason: 'busy', retryAfterSeconds: 300 });
    expect(await limit.consume('key')).toMatchObject({ ok: false, reason: 'busy' });
  });
});

describe('a limit while Redis is down', () => {
  // Nothing listens on this loopback port: the client fails at once instead of queueing.
  const downRedis = () => redisClient('redis://127.0.0.1:6390');

  it('answers store_down when it must refuse without the shared count', { timeout: 5_000 }, async () => {
    const limit = new Limit(rule({ whenStoreDown: 'refuse' }), downRedis());
    expect(await limit.consume('key')).toEqual({ ok: false, reason: 'store_down', retryAfterSeconds: 60 });
  });

  it('counts in this process when local counting will do', { timeout: 5_000 }, async () => {
    const limit = new Limit(rule(), downRedis());
    expect(await limit.consume('key')).toEqual({ ok: true, remaining: 1, resetsInSeconds: 60 });
    expect(await limit.consume('key')).toEqual({ ok: true, remaining: 0, resetsInSeconds: 60 });
    expect(await limit.consume('key')).toMatchObject({ ok: false, reason: 'busy' });
  });
});

describe('a limit counted in memory', () => {
  it("keeps no request alive: the timers that end its keys' windows start outside the request's context", async () => {
    const request = new AsyncLocalStorage<{ request: string }>();
    const contextsOfTimers: unknown[] = [];
    const setTimer = globalThis.setTimeout;
    const spy = vi.spyOn(globalThis, 'setTimeout').mockImplementation(((...args: Parameters<typeof setTimeout>) => {
      contextsOfTimers.push(request.getStore());
      return setTimer(...args);
    }) as typeof setTimeout);
    try {
      const limit = new Limit(rule());
      await request.run({ request: 'a sign-in' }, async () => {
        await limit.consume('key');
        await limit.block('other', 60);
      });
    } finally {
      spy.mockRestore();
    }
    expect(contextsOfTimers.length).toBeGreaterThanOrEqual(2);
    expect(contextsOfTimers).toEqual(contextsOfTimers.map(() => undefined));
  });
});
