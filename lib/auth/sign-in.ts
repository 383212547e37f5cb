import {
  challengeId,
  challengeStatus,
  isSignedInChallenge,
  type Challenge,
  type SensitiveAction,
} from '@/lib/auth/challenge';
import { AuthError, type AuthErrorCode } from '@/lib/auth/errors';
import { changePhoneNumber, getUserByStytchId, recordSignIn, type SignInInput } from '@/lib/db/users';
import { getEnv, type Env } from '@/lib/env';
import type { MetadataJson } from '@/lib/fields/phone';
import { getRequestInfo } from '@/lib/http/request-info';
import { isLocale, type Locale } from '@/lib/i18n/locales';
import { getRequestLocale } from '@/lib/i18n/request-locale';
import { getProofOfWork, type ProofOfWork } from '@/lib/limits/proof-of-work';
import {
  getSignInLimits,
  type Refusal,
  type SendRequest,
  type SignInLimits,
  type TryReservation,
  type VerifyAttempt,
} from '@/lib/limits/sign-in-limits';
import { logAuthFailure } from '@/lib/log';
import { callingCodeOf, maskPhone } from '@/lib/phone/format';
import { getPhoneRules } from '@/lib/phone/metadata';
import {
  clearSession,
  getChallenge,
  getSignedIn,
  saveChallenge,
  saveSignedIn,
  sealSignedIn,
} from '@/lib/session/cookie';
import { getCurrentUser } from '@/lib/session/dal';
import { isKnownDevice, sealKnownDevice } from '@/lib/session/known-device';
import {
  beginChallengeStep,
  isChallengeUsed,
  queueRevoke,
  recordChallengeUsed,
  recordSessionRevoked,
  recordUserRevoked,
  type PendingRevoke,
} from '@/lib/session/revocations';
import {
  authenticateCode,
  deletePhoneNumber,
  getLockExpiry,
  isUnverifiedNewNumber,
  revokeAllSessions,
  revokeSession,
  sendSessionSmsCode,
  sendSmsCode,
  toAuthError,
  type StytchSession,
} from '@/lib/stytch/client';
import { telemetry, type Telemetry } from '@/lib/telemetry';
import { randomUUID } from 'node:crypto';
import 'server-only';

/** A refusal; `challenge` is the pending challenge as the failed try left it (a code spent, a number locked). */
type Failure = { ok: false; error: AuthError; challenge?: Challenge };

/** How a step of signing in ended: done, or refused with the error the person is shown. */
export type SignInOutcome = { ok: true } | Failure;

/**
 * How verifying ended: signed in (whether the account is new, and the language the account keeps when this browser
 * had no choice of its own), or refused.
 */
type VerifyOutcome = { ok: true; userCreated: boolean; savedLocale?: Locale } | (Failure & { challenge?: Challenge });
/** How sending ended: the challenge kept (a new code, or the live one reopened), or refused. */
export type StartOutcome = { ok: true; challenge: Challenge } | Failure;

