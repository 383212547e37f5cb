import type { OTPsAuthenticateResponse, OTPsSmsLoginOrCreateResponse, OTPsSmsSendResponse } from 'stytch';
import { z } from 'zod';
import { addMinutes } from './clock';
import type { EmulatorContext } from './context';
import { ApiError, type ErrorType } from './errors';
import { parseWith } from './http';
import { newOtpCode } from './ids';
import { countryOf, hasCallingCode, isE164, SANDBOX_CODE, SANDBOX_PHONE_NUMBER } from './phone';
import { apiRoute, type ApiData, type Route } from './router';
import {
  attributesSchema,
  checkSessionDuration,
  customClaimsSchema,
  findNamedSession,
  mergeCustomClaims,
  recordFactor,
  sessionCredentials,
  smsFactor,
  touchSession,
  type Attributes,
} from './sessions';
import { isSmsLocale, type SmsLocale } from './sms-text';
import type { OtpRecord, PhoneMatch, PhoneRecord, SessionRecord, UserRecord } from './store';
import { userView } from './views';

const DEFAULT_EXPIRATION_MINUTES = 2;
const MAX_EXPIRATION_MINUTES = 10;
/** A phone that sms/send adds to an existing user stays only if it is verified within this time. */
const ATTACH_WINDOW_MINUTES = 5;
const METHOD_ID = /^phone-number-test-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const CODE = /^\d{6}$/;

const sendFields = {
  phone_number: z.string(),
  expiration_minutes: z.int().optional(),
  attributes: attributesSchema.optional(),
  locale: z.string().optional(),
};
const loginOrCreateBody = z.object({ ...sendFields, create_user_as_pending: z.boolean().optional() });
const sendBody = z.object({
  ...sendFields,
  user_id: z.string().optional(),
  session_token: z.string().optional(),
  session_jwt: z.string().optional(),
});
const authenticateBody = z.object({
  method_id: z.string(),
  code: z.string(),
  session_duration_minutes: z.int().optional(),
  session_token: z.string().optional(),
  session_jwt: z.string().optional(),
  session_custom_claims: customClaimsSchema.optional(),
  attributes: attributesSchema.optional(),
  options: z.object({ ip_match_required: z.boolean(), user_agent_match_required: z.boolean() }).optional(),
  telemetry_id: z.string().optional(),
});

export function otpRoutes(ctx: EmulatorContext): Route[] {
  return [
    apiRoute('POST', '/v1/otps/sms/login_or_create', ({ body }) => loginOrCreate(ctx, body)),
    apiRoute('POST', '/v1/otps/sms/send', ({ body }) => send(ctx, body)),
    apiRoute('POST', '/v1/otps/authenticate', ({ body }) => authenticate(ctx, body)),
  ];
}

function loginOrCreate(ctx: EmulatorContext, raw: unknown): ApiData<OTPsSmsLoginOrCreateResponse> {
  const body = parseWith(loginOrCreateBody, raw);
  const text = checkSendRequest(ctx, body);
  const now = ctx.clock.now();
  takeSendAllowance(ctx, body.phone_number, now);
  const existing = ctx.store.findPhoneByNumber(body.phone_number);
  const status = body.create_user_as_pending ? 'pending' : 'active';
  const match = existing ?? ctx.store.createUser(body.phone_number, status, now);
  sendCode(ctx, match.phone, text, now);
  return { user_id: match.user.user_id, phone_id: match.phone.phone_id, user_created: !existing };
}

async function send(ctx: EmulatorContext, raw: unknown): Promise<ApiData<OTPsSmsSendResponse>> {
  const body = parseWith(sendBody, raw);
  const text = checkSendRequest(ctx, body);
  const owner = await findOwner(ctx, body);
  const now = ctx.clock.now();
  const existing = ctx.store.findPhoneByNumber(body.phone_number);
  if (owner && existing && existing.user !== owner) throw new ApiError('duplicate_phone_number');
  // The sandbox number always answers 200 in Stytch's Test environment, so it gets a user on first use.
  if (!owner && !existing && body.phone_number !== SANDBOX_PHONE_NUMBER) throw new ApiError('phone_number_not_found');
  takeSendAllowance(ctx, body.phone_number, now);
  const match = existing ?? addPhone(ctx, owner, body.phone_number, now);
  sendCode(ctx, match.phone, text, now);
  return { user_id: match.user.user_id, phone_id: match.phone.phone_id };
}

