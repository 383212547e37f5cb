'use server';

import { challengeView, type Challenge, type SensitiveAction } from '@/lib/auth/challenge';
import { getAccountDeletion } from '@/lib/auth/delete-account';
import { getDeviceSignOut } from '@/lib/auth/devices';
import { failureState, type AuthError } from '@/lib/auth/errors';
import { hasFreshSignIn, startReverification } from '@/lib/auth/reverify';
import { codeFormSchema, deviceFormSchema, issueCode, phoneFormSchema } from '@/lib/auth/schemas';
import { getSignIn } from '@/lib/auth/sign-in';
import type { CodeScreenState } from '@/lib/fields/code';
import type { PhoneFormState } from '@/lib/fields/form-state';
import { safeNextPath } from '@/lib/http/next-path';
import { getRequestInfo } from '@/lib/http/request-info';
import { readerTimeZone } from '@/lib/http/time-zone';
import { chooseLocale } from '@/lib/i18n/choose-locale';
import { getWords, setLocaleCookie } from '@/lib/i18n/request-locale';
import { outsideCountryOf, shortCountryName } from '@/lib/phone/countries';
import { getPhoneRules } from '@/lib/phone/metadata';
import { getChallenge } from '@/lib/session/cookie';
import { setNotice } from '@/lib/session/notice';
import { redirect } from 'next/navigation';

/** Screen 1: sends a passcode to the number and moves on to screen 2 (or switches the screen's language). */
export async function sendCode(_previous: PhoneFormState, formData: FormData): Promise<PhoneFormState> {
  if (formField(formData, 'intent') === 'language') return switchLanguage(formData);
  const parsed = await parsePhoneForm(formData);
  if (!parsed.ok) return parsed.state;
  const started = await getSignIn().startChallenge(parsed.phoneNumber, safeNextPath(parsed.next), {
    reuseLiveCode: true,
    proof: formField(formData, 'altcha'),
  });
  if (!started.ok) return failureState(await getWords(), await withTimeZone(started.error), 'phone');
  redirect('/login/verify');
}

/** The new number's screen: after a fresh sign-in, sends a code to the number that is to replace the account's. */
export async function sendNewNumberCode(_previous: PhoneFormState, formData: FormData): Promise<PhoneFormState> {
  if (formField(formData, 'intent') === 'language') return switchLanguage(formData);
  const parsed = await parsePhoneForm(formData);
  if (!parsed.ok) return parsed.state;
  const allowed = await getSignIn().allowAccountChange();
  if (!allowed) redirect('/login?next=%2Faccount');
  if (!allowed.ok) return failureState(await getWords(), await withTimeZone(allowed.error), 'phone');
  await requireFreshSignIn('change-number');
  const started = await getSignIn().startNumberChange(parsed.phoneNumber);
  if (!started.ok) return failureState(await getWords(), await withTimeZone(started.error), 'phone');
  redirect('/account/phone/verify');
}

// Both phone screens' rules: the allowlist's numbers, and a number of another country refused for its country.
async function parsePhoneForm(
  formData: FormData,
): Promise<{ ok: true; phoneNumber: string; next?: string } | { ok: false; state: PhoneFormState }> {
  const { metadata, allowedCountries } = getPhoneRules();
  const words = await getWords();
  const parsed = phoneFormSchema(metadata, allowedCountries).safeParse({
    country: formField(formData, 'country'),
    phone: formField(formData, 'phone'),
    next: formField(formData, 'next') ?? undefined,
  });
  if (parsed.success) return { ok: true, ...parsed.data };
  // A number valid in a country outside the allowlist is refused for its country, never called invalid.
  const typed = formField(formData, 'phone');
  const outside =
    typeof typed === 'string' && typed.trim() !== ''
      ? outsideCountryOf(typed, (await getRequestInfo()).countryHints, allowedCountries)
      : undefined;
  const failure = outside
    ? { code: 'country_not_allowed' as const, context: { country: shortCountryName(outside, words.locale) } }
    : { code: issueCode(parsed.error, 'invalid_phone') };
  return { ok: false, state: failureState(words, failure, 'phone') };
}

// The switcher inside the phone form: the screen comes back in the language chosen, with the number as typed.
async function switchLanguage(formData: FormData): Promise<PhoneFormState> {
  await chooseLocale(formField(formData, 'locale'));
  const [country, phone] = [formField(formData, 'country'), formField(formData, 'phone')];
  return {
    status: 'language',
    country: typeof country === 'string' ? country.slice(0, 2) : '',
    phone: typeof phone === 'string' ? phone.slice(0, 64) : '',
  };
}