/** What signing in works with; the tests pass fakes, `getSignIn` the real ones. */
export type SignInDeps = {
  stytch: {
    sendSmsCode: typeof sendSmsCode;
    sendSessionSmsCode: typeof sendSessionSmsCode;
    authenticateCode: typeof authenticateCode;
    getLockExpiry: typeof getLockExpiry;
    revokeSession: typeof revokeSession;
    revokeAllSessions: typeof revokeAllSessions;
    deletePhoneNumber: typeof deletePhoneNumber;
    isUnverifiedNewNumber: typeof isUnverifiedNewNumber;
  };
  limits: SignInLimits;
  users: {
    recordSignIn(user: SignInInput): Promise<{ user: { locale: string | null } }>;
    getUserByStytchId(stytchUserId: string): Promise<{ phoneId: string; phoneNumber: string } | null>;
    changePhoneNumber: typeof changePhoneNumber;
  };
  session: {
    getChallenge: typeof getChallenge;
    saveChallenge: typeof saveChallenge;
    saveSignedIn: typeof saveSignedIn;
    sealSignedIn: typeof sealSignedIn;
    getSignedIn: typeof getSignedIn;
    getCurrentUser: typeof getCurrentUser;
    clearSession: typeof clearSession;
    recordSessionRevoked: typeof recordSessionRevoked;
    recordUserRevoked: typeof recordUserRevoked;
    queueRevoke: typeof queueRevoke;
    recordChallengeUsed: typeof recordChallengeUsed;
    isChallengeUsed: typeof isChallengeUsed;
    beginChallengeStep: typeof beginChallengeStep;
    isKnownDevice: typeof isKnownDevice;
    sealKnownDevice: typeof sealKnownDevice;
  };
  proofOfWork: Pick<ProofOfWork, 'redeem'>;
  /** The fraud signals of the request (the address when readable, the browser) and the per-client limits' key. */
  request(): Promise<{ ipAddress?: string; clientKey: string; userAgent?: string }>;
  /** The language of the screens, which the SMS is sent in, and whether the person chose it (or the browser did). */
  language(): Promise<{ locale: Locale; chosen: boolean }>;
  env: Pick<Env, 'OTP_EXPIRATION_MINUTES' | 'SESSION_DURATION_MINUTES' | 'OTP_RESEND_COOLDOWN_SECONDS'>;
  phoneMetadata: MetadataJson;
  now(): number;
  log: typeof logAuthFailure;
  telemetry: Telemetry;
};

const OK: SignInOutcome = { ok: true };
// How long the session of a timed-out verify is looked for: Stytch's answer is late by seconds, not minutes.
const ORPHAN_SEARCH_MS = 5 * 60_000;
const HOUR = 3600;

// What the person is told for each refusal of the limits.
const REFUSAL_CODES: Record<Refusal['reason'], AuthErrorCode> = {
  cooldown: 'resend_too_soon',
  phone: 'rate_limited',
  ip: 'rate_limited',
  country: 'rate_limited',
  proof: 'proof_needed',
  code_attempts: 'code_attempts_used',
  wrong_codes: 'too_many_attempts',
  account: 'account_rate_limited',
  store_down: 'unavailable',
};

/** What kind of code a send is for, beyond signing in: proving the sign-in again, or a new number. */
type SendPurpose = { reverify?: SensitiveAction; deviceSessionId?: string; changesNumber?: true };

