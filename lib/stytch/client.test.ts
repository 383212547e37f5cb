import { SMS_LOCALES } from '@/emulator/sms-text';
import { AuthError } from '@/lib/auth/errors';
import { isLocale, LOCALES, type Locale } from '@/lib/i18n/locales';
import { stytchError } from '@/test-support/stytch';
import fc from 'fast-check';
import { RequestError } from 'stytch';
import { describe, expect, it } from 'vitest';
import { toAuthError, toStytchLocale } from './client';

describe('toAuthError', () => {
  it.each([
    [400, 'invalid_phone_number', 'invalid_phone'],
    [400, 'invalid_phone_number_country_code', 'country_not_allowed'],
    [404, 'otp_code_not_found', 'invalid_code'],
    [400, 'invalid_code', 'invalid_code'],
    [401, 'unable_to_auth_otp_code', 'code_expired'],
    [404, 'phone_number_not_found', 'code_expired'],
    [400, 'invalid_method_id', 'code_expired'],
    [429, 'user_lock_limit_reached', 'too_many_attempts'],
    [429, 'too_many_requests', 'rate_limited'],
    [400, 'duplicate_phone_number', 'phone_taken'],
    [500, 'internal_server_error', 'unavailable'],
    [503, 'service_unavailable', 'unavailable'],
    [400, 'bad_request', 'unknown'],
    [401, 'unauthorized_credentials', 'unknown'],
  ])('maps a %i %s to %s and keeps the request id', (status, errorType, code) => {
    const error = toAuthError(stytchError(status, errorType));
    expect(error).toBeInstanceOf(AuthError);
    expect(error.code).toBe(code);
    expect(error.details).toEqual({ requestId: 'request-id-test-1', errorType: errorType, status });
    expect(error.message).not.toContain('raw Stytch words');
  });

  it('maps a refused connection to unreachable, without the request (which holds the number) in the details', () => {
    const error = toAuthError(
      new RequestError('fetch failed', { method: 'POST', url: '/v1/otps', data: { phone_number: '+12015550123' } }),
    );
    expect(error.code).toBe('unreachable');
    expect(JSON.stringify(error.details)).not.toContain('+1201');
  });

  it('maps a response that is not JSON to unavailable', () => {
    expect(
      toAuthError(new RequestError('Unable to parse JSON response from server: <html>', { method: 'POST', url: '/' }))
        .code,
    ).toBe('unavailable');
  });

  it('keeps an AuthError as it is and makes anything else unknown', () => {
    const timeout = new AuthError('timeout');
    expect(toAuthError(timeout)).toBe(timeout);
    expect(toAuthError(new TypeError('boom')).code).toBe('unknown');
  });
});

describe('toStytchLocale', () => {
  it('gives Stytch, for each language of the screens, an SMS locale it accepts', () => {
    for (const locale of LOCALES) expect(SMS_LOCALES).toContain(toStytchLocale(locale));
    expect(new Set(LOCALES.map(toStytchLocale)).size).toBe(LOCALES.length);
  });

  it('gives Stytch English for anything forged past the types, never the value itself', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.constantFrom('__proto__', 'toString', 'constructor', 'pt-BR')), (value) => {
        const sent = toStytchLocale(value as Locale);
        expect(SMS_LOCALES).toContain(sent);
        if (!isLocale(value)) expect(sent).toBe('en');
      }),
    );
  });
});
