import { getEnv, type Env } from '@/lib/env';
import { processSingleton } from '@/lib/process';
import { getRedis } from '@/lib/redis';
import type { Redis } from 'ioredis';
import 'server-only';
import { Limit, type LimitOutcome, type LimitRule } from './rate-limits';

export type RefusalReason =
  'cooldown' | 'phone' | 'ip' | 'country' | 'proof' | 'code_attempts' | 'wrong_codes' | 'account';

export type Refusal = { reason: RefusalReason | 'store_down'; retryAfterSeconds: number };

/**
 * One code to send: the number, the client asking, the number's calling code; whether this browser signed in to the
 * number before (or is signed in), and whether it solved a proof of work for this send.
 */
export type SendRequest = {
  phoneNumber: string;
  ip?: string;
  callingCode: string;
  signedInBefore?: boolean;
  proofOfWork?: boolean;
};

/** One try of a code: the number (whose live code it tries) and the client it came from. */
export type VerifyAttempt = { phoneNumber: string; ip?: string };

/** One change a signed-in person asks of their account (a device signed out, a number changed), and from where. */
export type AccountAction = { userId: string; ip?: string };

/** A try let through to Stytch, its points already spent: how many the code has left, and whether the number does. */
export type TryReservation = { attemptsLeft: number; numberOutOfTries: boolean };

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
  | 'ACCOUNT_ACTIONS_PER_USER_PER_HOUR'
  | 'ACCOUNT_ACTIONS_PER_IP_PER_HOUR'
>;

/** A limit of the policy: which field of the request it counts, and the rule it counts by. */
type PolicyRule<Request> = LimitRule<RefusalReason> & { keyBy: keyof Request & string; perNumber?: true };
type Counted<Request> = { rule: PolicyRule<Request>; limit: Limit<RefusalReason> };
type Outcome = LimitOutcome<RefusalReason>;