async function authenticate(ctx: EmulatorContext, raw: unknown): Promise<ApiData<OTPsAuthenticateResponse>> {
  const body = parseWith(authenticateBody, raw);
  if (!METHOD_ID.test(body.method_id)) throw new ApiError('invalid_method_id');
  if (!CODE.test(body.code)) throw new ApiError('invalid_code');
  checkSessionDuration(body.session_duration_minutes);
  const namedSession = await findNamedSession(ctx, body);
  const match = ctx.store.findPhoneById(body.method_id);
  if (!match) throw new ApiError('phone_number_not_found');
  const { user, phone } = match;
  if (namedSession && namedSession.user_id !== user.user_id) {
    throw new ApiError('bad_request', 'The session belongs to another user.');
  }
  const customClaims = mergeCustomClaims(namedSession?.customClaims ?? {}, body.session_custom_claims);
  if (user.lock) throw new ApiError('user_lock_limit_reached');

  const now = ctx.clock.now();
  const checked = checkCode(ctx, phone, body.code, now);
  if ('failure' in checked) {
    recordFailure(ctx, user, now);
    throw new ApiError(checked.failure);
  }
  if (checked.otp) {
    requireMatchingAttributes(body.options, checked.otp.attributes, body.attributes);
    checked.otp.state = 'used';
    ctx.outbox.markUsed(phone.phone_number, checked.otp.code);
  }
  user.failedAttempts = 0;
  phone.verified = true;
  phone.attachDeadline = undefined;
  if (user.status === 'pending') user.status = 'active';

  let session: SessionRecord | undefined = namedSession;
  if (session) {
    recordFactor(session, smsFactor(phone, now));
    touchSession(session, now, body.session_duration_minutes);
    session.customClaims = customClaims;
  } else if (body.session_duration_minutes !== undefined) {
    session = ctx.store.createSession({
      user_id: user.user_id,
      startedAt: now,
      lastAccessedAt: now,
      expiresAt: addMinutes(now, body.session_duration_minutes),
      attributes: { ip_address: body.attributes?.ip_address ?? '', user_agent: body.attributes?.user_agent ?? '' },
      factors: [smsFactor(phone, now)],
      customClaims,
    });
  }

  return {
    user_id: user.user_id,
    method_id: phone.phone_id,
    user: userView(user),
    reset_sessions: false,
    // Without session_duration_minutes Stytch creates no session: empty credentials and no `session` field.
    ...(session ? await sessionCredentials(ctx, session, now) : { session_token: '', session_jwt: '' }),
  };
}

/** What a send asks of the text: how long its code lives and which language it is in. */
type TextRequest = {
  expirationMinutes: number;
  locale?: SmsLocale;
  /** Where the code was asked from, for authenticate's `options` to match against. */
  attributes?: Attributes;
};

/** Checks shared by both send routes. */
function checkSendRequest(
  ctx: EmulatorContext,
  body: { phone_number: string; expiration_minutes?: number; locale?: string; attributes?: Attributes },
): TextRequest {
  if (!isE164(body.phone_number)) throw new ApiError('invalid_phone_number');
  if (hasCallingCode(body.phone_number, ctx.unsupportedCallingCodes) || !isAllowedCountry(ctx, body.phone_number)) {
    throw new ApiError('invalid_phone_number_country_code');
  }
  const minutes = body.expiration_minutes ?? DEFAULT_EXPIRATION_MINUTES;
  if (minutes < 1 || minutes > MAX_EXPIRATION_MINUTES) throw new ApiError('invalid_expiration_otp');
  // An empty string is Go's unset value, so it asks for the default language (a GUESS, as for session arguments).
  const locale = body.locale === '' ? undefined : body.locale;
  if (locale !== undefined && !isSmsLocale(locale)) throw new ApiError('invalid_locale');
  return { expirationMinutes: minutes, locale, attributes: body.attributes };
}

