import { throttledLog } from '@/lib/log';
import { detachedScope } from '@/lib/process';
import { firstConnection } from '@/lib/redis';
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import 'server-only';

/**
 * What happens when the shared store (Redis) cannot be reached: `local` counts in this process alone (limits
 * hold per instance, so the total is at most instances × limit); `refuse` turns the request away.
 */
type WhenStoreDown = 'local' | 'refuse';

/** One limit: at most `points` per key within `window` seconds; a refusal gives `reason`. */
export type LimitRule<Reason extends string> = {
  name: string;
  points: number;
  window: number;
  whenStoreDown: WhenStoreDown;
  reason: Reason;
};

/** `resetsInSeconds`: when the key's window starts afresh, as far as the operation learned it. */
export type LimitOutcome<Reason extends string> =
  | { ok: true; remaining: number; resetsInSeconds?: number }
  | { ok: false; reason: Reason | 'store_down'; retryAfterSeconds: number };

type Store = RateLimiterMemory | RateLimiterRedis;
type Operation<Reason extends string> = (store: Store) => Promise<LimitOutcome<Reason>>;

const STORE_DOWN_RETRY_SECONDS = 60;

/** A limit counted in Redis when one is given (shared by all instances), else in memory; it answers, never throws. */
export class Limit<Reason extends string> {
  private readonly local: RateLimiterMemory;
  private readonly shared: RateLimiterRedis | null;

  constructor(
    private readonly rule: LimitRule<Reason>,
    private readonly redis: Redis | null = null,
  ) {
    const options = { keyPrefix: `limit:${rule.name}`, points: Math.max(1, rule.points), duration: rule.window };
    this.local = new RateLimiterMemory(options);
    this.shared = redis ? new RateLimiterRedis({ ...options, storeClient: redis, rejectIfRedisNotReady: true }) : null;
  }

  /** Spends one point of `key`. */
  consume(key: string): Promise<LimitOutcome<Reason>> {
    return this.run(async (store) => {
      const { remainingPoints, msBeforeNext } = await store.consume(key);
      return { ...this.allowed(remainingPoints), resetsInSeconds: Math.max(1, Math.ceil(msBeforeNext / 1000)) };
    });
  }

  /** How much is left, without spending any. */
  peek(key: string): Promise<LimitOutcome<Reason>> {
    return this.run(async (store) => {
      const state = await store.get(key);
      if (state && state.remainingPoints <= 0) return this.refused(state.msBeforeNext);
      return this.allowed(state?.remainingPoints ?? store.points);
    });
  }

  /** Gives back a point spent on something that did not happen. */
  refund(key: string): Promise<LimitOutcome<Reason>> {
    return this.run(async (store) => this.allowed((await store.reward(key, 1)).remainingPoints));
  }

  /** Forgets the key altogether. */
  reset(key: string): Promise<LimitOutcome<Reason>> {
    return this.run(async (store) => {
      await store.delete(key);
      return this.allowed(store.points);
    });
  }

  /** Refuses the key for `seconds` from now. */
  block(key: string, seconds: number): Promise<LimitOutcome<Reason>> {
    return this.run(async (store) => {
      await store.block(key, seconds);
      return this.refused(seconds * 1000);
    });
  }

  private async run(operation: Operation<Reason>): Promise<LimitOutcome<Reason>> {
    if (this.redis) await firstConnection(this.redis);
    const outcome = await this.settle(operation, this.shared ?? this.local);
    if (outcome) return outcome;
    const { name, whenStoreDown } = this.rule;
    throttledLog(`rate_limit_store_down:${name}`, 60_000, 'error', 'rate_limit_store_down', {
      limit: name,
      fallback: whenStoreDown,
    });
    const fallback = whenStoreDown === 'local' && this.shared ? await this.settle(operation, this.local) : null;
    return fallback ?? { ok: false, reason: 'store_down', retryAfterSeconds: STORE_DOWN_RETRY_SECONDS };
  }

  // Past the limit rate-limiter-flexible rejects with its result; any other rejection (null here) is the store failing.
  private async settle(operation: Operation<Reason>, store: Store): Promise<LimitOutcome<Reason> | null> {
    try {
      // The memory store sets a timer per key for its whole window (up to a day): started in the request, it would
      // keep the request alive as long (lib/process.ts, detachedScope).
      return await (store === this.local ? detachedScope().runInAsyncScope(() => operation(store)) : operation(store));
    } catch (error) {
      return error instanceof RateLimiterRes ? this.refused(error.msBeforeNext) : null;
    }
  }

  private allowed(remaining: number): LimitOutcome<Reason> {
    return { ok: true, remaining };
  }

  private refused(msBeforeNext: number): LimitOutcome<Reason> {
    return { ok: false, reason: this.rule.reason, retryAfterSeconds: Math.max(1, Math.ceil(msBeforeNext / 1000)) };
  }
}