const HOUR = 3600;
const DAY = 24 * HOUR;
// Of the country's budget of unverified sends: past this share a new sender must solve a proof of work...
const COUNTRY_PROOF_SHARE = 0.5;
// ...and this share is kept for browsers that signed in to the number before.
const COUNTRY_RESERVED_SHARE = 0.2;
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
  ];
  // The cap on SMS pumping across every number and address: unverified sends (a sign-in gives its send back), counted
  // in one place (per instance it would multiply). New senders prove work once it runs hot, and never take it all.
  const countryPoints = env.SMS_SENDS_PER_COUNTRY_PER_HOUR;
  const country = {
    rule: {
      name: 'send-country-hour',
      keyBy: 'callingCode',
      points: countryPoints,
      window: HOUR,
      whenStoreDown: 'refuse',
      reason: 'country',
    } satisfies PolicyRule<SendRequest>,
    proofAbove: Math.floor(countryPoints * COUNTRY_PROOF_SHARE),
    newSendersUpTo: countryPoints - Math.floor(countryPoints * COUNTRY_RESERVED_SHARE),
  };
  const wrongCode: Record<'perCode' | 'perClientPhone' | 'perPhone' | 'perIp', PolicyRule<VerifyAttempt>> = {
    // Keyed on the number, started afresh by each send: every cookie and every post shares the one live code's tries.
    perCode: {
      name: 'live-code-attempts',
      keyBy: 'phoneNumber',
      points: env.CODE_ATTEMPTS_PER_CODE,
      window: HOUR,
      whenStoreDown: 'local',
      reason: 'code_attempts',
    },
    perClientPhone: {
      name: 'wrong-client-phone-hour',
      keyBy: 'ip',
      perNumber: true,
      // A code's tries and the right code of the next, but never the number's whole limit: one client cannot lock it.
      points: Math.max(1, Math.min(env.CODE_ATTEMPTS_PER_CODE + 1, env.WRONG_CODES_PER_PHONE_PER_HOUR - 1)),
      window: HOUR,
      whenStoreDown: 'local',
      reason: 'wrong_codes',
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
  // Each signed-in action is a public endpoint: a script holding a session, or many, is slowed like a sender.
  const account: PolicyRule<AccountAction>[] = [
    {
      name: 'account-user-hour',
      keyBy: 'userId',
      points: env.ACCOUNT_ACTIONS_PER_USER_PER_HOUR,
      window: HOUR,
      whenStoreDown: 'local',
      reason: 'account',
    },
    {
      name: 'account-ip-hour',
      keyBy: 'ip',
      points: env.ACCOUNT_ACTIONS_PER_IP_PER_HOUR,
      window: HOUR,
      whenStoreDown: 'local',
      reason: 'account',
    },
  ];
  // A cooldown of 0 seconds means none.
  return { send: send.filter((rule) => rule.window > 0), country, wrongCode, strikes, account };
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
  const country = new Limit(policy.country.rule, redis);
  const perCode = counted(policy.wrongCode.perCode);
  const perClientPhone = counted(policy.wrongCode.perClientPhone);
  const perPhone = counted(policy.wrongCode.perPhone);
  const perIp = counted(policy.wrongCode.perIp);
  const strikes = new Limit(policy.strikes, redis);
  const accountActions = policy.account.map(counted);

  // Runs on each limit whose key the request has (one without a known address skips the per-address limits: null).
  const each = <Request extends object>(
    limits: Counted<Request>[],
    request: Request,
    run: (limit: Limit<RefusalReason>, key: string) => Promise<Outcome>,
  ): Promise<(Outcome | null)[]> =>
    Promise.all(
      limits.map(({ rule, limit }) => {
        const key: unknown = request[rule.keyBy];
        if (typeof key !== 'string') return null;
        const phoneNumber = 'phoneNumber' in request ? String(request.phoneNumber) : '';
        return run(limit, rule.perNumber ? `${key}|${phoneNumber}` : key);
      }),
    );

  // Gives back the points a refused request did spend on its other limits.
  const giveBack = <Request extends { phoneNumber: string }>(
    limits: Counted<Request>[],
    request: Request,
    outcomes: (Outcome | null)[],
  ) =>
    each(
      limits.filter((_, index) => outcomes[index]?.ok),
      request,
      (limit, key) => limit.refund(key),
    );

  // Spends a point of the country's budget: the whole of it for a browser that signed in before, else up to the
  // reserve, and past the proof line only with a proof of work. A refused send's point goes back at once, so a
  // burst of refused sends never eats into the reserve.
  async function spendCountry(request: SendRequest): Promise<Refusal | null> {
    const outcome = await country.consume(request.callingCode);
    const refusal = outcome.ok ? newSenderRefusal(request, outcome) : firstRefusal([outcome]);
    if (refusal && refusal.reason !== 'store_down') await country.refund(request.callingCode);
    return refusal;
  }

  function newSenderRefusal(request: SendRequest, spending: { remaining: number; resetsInSeconds?: number }) {
    if (request.signedInBefore) return null;
    const spent = policy.country.rule.points - spending.remaining;
    const retryAfterSeconds = spending.resetsInSeconds ?? HOUR;
    if (spent > policy.country.newSendersUpTo) return { reason: 'country', retryAfterSeconds } satisfies Refusal;
    if (spent > policy.country.proofAbove && !request.proofOfWork)
      return { reason: 'proof', retryAfterSeconds } satisfies Refusal;
    return null;
  }

  return {
    /**
     * Spends one send from the number's and the client's budgets, then the country's, which only a send they let
     * through may touch; a refused send gives back what it spent.
     */
    async allowSend(request: SendRequest): Promise<Refusal | null> {
      const outcomes = await each(sends, request, (limit, key) => limit.consume(key));
      const refusal = firstRefusal(outcomes) ?? (await spendCountry(request));
      if (refusal) await giveBack(sends, request, outcomes);
      return refusal;
    },

    /** Gives back what `allowSend` spent when Stytch did not send the code after all. */
    async refundSend(request: SendRequest): Promise<void> {
      await Promise.all([each(sends, request, (limit, key) => limit.refund(key)), country.refund(request.callingCode)]);
    },

    /** A verified sign-in: its send was no pumping, so the country's budget of unverified sends gets it back. */
    async recordVerified(callingCode: string): Promise<void> {
      await country.refund(callingCode);
    },

    /** After a verified sign-in the number may ask for a code again at once: the cooldown guards resends. */
    async endCooldown(phoneNumber: string): Promise<void> {
      await cooldown?.limit.reset(phoneNumber);
    },

    /** A new code was sent to the number: its live code starts with all its tries. */
    async startCode(phoneNumber: string): Promise<void> {
      await perCode.limit.reset(phoneNumber);
    },

    /**
     * Spends a try of the live code, of the client and of the number before Stytch is asked, so no race gets more.
     * The client's own caps come first: only a try they let through counts against the number, which therefore
     * needs several clients to run out.
     */
    async reserveTry(attempt: VerifyAttempt): Promise<TryReservation | Refusal> {
      const own = [perCode, perClientPhone, perIp];
      const ownOutcomes = await each(own, attempt, (limit, key) => limit.consume(key));
      const ownRefusal = firstRefusal(ownOutcomes);
      if (ownRefusal) {
        await giveBack(own, attempt, ownOutcomes);
        return ownRefusal;
      }
      const [number] = await each([perPhone], attempt, (limit, key) => limit.consume(key));
      if (number && !number.ok) {
        await giveBack([...own, perPhone], attempt, [...ownOutcomes, number]);
        return firstRefusal([number]) ?? { reason: 'wrong_codes', retryAfterSeconds: HOUR };
      }
      const [code] = ownOutcomes;
      const attemptsLeft = code?.ok ? code.remaining : 0;
      return { attemptsLeft, numberOutOfTries: number?.ok === true && number.remaining === 0 };
    },

    /** Gives back a reserved try that was no wrong code: signed in, or Stytch gave no verdict. */
    async releaseTry(attempt: VerifyAttempt): Promise<void> {
      await each([perCode, perClientPhone, perIp, perPhone], attempt, (limit, key) => limit.refund(key));
    },

    /** A reserved try was a wrong code: says how many tries the code has left, or how long the number now waits. */
    async recordWrongCode(
      attempt: VerifyAttempt,
      reservation: TryReservation,
    ): Promise<{ attemptsLeft: number; refusal: Refusal | null }> {
      const { attemptsLeft } = reservation;
      if (reservation.numberOutOfTries) {
        const strike = await strikes.consume(attempt.phoneNumber);
        const strikeCount = strike.ok ? policy.strikes.points - strike.remaining : policy.strikes.points + 1;
        const wait = await perPhone.limit.block(attempt.phoneNumber, nextWrongCodeWait(strikeCount));
        return { attemptsLeft, refusal: firstRefusal([wait]) };
      }
      // The last try spent: the code is done.
      const codeSpent: Refusal | null =
        attemptsLeft === 0 ? { reason: 'code_attempts', retryAfterSeconds: perCode.rule.window } : null;
      return { attemptsLeft, refusal: codeSpent };
    },

    /** How long the number still waits after too many wrong codes (seconds), or null when it may try. */
    async numberLockedFor(phoneNumber: string): Promise<number | null> {
      const outcome = await perPhone.limit.peek(phoneNumber);
      return outcome.ok || outcome.reason === 'store_down' ? null : outcome.retryAfterSeconds;
    },

    /** Spends one account change of the user and of the address; the first refusal wins. */
    async allowAccountAction(action: AccountAction): Promise<Refusal | null> {
      return firstRefusal(await each(accountActions, action, (limit, key) => limit.consume(key)));
    },

    /** Locks the number for `seconds` (Stytch locked its user), so no browser is sent a code meanwhile. */
    async lockNumber(phoneNumber: string, seconds: number): Promise<void> {
      await perPhone.limit.block(phoneNumber, seconds);
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