/** The language switcher of the other pages: the same page again, in the language chosen. */
export async function switchPageLanguage(formData: FormData): Promise<void> {
  await chooseLocale(formField(formData, 'locale'));
  redirect(safeNextPath(formField(formData, 'path')) ?? '/');
}

/** The new number's "Keep my number": the change under way is given up, and its new number leaves the account. */
export async function keepNumber(): Promise<void> {
  await getSignIn().abandonNumberChange();
  redirect('/account');
}

/** Screen 2's one action: both of its forms post here, so the newest answer is always the state shown. */
export async function codeScreenAction(previous: CodeScreenState, formData: FormData): Promise<CodeScreenState> {
  const challenge = await getChallenge();
  // A new number's code is an account change: counted as the others are.
  if (challenge?.changesNumber) {
    const allowed = await getSignIn().allowAccountChange();
    if (!allowed) redirect('/login');
    if (!allowed.ok) return answered(allowed.error, challenge);
  }
  return formField(formData, 'intent') === 'resend' ? resendCode(previous) : verifyCode(previous, formData);
}

/** Screen 2: sends a new code to the number of the pending challenge, unless its cooldown or a lock says wait. */
export async function resendCode(_previous: CodeScreenState): Promise<CodeScreenState> {
  const challenge = await getChallenge();
  if (!challenge) redirect('/login');
  // A code to a new number needs the fresh sign-in its first one did.
  if (challenge.changesNumber) await requireFreshSignIn('change-number');

  const started = await getSignIn().startChallenge(challenge.phoneNumber, challenge.next, {
    reverify: challenge.reverify,
    deviceSessionId: challenge.deviceSessionId,
    changesNumber: challenge.changesNumber,
  });
  if (started.ok) return { answer: { status: 'sent' }, challenge: challengeView(started.challenge) };
  return answered(started.error, lockedChallenge(challenge, started.error));
}

/** Screen 2: checks the passcode, seals the Stytch session into the cookie and goes where the person was headed. */
export async function verifyCode(_previous: CodeScreenState, formData: FormData): Promise<CodeScreenState> {
  const challenge = await getChallenge();
  if (!challenge) redirect('/login');

  const parsed = codeFormSchema.safeParse({ code: formField(formData, 'code') });
  if (!parsed.success) {
    const answer = failureState(await getWords(), { code: issueCode(parsed.error, 'invalid_code') }, 'code');
    return { answer, challenge: challengeView(challenge) };
  }

  const verified = await getSignIn().verify(challenge, parsed.data.code);
  if (!verified.ok) return answered(verified.error, verified.challenge ?? challenge, 'code');
  if (verified.savedLocale) await setLocaleCookie(verified.savedLocale);
  if (challenge.changesNumber) {
    await setNotice('number-changed');
    redirect('/account');
  }
  if (challenge.reverify) return SENSITIVE_ACTIONS[challenge.reverify](challenge);
  await setNotice(verified.userCreated ? 'account-created' : 'signed-in');
  redirect(challenge.next ?? '/account');
}

// A refusal's words and the challenge as it now stands: the screen shows one of the two (see CodeScreen).
async function answered(error: AuthError, challenge: Challenge, field?: 'code'): Promise<CodeScreenState> {
  const answer = failureState(await getWords(), await withTimeZone(error), field);
  return { answer, challenge: challengeView(challenge) };
}

// A send refused for a lock shows the lock on the code screen too.
function lockedChallenge(challenge: Challenge, error: AuthError): Challenge {
  const { lockedUntil } = error.context;
  return error.code === 'number_locked' && lockedUntil ? { ...challenge, lockedUntil } : challenge;
}

// A lock's end is said as a clock time in the reader's zone when their browser has told us it.
async function withTimeZone(error: AuthError) {
  return { code: error.code, context: { ...error.context, timeZone: await readerTimeZone() } };
}

/** Ends this session at Stytch and in this browser; the cookie goes even when Stytch cannot be reached. */
export async function signOut(): Promise<void> {
  await getSignIn().signOut();
  await setNotice('signed-out');
  redirect('/login');
}

