import { getEnv, type Env } from '@/lib/env';
import { processSingleton } from '@/lib/process';
import { getRedis } from '@/lib/redis';
import type { Redis } from 'ioredis';
import 'server-only';
import { Limit, type LimitOutcome, type LimitRule } from './rate-limits';

export type RefusalReason = 'cooldown' | 'phone' | 'ip' | 'country' | 'code_attempts' | 'wrong_codes';

export type Refusal = { reason: RefusalReason | 'store_down'; retryAfterSeconds: number };

/** One code to send: the number, the address asking when known, and the number's calling code. */
export type SendRequest = { phoneNumber: string; ip?: string; callingCode: string };

/** One try of a code: which code (see challengeId), the number, and the address it came from when known. */
export type VerifyAttempt = { challengeId: string; phoneNumber: string; ip?: string };

/** The settings the limits read; the README's table says what each one guards. */
export type LimitEnv = Pick<
  Env,
  | 'OTP_RESEND_COOLDOWN_SECONDS'
  | 'SMS_SENDS_PER_PHONE_PER_HOUR'
  | 'SMS_SENDS_PER_PHONE_PER_DAY'
  | 'SMS_SENDS_PER_IP_PER_HOUR'
  | 'SMS_SENDS_PER_COUNTRY_PER_HOUR'
  | 'CODE_ATTEMPTS_PER_CODE'
  | 'WRONG_CODES_PER_PHONE_PER_HOUR'
  | 'WRONG_CODES_PER_IP_PER_HOUR'
>;

/** A limit of the policy: which field of the request it counts, and the rule it counts by. */
type PolicyRule<Request> = LimitRule<RefusalReason> & { keyBy: keyof Request & string };
type Counted<Request> = { rule: PolicyRule<Request>; limit: Limit<RefusalReason> };
type Outcome = LimitOutcome<RefusalReason>;

const HOUR = 3600;
const DAY = 24 * HOUR;
// Waits after the wrong-code limit of a number is hit, one step longer each time within a day.
const WRONG_CODE_WAITS_SECONDS = [5 * 60, 15 * 60, HOUR, 4 * HOUR, DAY];

/** The sign-in flow's limits, as configured: what each counts, how much, how long, and what to do without Redis. */
function signInPolicy(env: LimitEnv) {
  const send: PolicyRule<SendRequest>[] = [
    {
      name: 'send-cooldown',
      keyBy: 'phoneNumber',
      points: 1,
      window: env.OTP_RESEND_COOLDOWN_SECONDS,
      whenStoreDown: 'local',
      reason: 'cooldown',
    },
    {
      name: 'send-phone-hour',
      keyBy: 'phoneNumber',
      points: env.SMS_SENDS_PER_PHONE_PER_HOUR,
      window: HOUR,
      whenStoreDown: 'local',
      reason: 'phone',
    },
    {
      name: 'send-phone-day',
      keyBy: 'phoneNumber',
      points: env.SMS_SENDS_PER_PHONE_PER_DAY,
      window: DAY,
      whenStoreDown: 'local',
      reason: 'phone',
    },
    {
      name: 'send-ip-hour',
      keyBy: 'ip',
      points: env.SMS_SENDS_PER_IP_PER_HOUR,
      window: HOUR,
      whenStoreDown: 'local',
      reason: 'ip',
    },
    {
      // The one cap on SMS pumping across every number and address: counted per instance it would multiply.
      name: 'send-country-hour',
      keyBy: 'callingCode',
      points: env.SMS_SENDS_PER_COUNTRY_PER_HOUR,
      window: HOUR,
      whenStoreDown: 'refuse',
      reason: 'country',
    },
  ];
  const wrongCode: Record<'perCode' | 'perPhone' | 'perIp', PolicyRule<VerifyAttempt>> = {
    perCode: {
      name: 'code-attempts',
      keyBy: 'challengeId',
      points: env.CODE_ATTEMPTS_PER_CODE,
      window: HOUR,
      whenStoreDown: 'local',
      reason: 'code_attempts',
    },
    perPhone: {
      name: 'wrong-phone-hour',
      keyBy: 'phoneNumber',
      points: env.WRONG_CODES_PER_PHONE_PER_HOUR,
      window: HOUR,
      whenStoreDown: 'local',
      reason: 'wrong_codes',
    },
    perIp: {
      name: 'wrong-ip-hour',
      keyBy: 'ip',
      points: env.WRONG_CODES_PER_IP_PER_HOUR,
      window: HOUR,
      whenStoreDown: 'local',
      reason: 'wrong_codes',
    },
  };
  // How often a number went over `wrongCode.perPhone` within a day: each time, it waits longer.
  const strikes: PolicyRule<VerifyAttempt> = {
    name: 'wrong-phone-strikes',
    keyBy: 'phoneNumber',
    points: WRONG_CODE_WAITS_SECONDS.length,
    window: DAY,
    whenStoreDown: 'local',
    reason: 'wrong_codes',
  };
  // A cooldown of 0 seconds means none.
  return { send: send.filter((rule) => rule.window > 0), wrongCode, strikes };
}