/** The sign-in policy: sending a code within the limits, verifying it, and ending sessions. */
export function createSignIn(deps: SignInDeps) {
  const { stytch, limits, session, env } = deps;

  /**
   * Sends a code within the limits and keeps it as this browser's challenge; a code not sent costs nothing. A locked
   * number is sent nothing; with `reuseLiveCode`, a live code this browser already has for the number is kept instead.
   * `proof` is the form's proof of work, asked for when the country's budget runs hot.
   */
  async function startChallenge(
    phoneNumber: string,
    next: string | undefined,
    { reuseLiveCode = false, proof, ...purpose }: { reuseLiveCode?: boolean; proof?: unknown } & SendPurpose = {},
  ): Promise<StartOutcome> {
    const callingCode = callingCodeOf(phoneNumber, deps.phoneMetadata);
    const outcome = await settle<StartOutcome>(async () => {
      const current = await session.getChallenge();
      const ours = current?.phoneNumber === phoneNumber ? current : null;
      // A challenge that signed someone in sends nothing more: not a copy of its cookie, nor a resend racing it.
      if (ours && (await session.isChallengeUsed(challengeId(ours)))) return failure(challengeUsedError());
      const status = ours && challengeStatus(ours, deps.now(), env.OTP_RESEND_COOLDOWN_SECONDS).status;
      if (ours && status === 'active' && reuseLiveCode) {
        const reopened = withNext(ours, next);
        await session.saveChallenge(reopened);
        return { ok: true, challenge: reopened };
      }
      const locked = await lockedUntil(phoneNumber, ours);
      if (locked) return failure(lockedError(locked));
      // A dead code ends the cooldown; the number's hourly and daily caps still count this send.
      if (status && status !== 'active') await limits.endCooldown(phoneNumber);
      const [{ ipAddress, clientKey, userAgent }, { locale }] = await Promise.all([deps.request(), deps.language()]);
      // A signed-in person, or a browser that signed in to this number before, draws on the budget's reserve; a
      // resend needs no new proof, its number's own caps bound it.
      const signedInBefore = isSignedInChallenge(purpose) || (await session.isKnownDevice(phoneNumber));
      const proofOfWork = ours !== null || (proof != null && (await deps.proofOfWork.redeem(proof)));
      const request: SendRequest = { phoneNumber, ip: clientKey, callingCode, signedInBefore, proofOfWork };
      const refusal = await limits.allowSend(request);
      if (refusal) return refused(refusal);
      // A resend waits out a verify of its challenge, which may sign in: no code is sent after that.
      const endStep = ours ? await session.beginChallengeStep(challengeId(ours), 'send') : async () => undefined;
      const blocker = !endStep
        ? new AuthError('resend_too_soon', { errorType: 'challenge_verifying' })
        : ours && (await session.isChallengeUsed(challengeId(ours)))
          ? challengeUsedError()
          : null;
      if (blocker) {
        await endStep?.();
        await limits.refundSend(request);
        return failure(blocker);
      }
      const expirationMinutes = env.OTP_EXPIRATION_MINUTES;
      const sent = await outcomeOf(sendFor(purpose, { phoneNumber, expirationMinutes, locale, ipAddress, userAgent }));
      await endStep?.();
      if (!sent.ok) {
        // A send that timed out may well have gone out: it keeps its cost and the cooldown.
        if (sent.error.code !== 'timeout') await limits.refundSend(request);
        return sent;
      }
      await limits.startCode(phoneNumber);
      const sentAt = deps.now();
      const challenge: Challenge = {
        phoneId: sent.value.phoneId,
        userId: sent.value.userId,
        phoneNumber,
        sentAt,
        expiresAt: sentAt + expirationMinutes * 60_000,
        userCreated: sent.value.userCreated,
        ...(next ? { next } : {}),
        ...(purpose.reverify ? { reverify: purpose.reverify } : {}),
        ...(purpose.deviceSessionId ? { deviceSessionId: purpose.deviceSessionId } : {}),
        ...(purpose.changesNumber ? { changesNumber: true } : {}),
      };
      await session.saveChallenge(challenge);
      deps.telemetry.recordSmsSent({ country: callingCode }, { signedInBefore, proofOfWork });
      return { ok: true, challenge };
    });
    if (!outcome.ok) failed('send_code', outcome.error, phoneNumber);
    return outcome;
  }

  // A signed-in person is sent the code through their session (a new number is attached to them unverified, as
  // Stytch does); anyone else signs in or up.
  async function sendFor(purpose: SendPurpose, request: Parameters<typeof sendSmsCode>[0]) {
    if (!isSignedInChallenge(purpose)) return sendToOwner(request);
    const signedIn = await session.getSignedIn();
    if (!signedIn) throw new AuthError('code_expired', { errorType: 'reverify_signed_out' });
    return stytch.sendSessionSmsCode({ ...request, sessionToken: signedIn.token });
  }

  // Stytch signs a number in to whoever holds it, even unverified: one another account is changing to is taken back
  // from that account, so the number's owner signs into their own and never the changer's.
  async function sendToOwner(request: Parameters<typeof sendSmsCode>[0]) {
    const sent = await stytch.sendSmsCode(request);
    if (
      sent.userCreated ||
      (await deps.users.getUserByStytchId(sent.userId).catch(() => null))?.phoneId === sent.phoneId
    )
      return sent;
    if (!(await stytch.isUnverifiedNewNumber(sent.userId, sent.phoneId))) return sent;
    await stytch.deletePhoneNumber(sent.phoneId);
    return stytch.sendSmsCode(request);
  }

  /** Checks the code within the limits, then records the user, saves the session and ends the send cooldown. */
  async function verify(challenge: Challenge, code: string): Promise<VerifyOutcome> {
    const outcome = await settle<VerifyOutcome>(async () => {
      // A resend of this challenge under way replaces the code: trying it would race the new SMS.
      const endStep = await session.beginChallengeStep(challengeId(challenge), 'verify');
      if (!endStep) return failure(new AuthError('new_code_coming', { errorType: 'challenge_resending' }));
      try {
        return await verifyWithinLimits(challenge, code);
      } finally {
        await endStep();
      }
    });
    if (outcome.ok) return outcome;
    failed('verify_code', outcome.error, challenge.phoneNumber);
    return { ...outcome, challenge: await noteFailure(outcome.challenge ?? challenge, outcome.error) };
  }

  // The code's try, reserved before Stytch is asked; on success, the user recorded and the session saved.
  async function verifyWithinLimits(challenge: Challenge, code: string): Promise<VerifyOutcome> {
    const { phoneId, phoneNumber } = challenge;
    const { clientKey, ipAddress, userAgent } = await deps.request();
    const attempt: VerifyAttempt = { phoneNumber, ip: clientKey };
    const reservation = await limits.reserveTry(attempt);
    if ('reason' in reservation) return refused(reservation);
    const sessionDurationMinutes = env.SESSION_DURATION_MINUTES;
    const attemptId = randomUUID();
    // The device's cookie is sealed while Stytch checks the code (wasted on a wrong one); it is set only with the row.
    const [authenticated, setKnownDevice] = await Promise.all([
      outcomeOf(
        stytch.authenticateCode({
          phoneId,
          code,
          sessionDurationMinutes,
          attemptId,
          ipAddress,
          userAgent,
          ...(isSignedInChallenge(challenge) ? { sessionToken: (await session.getSignedIn())?.token } : {}),
        }),
      ),
      session.sealKnownDevice(phoneNumber),
    ]);
    if (!triedTheCode(authenticated)) await limits.releaseTry(attempt);
    // A verify that timed out may have signed in at Stytch: the session it started there is found and ended.
    if (!authenticated.ok && authenticated.error.code === 'timeout' && !isSignedInChallenge(challenge))
      await session.queueRevoke({ userId: challenge.userId, attemptId, until: deps.now() + ORPHAN_SEARCH_MS });
    if (!authenticated.ok) return recordVerifyFailure(authenticated.error, challenge, attempt, reservation);
    const stytchSession = authenticated.value;
    const language = await deps.language();
    const user = { stytchUserId: stytchSession.userId, phoneId, phoneNumber };
    // The language chosen in this browser is kept for the account; none keeps the account's.
    const chosenLocale = language.chosen ? language.locale : null;
    const country = callingCodeOf(phoneNumber, deps.phoneMetadata);
    // The row is written while the session's cookie seals (a seal waits on the crypto thread pool); the cookies are
    // set only once the row holds. A signed-in challenge's session is the person's own: a failed write must not sign
    // them out.
    const [recorded, setSignedIn] = await Promise.all([
      challenge.changesNumber
        ? moveToNumber(user)
        : recordUser({ ...user, locale: chosenLocale }, isSignedInChallenge(challenge) ? undefined : stytchSession),
      session.sealSignedIn(stytchSession),
      // Stytch has used the code up, whatever the row: the number may ask for a new one at once, and its send was
      // no pumping, so the country's budget gets it back.
      limits.endCooldown(phoneNumber),
      limits.recordVerified(country),
    ]);
    // The challenge stays alive when the row failed: its next code finishes the sign-in.
    if (!recorded.ok) return { ...recorded, challenge: await saveEnded(challenge, 'interrupted') };
    await session.recordChallengeUsed(challengeId(challenge));
    setSignedIn();
    setKnownDevice();
    deps.telemetry.recordVerified({ country });
    // A seal from before the flag has none: not new.
    const userCreated = challenge.userCreated === true;
    const savedLocale = 'savedLocale' in recorded ? recorded.savedLocale : null;
    return isLocale(savedLocale) && !language.chosen
      ? { ok: true, userCreated, savedLocale }
      : { ok: true, userCreated };
  }

  async function saveEnded(challenge: Challenge, ended: NonNullable<Challenge['ended']>): Promise<Challenge> {
    const updated = { ...challenge, ended };
    await session.saveChallenge(updated);
    return updated;
  }

  // One log line and one count per refused step, with the reason and the number's country.
  function failed(step: string, error: AuthError, phoneNumber: string) {
    deps.log(step, error, maskPhone(phoneNumber, deps.phoneMetadata));
    const country = callingCodeOf(phoneNumber, deps.phoneMetadata);
    deps.telemetry.recordRefused({ country, reason: error.details.errorType ?? error.code });
  }

  // What a failed try taught about the code or the number stays with the challenge, for every later screen.
  async function noteFailure(challenge: Challenge, error: AuthError): Promise<Challenge> {
    const now = deps.now();
    const waitSeconds = error.context.waitSeconds ?? HOUR;
    const learned: Partial<Challenge> | null =
      error.code === 'code_attempts_used'
        ? { ended: 'spent' }
        : error.code === 'code_expired' && now < challenge.expiresAt
          ? { ended: 'replaced' }
          : error.code === 'too_many_attempts'
            ? { lockedUntil: now + waitSeconds * 1000 }
            : null;
    if (!learned) return challenge;
    // Stytch's lock holds for the number in every browser: the app's wrong-code limit keeps it too.
    if (error.details.errorType === 'user_lock_limit_reached')
      await limits.lockNumber(challenge.phoneNumber, waitSeconds);
    const updated = { ...challenge, ...learned };
    await session.saveChallenge(updated);
    return updated;
  }

  // Until when the number is locked: as this browser's last try learned, or by the app's wrong-code limit.
  async function lockedUntil(phoneNumber: string, ours: Challenge | null): Promise<number | null> {
    const now = deps.now();
    if (ours?.lockedUntil && ours.lockedUntil > now) return ours.lockedUntil;
    const seconds = await limits.numberLockedFor(phoneNumber);
    return seconds === null ? null : now + seconds * 1000;
  }

  function lockedError(until: number) {
    const waitSeconds = Math.ceil((until - deps.now()) / 1000);
    return new AuthError('number_locked', { errorType: 'limit:locked' }, { lockedUntil: until, waitSeconds });
  }

  // A wrong code counts against the code, the number and the address; the person learns what is left of each.
  async function recordVerifyFailure(
    error: AuthError,
    challenge: Challenge,
    attempt: VerifyAttempt,
    reservation: TryReservation,
  ) {
    if (error.code === 'too_many_attempts' && error.details.errorType === 'user_lock_limit_reached') {
      const until = await stytch.getLockExpiry(challenge.userId);
      const waitSeconds = until ? Math.max(60, Math.ceil((until.getTime() - deps.now()) / 1000)) : HOUR;
      return failure(new AuthError(error.code, error.details, { waitSeconds }));
    }
    if (error.code !== 'invalid_code') return failure(error);
    const { attemptsLeft, refusal } = await limits.recordWrongCode(attempt, reservation);
    if (refusal) return refused(refusal, error.details);
    return failure(new AuthError(error.code, error.details, { triesLeft: attemptsLeft }));
  }

  // The users table links our users to their Stytch ids. Should it fail, the new Stytch session is ended rather than
  // left signed in with no row behind it; when Stytch cannot end it now, it is queued until Stytch does.
  async function recordUser(
    user: SignInInput,
    orphan: StytchSession | undefined,
  ): Promise<{ ok: true; savedLocale: string | null } | Failure> {
    try {
      const { user: recorded } = await deps.users.recordSignIn(user);
      return { ok: true, savedLocale: recorded.locale };
    } catch (error) {
      if (orphan)
        await endAtStytch('revoke_orphan', stytch.revokeSession(orphan.token), { sessionId: orphan.sessionId }).catch(
          () => undefined,
        );
      return failure(new AuthError('unavailable', { errorType: databaseErrorType(error) }));
    }
  }

  // The new number is verified and the user's: the old one leaves Stytch (so it signs no one into this account),
  // then the row. Stytch first: a failure on the way leaves the old phone id in the row, for a new code to finish.
  async function moveToNumber(user: SignInInput): Promise<SignInOutcome> {
    try {
      const previous = await deps.users.getUserByStytchId(user.stytchUserId);
      if (previous && previous.phoneId !== user.phoneId) await stytch.deletePhoneNumber(previous.phoneId);
      await deps.users.changePhoneNumber(user.stytchUserId, user);
      return OK;
    } catch (error) {
      const failed =
        error instanceof AuthError ? error : new AuthError('unavailable', { errorType: databaseErrorType(error) });
      return failure(failed);
    }
  }

  /** Sends a code to `phoneNumber` to become the signed-in user's number; their own number is refused. */
  async function startNumberChange(phoneNumber: string): Promise<StartOutcome> {
    const checked = await settle(async () => {
      const user = await session.getCurrentUser();
      const current = user && (await deps.users.getUserByStytchId(user.userId));
      return current?.phoneNumber === phoneNumber
        ? failure(new AuthError('same_phone', { errorType: 'same_phone' }))
        : OK;
    });
    if (!checked.ok) return checked;
    const pending = await session.getChallenge();
    if (pending?.changesNumber && pending.phoneNumber !== phoneNumber) await dropNewNumber(pending);
    return startChallenge(phoneNumber, undefined, { reuseLiveCode: true, changesNumber: true });
  }

  /** Gives up the number change under way: the new number leaves the account now, not after Stytch's 5 minutes. */
  async function abandonNumberChange(): Promise<void> {
    const pending = await session.getChallenge();
    if (!pending?.changesNumber) return;
    await dropNewNumber(pending);
    const signedIn = await session.getSignedIn();
    if (signedIn) await session.saveSignedIn(signedIn);
  }

  // The new number of a change not finished, unless it has become the account's; a failure is logged, and Stytch drops
  // the number within 5 minutes anyway.
  async function dropNewNumber(pending: Challenge): Promise<void> {
    try {
      const current = await deps.users.getUserByStytchId(pending.userId);
      if (current && current.phoneId !== pending.phoneId) await stytch.deletePhoneNumber(pending.phoneId);
    } catch (error) {
      deps.log('abandon_number_change', toAuthError(error), maskPhone(pending.phoneNumber, deps.phoneMetadata));
    }
  }

  /**
   * Counts one change of the signed-in user's account against their budget and their address's; null when nobody
   * is signed in (the action sends them to sign in).
   */
  async function allowAccountChange(): Promise<SignInOutcome | null> {
    const user = await session.getCurrentUser();
    if (!user) return null;
    const { clientKey } = await deps.request();
    const refusal = await limits.allowAccountAction({ userId: user.userId, ip: clientKey });
    if (!refusal) return OK;
    deps.log('account_action', refused(refusal).error);
    return refused(refusal);
  }

  /** Ends this browser's session at Stytch and here; the cookie goes even when Stytch cannot be reached. */
  async function signOut(): Promise<void> {
    const signedIn = await session.getSignedIn();
    if (signedIn) {
      await session.recordSessionRevoked(signedIn.sessionId);
      await endAtStytch('sign_out', stytch.revokeSession(signedIn.token), { sessionId: signedIn.sessionId });
    }
    await session.clearSession();
  }

  /** Ends every session of the signed-in user at Stytch, this one included. */
  async function signOutEverywhere(): Promise<void> {
    const user = await session.getCurrentUser();
    if (user) {
      await session.recordUserRevoked(user.userId);
      await endAtStytch('sign_out_everywhere', stytch.revokeAllSessions(user.userId), { userId: user.userId });
    }
    await session.clearSession();
  }

  // Every instance refuses the ended sessions at once (lib/session/revocations.ts); Stytch is told too, and a failure
  // there is logged, never shown, and retried until Stytch confirms.
  async function endAtStytch(step: string, ending: Promise<void>, pending: PendingRevoke) {
    try {
      await ending;
    } catch (error) {
      deps.log(step, toAuthError(error));
      await session.queueRevoke(pending);
    }
  }

  return {
    startChallenge,
    startNumberChange,
    abandonNumberChange,
    verify,
    allowAccountChange,
    signOut,
    signOutEverywhere,
  };
}

