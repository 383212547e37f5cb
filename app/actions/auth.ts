'use server';

import { AuthError, fail, waitPhrase, type AuthErrorCode } from '@/lib/auth/errors';
import { codeFormSchema, phoneFormSchema } from '@/lib/auth/schemas';
import { recordSignIn, type SignInInput } from '@/lib/db/users';
import { getEnv } from '@/lib/env';
import type { FormState } from '@/lib/fields/form-state';
import { safeNextPath } from '@/lib/http/next-path';
import { getRequestInfo } from '@/lib/http/request-info';
import { getRateLimits, type Refusal, type SendRequest, type VerifyAttempt } from '@/lib/limits/rate-limits';
import { logAuthFailure } from '@/lib/log';
import { callingCodeOf, maskPhone } from '@/lib/phone/format';
import { getPhoneRules } from '@/lib/phone/metadata';
import {
  clearSession,
  getChallenge,
  getSignedIn,
  saveChallenge,
  saveSignedIn,
  type Challenge,
} from '@/lib/session/cookie';
import { getCurrentUser } from '@/lib/session/dal';
import { recordSessionRevoked, recordUserRevoked } from '@/lib/session/revocations';
import {
  authenticateCode,
  getLockExpiry,
  revokeAllSessions,
  revokeSession,
  sendSmsCode,
  toAuthError,
} from '@/lib/stytch/client';
import { redirect } from 'next/navigation';

export type PhoneFormState = FormState<'phone'>;
export type CodeFormState = FormState<'code'>;

/** Screen 1: sends a passcode to the number and moves on to screen 2. */
export async function sendCode(_previous: PhoneFormState, formData: FormData): Promise<PhoneFormState> {
  const { metadata, allowedCountries } = getPhoneRules();
  const parsed = phoneFormSchema(metadata, allowedCountries).safeParse({
    country: formField(formData, 'country'),
    phone: formField(formData, 'phone'),
    next: formField(formData, 'next') ?? undefined,
  });
  if (!parsed.success) return fail(issueCode(parsed.error.issues, 'invalid_phone'), { field: 'phone' });

  const { phoneNumber, next } = parsed.data;
  const failure = await startChallenge(phoneNumber, safeNextPath(next));
  if (failure) return failureState(failure, 'phone');
  redirect('/login/verify');
}

/** Screen 2: sends a new code to the number of the pending challenge, once its cooldown is over. */
export async function resendCode(_previous: CodeFormState): Promise<CodeFormState> {
  const challenge = await getChallenge();
  if (!challenge) redirect('/login');

  const failure = await startChallenge(challenge.phoneNumber, challenge.next);
  return failure ? failureState(failure) : { status: 'sent' };
}

/** Screen 2: checks the passcode, seals the Stytch session into the cookie and goes where the person was headed. */
export async function verifyCode(_previous: CodeFormState, formData: FormData): Promise<CodeFormState> {
  const challenge = await getChallenge();
  if (!challenge) redirect('/login');

  const parsed = codeFormSchema.safeParse({ code: formField(formData, 'code') });
  if (!parsed.success) return fail('invalid_code', { field: 'code' });

  const attempt: VerifyAttempt = {
    challengeId: `${challenge.phoneId}@${challenge.sentAt}`,
    phoneNumber: challenge.phoneNumber,
    ip: (await getRequestInfo()).ipAddress,
  };
  try {
    const refusal = await getRateLimits().allowVerify(attempt);
    if (refusal) throw refusalError(refusal);
    const session = await authenticateCode({
      phoneId: challenge.phoneId,
      code: parsed.data.code,
      sessionDurationMinutes: getEnv().SESSION_DURATION_MINUTES,
    });
    await recordUser(
      { stytchUserId: session.userId, phoneId: challenge.phoneId, phoneNumber: challenge.phoneNumber },
      session.token,
    );
    await saveSignedIn(session);
    await getRateLimits().endCooldown(challenge.phoneNumber);
  } catch (error) {
    const authError = await explainVerifyFailure(toAuthError(error), challenge, attempt);
    logAuthFailure('verify_code', authError, maskPhone(challenge.phoneNumber, getPhoneRules().metadata));
    return failureState(authError, 'code');
  }
  redirect(challenge.next ?? '/account');
}

/** Ends this session at Stytch and in this browser; the cookie goes even when Stytch cannot be reached. */
export async function signOut(): Promise<void> {
  const signedIn = await getSignedIn();
  await endSignIn(
    'sign_out',
    signedIn &&
      (async () => {
        await Promise.all([recordSessionRevoked(signedIn.sessionId), revokeSession(signedIn.token)]);
      }),
  );
}

/** Ends every session of the signed-in user at Stytch, this one included. */
export async function signOutEverywhere(): Promise<void> {
  const user = await getCurrentUser();
  await endSignIn(
    'sign_out_everywhere',
    user &&
      (async () => {
        await Promise.all([recordUserRevoked(user.userId), revokeAllSessions(user.userId)]);
      }),
  );
}