/** How long a number waits after its `strikeCount`-th time (from 1) over the wrong-code limit within a day. */
export function nextWrongCodeWait(strikeCount: number): number {
  const step = Math.min(Math.max(strikeCount, 1), WRONG_CODE_WAITS_SECONDS.length) - 1;
  return WRONG_CODE_WAITS_SECONDS[step] ?? DAY;
}

/** Every limit of the sign-in flow, counted in Redis when one is given (shared by all instances), else in memory. */
export function createSignInLimits(env: LimitEnv, redis: Redis | null = null) {
  const policy = signInPolicy(env);
  const counted = <Request>(rule: PolicyRule<Request>): Counted<Request> => ({ rule, limit: new Limit(rule, redis) });
  const sends = policy.send.map(counted);
  const cooldown = sends.find(({ rule }) => rule.reason === 'cooldown');
  const perCode = counted(policy.wrongCode.perCode);
  const perPhone = counted(policy.wrongCode.perPhone);
  const perIp = counted(policy.wrongCode.perIp);
  const strikes = new Limit(policy.strikes, redis);

  // The limits whose key the request has (a request without a known address skips the per-address limits).
  const each = <Request>(
    limits: Counted<Request>[],
    request: Request,
    run: (limit: Limit<RefusalReason>, key: string) => Promise<Outcome>,
  ) =>
    Promise.all(
      limits.flatMap(({ rule, limit }) => {
        const key: unknown = request[rule.keyBy];
        return typeof key === 'string' ? [run(limit, key)] : [];
      }),
    );

  return {
    /** Spends one send from every budget the number, the address and the country have; the first refusal wins. */
    async allowSend(request: SendRequest): Promise<Refusal | null> {
      return firstRefusal(await each(sends, request, (limit, key) => limit.consume(key)));
    },

    /** Gives back what `allowSend` spent when Stytch did not send the code after all. */
    async refundSend(request: SendRequest): Promise<void> {
      await each(sends, request, (limit, key) => limit.refund(key));
    },

    /** After a verified sign-in the number may ask for a code again at once: the cooldown guards resends. */
    async endCooldown(phoneNumber: string): Promise<void> {
      await cooldown?.limit.reset(phoneNumber);
    },

    /** Whether a code may be tried now: the code has attempts left and neither the number nor the address waits. */
    async allowVerify(attempt: VerifyAttempt): Promise<Refusal | null> {
      return firstRefusal(await each([perCode, perPhone, perIp], attempt, (limit, key) => limit.peek(key)));
    },

    /** How long the number still waits after going over the wrong-code limit (seconds), or null when not locked. */
    async numberLockedFor(phoneNumber: string): Promise<number | null> {
      // Its last allowed wrong code spends the budget without locking it: only the try past it (or Stytch) locks.
      const outcome = await perPhone.limit.peekOver(phoneNumber);
      return outcome.ok || outcome.reason === 'store_down' ? null : outcome.retryAfterSeconds;
    },

    /** Locks the number for `seconds` (Stytch locked its user), so no browser is sent a code meanwhile. */
    async lockNumber(phoneNumber: string, seconds: number): Promise<void> {
      await perPhone.limit.block(phoneNumber, seconds);
    },

    /** Counts a wrong code; says how many tries this code has left, or how long the number now has to wait. */
    async recordWrongCode(attempt: VerifyAttempt): Promise<{ attemptsLeft: number; refusal: Refusal | null }> {
      const [code, phone, address] = await Promise.all([
        perCode.limit.consume(attempt.challengeId),
        perPhone.limit.consume(attempt.phoneNumber),
        attempt.ip ? perIp.limit.consume(attempt.ip) : null,
      ]);
      let refusal = firstRefusal([phone, address]);
      if (!phone.ok) {
        const strike = await strikes.consume(attempt.phoneNumber);
        const strikeCount = strike.ok ? policy.strikes.points - strike.remaining : policy.strikes.points + 1;
        refusal = firstRefusal([await perPhone.limit.block(attempt.phoneNumber, nextWrongCodeWait(strikeCount))]);
      }
      // The last try spent: the code is done even though this attempt itself was counted (for a window at most).
      const codeSpent: Refusal | null =
        code.ok && code.remaining === 0
          ? { reason: 'code_attempts', retryAfterSeconds: perCode.rule.window }
          : firstRefusal([code]);
      return { attemptsLeft: code.ok ? code.remaining : 0, refusal: refusal ?? codeSpent };
    },
  };
}

export type SignInLimits = ReturnType<typeof createSignInLimits>;

function firstRefusal(outcomes: (Outcome | null)[]): Refusal | null {
  const refused = outcomes.find((outcome) => outcome?.ok === false);
  return refused && !refused.ok ? { reason: refused.reason, retryAfterSeconds: refused.retryAfterSeconds } : null;
}

/** This process's sign-in limits, with the configured numbers and store. */
export function getSignInLimits(): SignInLimits {
  return processSingleton('sign-in-limits', () => createSignInLimits(getEnv(), getRedis()));
}