export type SignIn = ReturnType<typeof createSignIn>;

/** Signing in with the real Stytch, limits, users table, session cookie and clock. */
export function getSignIn(): SignIn {
  return createSignIn({
    stytch: {
      sendSmsCode,
      sendSessionSmsCode,
      authenticateCode,
      getLockExpiry,
      revokeSession,
      revokeAllSessions,
      deletePhoneNumber,
      isUnverifiedNewNumber,
    },
    limits: getSignInLimits(),
    users: { recordSignIn, getUserByStytchId, changePhoneNumber },
    session: {
      getChallenge,
      saveChallenge,
      saveSignedIn,
      sealSignedIn,
      getSignedIn,
      getCurrentUser,
      clearSession,
      recordSessionRevoked,
      recordUserRevoked,
      queueRevoke,
      recordChallengeUsed,
      isChallengeUsed,
      beginChallengeStep,
      isKnownDevice,
      sealKnownDevice,
    },
    proofOfWork: getProofOfWork(),
    request: getRequestInfo,
    language: getRequestLocale,
    env: getEnv(),
    phoneMetadata: getPhoneRules().metadata,
    now: Date.now,
    log: logAuthFailure,
    telemetry,
  });
}

function withNext(challenge: Challenge, next: string | undefined): Challenge {
  const { next: _previous, ...rest } = challenge;
  return next ? { ...rest, next } : rest;
}

