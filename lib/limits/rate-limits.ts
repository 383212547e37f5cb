import { getEnv } from '@/lib/env';
import { firstConnection, getRedis } from '@/lib/redis';
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import 'server-only';

/** The numbers behind every limit; see the README's table for what each one guards. */
export type LimitSettings = {
  resendCooldownSeconds: number;
  sendsPerPhonePerHour: number;
  sendsPerPhonePerDay: number;
  sendsPerIpPerHour: number;
  sendsPerCountryPerHour: number;
  attemptsPerCode: number;
  wrongCodesPerPhonePerHour: number;
  wrongCodesPerIpPerHour: number;
};

export type Refusal = {
  reason: 'cooldown' | 'phone' | 'ip' | 'country' | 'code_attempts' | 'wrong_codes' | 'store_down';
  retryAfterSeconds: number;
};

/** One code to send: the number, the address asking when known, and the number's calling code. */
export type SendRequest = { phoneNumber: string; ip?: string; callingCode: string };

/**
 * One try of a code: which code (Stytch's phone id is the number's, the same for every code sent to it, so the
 * challenge adds when it was sent), the number, and the address it came from when known.
 */
export type VerifyAttempt = { challengeId: string; phoneNumber: string; ip?: string };

type Outcome = { ok: true; remaining: number } | ({ ok: false } & Refusal);

/**
 * What happens when the shared store (Redis) cannot be reached: `local` counts in this process alone (limits
 * hold per instance, so the total is at most instances × limit); `refuse` turns the request away.
 */
type WhenStoreDown = 'local' | 'refuse';

const HOUR = 3600;
const DAY = 24 * HOUR;
// Waits after the wrong-code limit of a phone is hit, one step longer each time within a day.
const WRONG_CODE_WAITS_SECONDS = [5 * 60, 15 * 60, HOUR, 4 * HOUR, DAY];

class Limit {
  private readonly local: RateLimiterMemory;
  private readonly shared: RateLimiterRedis | null;

  constructor(
    private readonly name: string,
    points: number,
    durationSeconds: number,
    private readonly whenStoreDown: WhenStoreDown,
    private readonly reason: Refusal['reason'],
    private readonly redis: Redis | null,
  ) {
    const options = { keyPrefix: `limit:${name}`, points: Math.max(1, points), duration: durationSeconds };
    this.local = new RateLimiterMemory(options);
    this.shared = redis ? new RateLimiterRedis({ ...options, storeClient: redis, rejectIfRedisNotReady: true }) : null;
  }

  consume(key: string): Promise<Outcome> {
    return this.run((limiter) => limiter.consume(key));
  }

  /** How much is left, without spending any. */
  peek(key: string): Promise<Outcome> {
    return this.run(async (limiter) => {
      const state = await limiter.get(key);
      if (state && state.remainingPoints <= 0) throw state;
      return state ?? new RateLimiterRes(limiter.points);
    });
  }

  /** Refuses the key for `seconds` from now. */
  /** Gives back points spent on something that did not happen. */
  refund(key: string): Promise<Outcome> {
    return this.run((limiter) => limiter.reward(key, 1));
  }

  /** Forgets the key altogether. */
  reset(key: string): Promise<Outcome> {
    return this.run(async (limiter) => {
      await limiter.delete(key);
      return new RateLimiterRes(limiter.points);
    });
  }

  block(key: string, seconds: number): Promise<Outcome> {
    return this.run(async (limiter) => {
      await limiter.block(key, seconds);
      throw new RateLimiterRes(0, seconds * 1000);
    });
  }

  // rate-limiter-flexible resolves within the limit and rejects with a RateLimiterRes past it; any other
  // rejection means the store failed.
  private async run(
    action: (limiter: RateLimiterMemory | RateLimiterRedis) => Promise<RateLimiterRes>,
  ): Promise<Outcome> {
    if (this.redis) await firstConnection(this.redis);
    try {
      return { ok: true, remaining: (await action(this.shared ?? this.local)).remainingPoints };
    } catch (error) {
      if (error instanceof RateLimiterRes) return this.refusal(error);
      logStoreDown(this.name, this.whenStoreDown);
      if (this.whenStoreDown === 'refuse') return { ok: false, reason: 'store_down', retryAfterSeconds: 60 };
      try {
        return { ok: true, remaining: (await action(this.local)).remainingPoints };
      } catch (localError) {
        if (localError instanceof RateLimiterRes) return this.refusal(localError);
        throw localError;
      }
    }
  }

  private refusal(result: RateLimiterRes): Outcome {
    return { ok: false, reason: this.reason, retryAfterSeconds: Math.max(1, Math.ceil(result.msBeforeNext / 1000)) };
  }
}

const lastStoreDownLog = new Map<string, number>();
function logStoreDown(limit: string, whenStoreDown: WhenStoreDown) {
  const now = Date.now();
  if (now - (lastStoreDownLog.get(limit) ?? 0) < 60_000) return;
  lastStoreDownLog.set(limit, now);
  console.error(JSON.stringify({ level: 'error', event: 'rate_limit_store_down', limit, fallback: whenStoreDown }));
}