// Every instance refuses the ended sessions at once (lib/revocations.ts); Stytch is told too, and a failure there
// is logged, never shown: the cookie goes either way.
async function endSignIn(step: string, revoke: (() => Promise<void>) | null): Promise<never> {
  if (revoke) await revoke().catch((error: unknown) => logAuthFailure(step, toAuthError(error)));
  await clearSession();
  redirect('/login');
}

// Sends a code within the limits and remembers it as this browser's challenge; says why not when it cannot.
async function startChallenge(phoneNumber: string, next: string | undefined): Promise<AuthError | null> {
  const env = getEnv();
  const { metadata } = getPhoneRules();
  const { ipAddress, userAgent } = await getRequestInfo();
  const limits = getRateLimits();
  const sendRequest: SendRequest = { phoneNumber, ip: ipAddress, callingCode: callingCodeOf(phoneNumber, metadata) };
  try {
    const refusal = await limits.allowSend(sendRequest);
    if (refusal) throw refusalError(refusal);
    // A code Stytch did not send costs nothing, so a retry after its failure is not held back.
    const sent = await sendSmsCode({
      phoneNumber,
      expirationMinutes: env.OTP_EXPIRATION_MINUTES,
      ipAddress,
      userAgent,
    }).catch(async (error: unknown) => {
      await limits.refundSend(sendRequest);
      throw error;
    });
    const sentAt = Date.now();
    await saveChallenge({
      ...sent,
      phoneNumber,
      sentAt,
      expiresAt: sentAt + env.OTP_EXPIRATION_MINUTES * 60_000,
      ...(next ? { next } : {}),
    });
    return null;
  } catch (error) {
    const authError = toAuthError(error);
    logAuthFailure('send_code', authError, maskPhone(phoneNumber, metadata));
    return authError;
  }
}

// A wrong code counts against the code, the number and the address; the person learns what is left of each.
async function explainVerifyFailure(error: AuthError, challenge: Challenge, attempt: VerifyAttempt) {
  if (error.code === 'too_many_attempts' && error.details.errorType === 'user_lock_limit_reached') {
    const until = await getLockExpiry(challenge.userId);
    const wait = until ? Math.max(60, Math.ceil((until.getTime() - Date.now()) / 1000)) : 3600;
    return new AuthError(error.code, error.details, `Too many incorrect codes. Try again ${waitPhrase(wait)}.`);
  }
  if (error.code !== 'invalid_code') return error;
  const { attemptsLeft, refusal } = await getRateLimits().recordWrongCode(attempt);
  if (refusal) return refusalError(refusal, error.details);
  return new AuthError(
    error.code,
    error.details,
    `That code isn’t right. ${attemptsLeft} ${attemptsLeft === 1 ? 'try' : 'tries'} left.`,
  );
}

function refusalError(refusal: Refusal, details: AuthError['details'] = {}): AuthError {
  const wait = waitPhrase(refusal.retryAfterSeconds);
  const errorDetails = { ...details, errorType: `limit:${refusal.reason}` };
  switch (refusal.reason) {
    case 'cooldown':
      return new AuthError(
        'resend_too_soon',
        errorDetails,
        `Please wait before sending another code. Try again ${wait}.`,
      );
    case 'code_attempts':
      return new AuthError('code_attempts_used', errorDetails);
    case 'wrong_codes':
      return new AuthError('too_many_attempts', errorDetails, `Too many incorrect codes. Try again ${wait}.`);
    case 'store_down':
      return new AuthError('unavailable', errorDetails);
    default:
      return new AuthError('rate_limited', errorDetails, `Too many codes were requested. Try again ${wait}.`);
  }
}

// The users table links our users to their Stytch ids. Should it fail, the new Stytch session is ended rather than
// left signed in with no row behind it.
async function recordUser(user: SignInInput, sessionToken: string) {
  try {
    await recordSignIn(user);
  } catch (error) {
    await revokeSession(sessionToken).catch(() => undefined);
    // Only the error's name and code: a failed query's text would carry the phone number into the log.
    const code = error instanceof Error && 'code' in error ? `:${String(error.code)}` : '';
    throw new AuthError('unavailable', {
      errorType: `database${error instanceof Error ? `:${error.name}` : ''}${code}`,
    });
  }
}

// An action is a public endpoint: a hand-made request can pass anything, or nothing, where the form data should be.
function formField(formData: unknown, name: string): FormDataEntryValue | null {
  return formData instanceof FormData ? formData.get(name) : null;
}

function failureState<Field extends string>(error: AuthError, field?: Field): FormState<Field> {
  return fail(error.code, { field: field && fieldFor(error.code, field), message: error.userMessage });
}

function issueCode(issues: readonly { message: string }[], fallback: AuthErrorCode): AuthErrorCode {
  const message = issues[0]?.message;
  return message === 'invalid_phone' || message === 'country_not_allowed' || message === 'invalid_code'
    ? message
    : fallback;
}

// Errors about what was typed belong to the field; the rest (service down, limits) to the whole form.
function fieldFor<Field extends string>(code: AuthErrorCode, field: Field): Field | undefined {
  return ['invalid_phone', 'country_not_allowed', 'invalid_code', 'too_many_attempts', 'code_attempts_used'].includes(
    code,
  )
    ? field
    : undefined;
}