// A wrong code, or one Stytch may have checked before the app stopped waiting, keeps its reserved try.
function triedTheCode(outcome: { ok: true } | Failure): boolean {
  return !outcome.ok && (outcome.error.code === 'invalid_code' || outcome.error.code === 'timeout');
}

function challengeUsedError() {
  return new AuthError('code_expired', { errorType: 'challenge_used' });
}

function failure(error: AuthError): Failure {
  return { ok: false, error };
}

// A Stytch call's answer, or what it threw in the app's vocabulary.
async function outcomeOf<Value>(call: Promise<Value>): Promise<{ ok: true; value: Value } | Failure> {
  try {
    return { ok: true, value: await call };
  } catch (error) {
    return failure(toAuthError(error));
  }
}

function refused(refusal: Refusal, details: AuthError['details'] = {}) {
  const errorDetails = { ...details, errorType: `limit:${refusal.reason}` };
  return failure(
    new AuthError(REFUSAL_CODES[refusal.reason], errorDetails, { waitSeconds: refusal.retryAfterSeconds }),
  );
}

// What a step's collaborators throw (a cookie that cannot be written, a store that fails) ends as its failure.
async function settle<Outcome extends { ok: boolean } = SignInOutcome>(
  step: () => Promise<Outcome | Failure>,
): Promise<Outcome | Failure> {
  try {
    return await step();
  } catch (error) {
    return failure(toAuthError(error));
  }
}

// Only the error's name and code: a failed query's text would carry the phone number into the log.
function databaseErrorType(error: unknown): string {
  if (!(error instanceof Error)) return 'database';
  return `database:${error.name}${'code' in error ? `:${String(error.code)}` : ''}`;
}