/** Every limit of the sign-in flow, counted in Redis when one is given (shared by all instances), else in memory. */
export function createRateLimits(settings: LimitSettings, redis: Redis | null = null) {
  const limit = (
    name: string,
    points: number,
    seconds: number,
    whenStoreDown: WhenStoreDown,
    reason: Refusal['reason'],
  ) => new Limit(name, points, seconds, whenStoreDown, reason, redis);
  const cooldown =
    settings.resendCooldownSeconds > 0
      ? limit('send-cooldown', 1, settings.resendCooldownSeconds, 'local', 'cooldown')
      : null;
  const sends = [
    ...(cooldown ? [cooldown] : []),
    limit('send-phone-hour', settings.sendsPerPhonePerHour, HOUR, 'local', 'phone'),
    limit('send-phone-day', settings.sendsPerPhonePerDay, DAY, 'local', 'phone'),
  ];
  const sendsPerIp = limit('send-ip-hour', settings.sendsPerIpPerHour, HOUR, 'local', 'ip');
  // The country budget is the one cap on SMS pumping across every number and address; counting it per instance
  // would multiply it, so without the shared store no code is sent.
  const sendsPerCountry = limit('send-country-hour', settings.sendsPerCountryPerHour, HOUR, 'refuse', 'country');
  const attemptsPerCode = limit('code-attempts', settings.attemptsPerCode, HOUR, 'local', 'code_attempts');
  const wrongPerPhone = limit('wrong-phone-hour', settings.wrongCodesPerPhonePerHour, HOUR, 'local', 'wrong_codes');
  const wrongPerIp = limit('wrong-ip-hour', settings.wrongCodesPerIpPerHour, HOUR, 'local', 'wrong_codes');
  const strikes = limit('wrong-phone-strikes', WRONG_CODE_WAITS_SECONDS.length, DAY, 'local', 'wrong_codes');

  return {
    /** Spends one send from every budget the number, the address and the country have; the first refusal wins. */
    async allowSend(request: SendRequest): Promise<Refusal | null> {
      const checks: Promise<Outcome>[] = sends.map((each) => each.consume(request.phoneNumber));
      if (request.ip) checks.push(sendsPerIp.consume(request.ip));
      checks.push(sendsPerCountry.consume(request.callingCode));
      return firstRefusal(await Promise.all(checks));
    },

    /** Gives back what `allowSend` spent when Stytch did not send the code after all. */
    async refundSend(request: SendRequest): Promise<void> {
      await Promise.all([
        ...sends.map((each) => each.refund(request.phoneNumber)),
        ...(request.ip ? [sendsPerIp.refund(request.ip)] : []),
        sendsPerCountry.refund(request.callingCode),
      ]);
    },

    /** After a verified sign-in the number may ask for a code again at once: the cooldown guards resends. */
    async endCooldown(phoneNumber: string): Promise<void> {
      await cooldown?.reset(phoneNumber);
    },

    /** Whether a code may be tried now: the code has attempts left and neither the number nor the address waits. */
    async allowVerify(request: VerifyAttempt): Promise<Refusal | null> {
      const checks = [attemptsPerCode.peek(request.challengeId), wrongPerPhone.peek(request.phoneNumber)];
      if (request.ip) checks.push(wrongPerIp.peek(request.ip));
      return firstRefusal(await Promise.all(checks));
    },

    /** Counts a wrong code; says how many tries this code has left, or how long the number now has to wait. */
    async recordWrongCode(request: VerifyAttempt): Promise<{ attemptsLeft: number; refusal: Refusal | null }> {
      const [code, phone, address] = await Promise.all([
        attemptsPerCode.consume(request.challengeId),
        wrongPerPhone.consume(request.phoneNumber),
        request.ip ? wrongPerIp.consume(request.ip) : Promise.resolve<Outcome>({ ok: true, remaining: 1 }),
      ]);
      let refusal = firstRefusal([phone, address]);
      if (!phone.ok) {
        const strike = await strikes.consume(request.phoneNumber);
        const step = WRONG_CODE_WAITS_SECONDS.length - (strike.ok ? strike.remaining + 1 : 0);
        const wait = WRONG_CODE_WAITS_SECONDS[Math.min(step, WRONG_CODE_WAITS_SECONDS.length - 1)] ?? DAY;
        refusal = firstRefusal([await wrongPerPhone.block(request.phoneNumber, wait)]);
      }
      const attemptsLeft = code.ok ? code.remaining : 0;
      // The last try spent: the code is done even though this attempt itself was counted.
      const codeSpent: Outcome =
        attemptsLeft > 0 ? code : { ok: false, reason: 'code_attempts', retryAfterSeconds: HOUR };
      return { attemptsLeft, refusal: refusal ?? firstRefusal([codeSpent]) };
    },
  };
}

export type RateLimits = ReturnType<typeof createRateLimits>;

function firstRefusal(outcomes: Outcome[]): Refusal | null {
  const refused = outcomes.find((outcome): outcome is { ok: false } & Refusal => !outcome.ok);
  return refused ? { reason: refused.reason, retryAfterSeconds: refused.retryAfterSeconds } : null;
}

// On globalThis, so the proxy, the pages and the actions (separate module copies) count in one place.
const holder = globalThis as { __rateLimits?: RateLimits };

/** This process's limits, with the configured numbers and store. */
export function getRateLimits(): RateLimits {
  if (holder.__rateLimits) return holder.__rateLimits;
  const env = getEnv();
  holder.__rateLimits = createRateLimits(
    {
      resendCooldownSeconds: env.OTP_RESEND_COOLDOWN_SECONDS,
      sendsPerPhonePerHour: env.SMS_SENDS_PER_PHONE_PER_HOUR,
      sendsPerPhonePerDay: env.SMS_SENDS_PER_PHONE_PER_DAY,
      sendsPerIpPerHour: env.SMS_SENDS_PER_IP_PER_HOUR,
      sendsPerCountryPerHour: env.SMS_SENDS_PER_COUNTRY_PER_HOUR,
      attemptsPerCode: env.CODE_ATTEMPTS_PER_CODE,
      wrongCodesPerPhonePerHour: env.WRONG_CODES_PER_PHONE_PER_HOUR,
      wrongCodesPerIpPerHour: env.WRONG_CODES_PER_IP_PER_HOUR,
    },
    getRedis(),
  );
  return holder.__rateLimits;
}