/** Ends every session of the signed-in user at Stytch, this one included. */
export async function signOutEverywhere(): Promise<void> {
  await getSignIn().signOutEverywhere();
  await setNotice('signed-out');
  redirect('/login');
}

/** Ends one of the signed-in user's other sessions, named by the form; another user's session id ends nothing. */
export async function signOutDevice(formData: FormData): Promise<void> {
  const parsed = deviceFormSchema.safeParse({ sessionId: formField(formData, 'sessionId') });
  await requireAccountChange('/account/devices');
  const sessionId = parsed.success ? parsed.data.sessionId : null;
  if (sessionId) await requireFreshSignIn('sign-out-device', sessionId);
  await endDevice(sessionId);
}

// Ends the device and says how that went; a form that named no session ends nothing.
async function endDevice(sessionId: string | null | undefined): Promise<never> {
  const ended = sessionId ? await getDeviceSignOut().signOutDevice(sessionId) : 'not-found';
  await setNotice(DEVICE_SIGN_OUT_NOTICES[ended]);
  redirect('/account/devices');
}

const DEVICE_SIGN_OUT_NOTICES = {
  ended: 'device-signed-out',
  'not-found': 'device-not-found',
  failed: 'try-again',
} as const;

/** Ends every session of the signed-in user but this browser's, after a fresh sign-in. */
export async function signOutOtherDevices(): Promise<void> {
  await requireAccountChange('/account/devices');
  await requireFreshSignIn('sign-out-other-devices');
  await endOtherDevices();
}

// What signing out other devices does once allowed and fresh; a reverification continues here, counted already.
async function endOtherDevices(): Promise<never> {
  const ended = await getDeviceSignOut().signOutOtherDevices();
  await setNotice(ended ? 'other-devices-signed-out' : 'try-again');
  redirect('/account/devices');
}

/** The account page's "Change number": the new number's screen, after a fresh sign-in. */
export async function changeNumber(): Promise<void> {
  await requireAccountChange();
  await requireFreshSignIn('change-number');
  redirect('/account/phone');
}

/** Deletes the signed-in account, everywhere, after a fresh sign-in, and lands on the sign-in page saying so. */
export async function deleteAccount(): Promise<void> {
  await requireAccountChange('/account/delete');
  await requireFreshSignIn('delete-account');
  await deleteEverything();
}

// What deleting does once allowed and fresh; a reverification continues here, counted already.
async function deleteEverything(): Promise<never> {
  if (!(await getAccountDeletion()())) {
    await setNotice('try-again');
    redirect('/account/delete');
  }
  await setNotice('account-deleted');
  redirect('/login');
}

// What continues once the code proved the sign-in again.
const SENSITIVE_ACTIONS: Record<SensitiveAction, (challenge: Challenge) => Promise<never>> = {
  'change-number': async () => redirect('/account/phone'),
  'sign-out-device': (challenge) => endDevice(challenge.deviceSessionId),
  'delete-account': deleteEverything,
  'sign-out-other-devices': endOtherDevices,
};

// Every account action counts against the user's and the address's budget; past it, the page says to wait.
async function requireAccountChange(page = '/account'): Promise<void> {
  const allowed = await getSignIn().allowAccountChange();
  if (!allowed) redirect(`/login?next=${encodeURIComponent(page)}`);
  if (allowed.ok) return;
  await setNotice('slow-down');
  redirect(page);
}

// Where a sensitive action that could not ask for a code sends the person back to, to try again.
const RETRY_PAGES: Record<SensitiveAction, string> = {
  'change-number': '/account',
  'delete-account': '/account',
  'sign-out-device': '/account/devices',
  'sign-out-other-devices': '/account/devices',
};

// Checked here in the action, whatever page posted: a sign-in older than REVERIFY_MAX_AGE_MINUTES gets a code first.
async function requireFreshSignIn(action: SensitiveAction, deviceSessionId?: string): Promise<void> {
  if (await hasFreshSignIn()) return;
  const started = await startReverification(action, deviceSessionId);
  if (started?.ok) redirect('/account/reverify');
  await setNotice('try-again');
  redirect(started ? RETRY_PAGES[action] : '/login');
}

// An action is a public endpoint: a hand-made request can pass anything, or nothing, where the form data should be.
function formField(formData: unknown, name: string): FormDataEntryValue | null {
  return formData instanceof FormData ? formData.get(name) : null;
}
