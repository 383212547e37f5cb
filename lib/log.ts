import type { AuthError } from '@/lib/auth/errors';
import 'server-only';

/**
 * One structured line per failed sign-in step, with what support needs (Stytch's request id, its error type) and
 * nothing a reader of the logs could misuse: numbers arrive already masked, and codes and tokens are never passed in.
 */
export function logAuthFailure(step: string, error: AuthError, maskedPhone?: string): void {
  const entry = {
    level: error.code === 'invalid_code' || error.code === 'invalid_phone' ? 'info' : 'warn',
    event: 'auth_failure',
    step,
    code: error.code,
    error_type: error.details.errorType,
    stytch_request_id: error.details.requestId,
    status: error.details.status,
    phone: maskedPhone,
  };
  console.log(JSON.stringify(entry));
}