/** The project's country allowlist; the sandbox number always answers, as in Stytch's Test environment. */
function isAllowedCountry(ctx: EmulatorContext, phoneNumber: string): boolean {
  const allowed = ctx.smsAllowedCountries;
  if (allowed === '*' || phoneNumber === SANDBOX_PHONE_NUMBER) return true;
  const country = countryOf(phoneNumber);
  return country !== undefined && allowed.includes(country);
}

/** The user sms/send should attach the phone to, named by user_id or by one of their sessions. */
async function findOwner(
  ctx: EmulatorContext,
  body: { user_id?: string; session_token?: string; session_jwt?: string },
): Promise<UserRecord | undefined> {
  const session = await findNamedSession(ctx, body);
  if (body.user_id === undefined) return session && ctx.store.getUser(session.user_id);
  if (session) throw new ApiError('bad_request', 'Pass either user_id or a session, not both.');
  const user = ctx.store.getUser(body.user_id);
  if (!user) throw new ApiError('user_not_found');
  return user;
}

function addPhone(ctx: EmulatorContext, owner: UserRecord | undefined, phoneNumber: string, now: Date): PhoneMatch {
  if (!owner) return ctx.store.createUser(phoneNumber, 'active', now);
  return { user: owner, phone: ctx.store.attachPhone(owner, phoneNumber, addMinutes(now, ATTACH_WINDOW_MINUTES)) };
}

function takeSendAllowance(ctx: EmulatorContext, phoneNumber: string, now: Date): void {
  // The sandbox number sends nothing, and test suites lean on it, so it is never rate limited.
  if (phoneNumber === SANDBOX_PHONE_NUMBER) return;
  if (!ctx.store.takeSendAllowance(phoneNumber, now, ctx.limits.smsSendsPerHour)) {
    throw new ApiError('too_many_requests');
  }
}

function sendCode(ctx: EmulatorContext, phone: PhoneRecord, text: TextRequest, now: Date): void {
  if (phone.phone_number === SANDBOX_PHONE_NUMBER) return;
  const code = newOtpCode();
  const expiresAt = addMinutes(now, text.expirationMinutes);
  ctx.store.issueOtp(phone.phone_id, { code, expiresAt, attributes: text.attributes ?? {} });
  ctx.outbox.deliver({ phoneNumber: phone.phone_number, code, locale: text.locale }, now, expiresAt);
}

/** The live code matching `code` (none for the sandbox code), or why there is none: wrong, or stale. */
function checkCode(
  ctx: EmulatorContext,
  phone: PhoneRecord,
  code: string,
  now: Date,
): { otp?: OtpRecord } | { failure: ErrorType } {
  if (phone.phone_number === SANDBOX_PHONE_NUMBER && code === SANDBOX_CODE) return {};
  const otp = ctx.store.findOtp(phone.phone_id, code);
  if (!otp) return { failure: 'otp_code_not_found' };
  if (otp.state !== 'active' || otp.expiresAt <= now) return { failure: 'unable_to_auth_otp_code' };
  return { otp };
}

/**
 * With `options`, the code works only from the IP address or user agent the send recorded. A mismatch, or nothing
 * recorded to match, is attribute_mismatch; it leaves the code usable and the lock count alone (GUESS).
 */
function requireMatchingAttributes(
  options: { ip_match_required: boolean; user_agent_match_required: boolean } | undefined,
  sent: Attributes,
  given: Attributes | undefined,
): void {
  const differs = (key: keyof Attributes) => !sent[key] || sent[key] !== given?.[key];
  if (
    (options?.ip_match_required && differs('ip_address')) ||
    (options?.user_agent_match_required && differs('user_agent'))
  ) {
    throw new ApiError('attribute_mismatch');
  }
}

function recordFailure(ctx: EmulatorContext, user: UserRecord, now: Date): void {
  user.failedAttempts += 1;
  if (user.failedAttempts >= ctx.limits.lockAfterFailures) {
    user.lock = { createdAt: now, expiresAt: addMinutes(now, ctx.limits.lockMinutes) };
  }
}
