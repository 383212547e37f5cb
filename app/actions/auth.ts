'use server';

import { redirect } from 'next/navigation';
import { AuthError, type AuthErrorCode } from '@/lib/auth-errors';
import { getEnv } from '@/lib/env';
import { fail, type FormState } from '@/lib/form-state';
import { logAuthFailure } from '@/lib/log';
import { safeNextPath } from '@/lib/next-path';
import { maskPhone } from '@/lib/phone';
import { getPhoneRules } from '@/lib/phone-metadata';
import { getRequestInfo } from '@/lib/request-info';
import { codeFormSchema, phoneFormSchema } from '@/lib/schemas';
import { resendAvailableAt } from '@/lib/challenge';
import { clearSession, getChallenge, getSignedIn, saveChallenge, saveSignedIn, type Challenge } from '@/lib/session';
import { getCurrentUser } from '@/lib/dal';
import { recordSignIn, type SignInInput } from '@/lib/db/users';
import { recordSessionRevoked, recordUserRevoked } from '@/lib/revocations';
import { authenticateCode, getLockExpiry, revokeAllSessions, revokeSession, sendSmsCode, toAuthError } from '@/lib/stytch';

export type PhoneFormState = FormState<'phone'>;
export type CodeFormState = FormState<'code'>;

/** Screen 1: sends a passcode to the number and moves on to screen 2. */
export async function sendCode(_previous: PhoneFormState, formData: FormData): Promise<PhoneFormState> {
  const { metadata, allowedCountries } = getPhoneRules();
  const parsed = phoneFormSchema(metadata, allowedCountries).safeParse({
    country: formData.get('country'),
    phone: formData.get('phone'),
    next: formData.get('next') ?? undefined,
  });
  if (!parsed.success) return fail(issueCode(parsed.error.issues, 'invalid_phone'), { field: 'phone' });

  const { phoneNumber, next } = parsed.data;
  const failure = await startChallenge(phoneNumber, safeNextPath(next));
  if (failure) return fail(failure.code, { field: fieldFor(failure.code, 'phone') });
  redirect('/login/verify');
}

/** Screen 2: sends a new code to the number of the pending challenge, once its cooldown is over. */
export async function resendCode(_previous: CodeFormState): Promise<CodeFormState> {
  const challenge = await getChallenge();
  if (!challenge) redirect('/login');

  const waitSeconds = Math.ceil((resendAvailableAt(challenge) - Date.now()) / 1000);
  if (waitSeconds > 0) {
    return fail('resend_too_soon', { message: `Please wait ${waitSeconds} seconds before sending another code.` });
  }
  const failure = await startChallenge(challenge.phoneNumber, challenge.next);
  return failure ? fail(failure.code) : { status: 'sent' };
}

/** Screen 2: checks the passcode, seals the Stytch session into the cookie and goes where the person was headed. */
export async function verifyCode(_previous: CodeFormState, formData: FormData): Promise<CodeFormState> {
  const challenge = await getChallenge();
  if (!challenge) redirect('/login');

  const parsed = codeFormSchema.safeParse({ code: formData.get('code') });
  if (!parsed.success) return fail('invalid_code', { field: 'code' });

  try {
    const { userId, session } = await authenticateCode({
      phoneId: challenge.phoneId,
      code: parsed.data.code,
      sessionDurationMinutes: getEnv().SESSION_DURATION_MINUTES,
    });
    await recordUser({ stytchUserId: userId, phoneId: challenge.phoneId, phoneNumber: challenge.phoneNumber }, session.token);
    await saveSignedIn({ userId, ...session });
  } catch (error) {
    const authError = toAuthError(error);
    logAuthFailure('verify_code', authError, maskPhone(challenge.phoneNumber, getPhoneRules().metadata));
    if (authError.code === 'too_many_attempts') return fail('too_many_attempts', { field: 'code', message: await lockMessage(challenge) });
    return fail(authError.code, { field: fieldFor(authError.code, 'code') });
  }
  redirect(challenge.next ?? '/account');
}

/** Ends this session at Stytch and in this browser; the cookie goes even when Stytch cannot be reached. */
export async function signOut(): Promise<void> {
  const signedIn = await getSignedIn();
  if (signedIn) {
    recordSessionRevoked(signedIn.sessionId);
    await revokeSession(signedIn.token).catch((error: unknown) => logAuthFailure('sign_out', toAuthError(error)));
  }
  await clearSession();
  redirect('/login');
}

/** Ends every session of the signed-in user at Stytch, this one included. */
export async function signOutEverywhere(): Promise<void> {
  const user = await getCurrentUser();
  if (user) {
    recordUserRevoked(user.userId);
    await revokeAllSessions(user.userId).catch((error: unknown) => logAuthFailure('sign_out_everywhere', toAuthError(error)));
  }
  await clearSession();
  redirect('/login');
}

async function startChallenge(phoneNumber: string, next: string | undefined): Promise<AuthError | null> {
  const env = getEnv();
  const { ipAddress, userAgent } = await getRequestInfo();
  try {
    const sent = await sendSmsCode({ phoneNumber, expirationMinutes: env.OTP_EXPIRATION_MINUTES, ipAddress, userAgent });
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
    logAuthFailure('send_code', authError, maskPhone(phoneNumber, getPhoneRules().metadata));
    return authError;
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
    throw new AuthError('unavailable', { errorType: `database${error instanceof Error ? `:${error.name}` : ''}${code}` });
  }
}

async function lockMessage(challenge: Challenge): Promise<string> {
  const until = await getLockExpiry(challenge.userId);
  if (!until) return 'Too many incorrect codes. Try again in an hour.';
  const minutes = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60_000));
  return `Too many incorrect codes. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
}

function issueCode(issues: readonly { message: string }[], fallback: AuthErrorCode): AuthErrorCode {
  const message = issues[0]?.message;
  return message === 'invalid_phone' || message === 'country_not_allowed' || message === 'invalid_code' ? message : fallback;
}

// Errors about what was typed belong to the field; the rest (service down, limits) to the whole form.
function fieldFor<Field extends string>(code: AuthErrorCode, field: Field): Field | undefined {
  return ['invalid_phone', 'country_not_allowed', 'invalid_code', 'too_many_attempts'].includes(code) ? field : undefined;
}
