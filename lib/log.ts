// Free of `server-only`: the db:migrate CLI loads the database core, and with it this, under plain Node.
import type { AuthError } from '@/lib/auth/errors';
import { processSingleton } from '@/lib/process';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
type LogFields = Record<string, string | number | boolean | null | undefined>;

/**
 * One structured JSON line: the only way `lib` writes to the console. Callers pass masked numbers only, never a code,
 * a token or a query's text.
 */
export function logEvent(level: LogLevel, event: string, fields: LogFields = {}): void {
  const line = JSON.stringify({ level, event, ...fields });
  if (level === 'error') console.error(line);
  else console.log(line);
}

const lastLogged = processSingleton('log.throttle', () => new Map<string, number>());

/** Like `logEvent`, but at most once per `everyMs` for the same `key`: for outages that fail every request. */
export function throttledLog(key: string, everyMs: number, level: LogLevel, event: string, fields?: LogFields): void {
  const now = Date.now();
  if (now - (lastLogged.get(key) ?? -Infinity) < everyMs) return;
  lastLogged.set(key, now);
  logEvent(level, event, fields);
}

/** One line per failed sign-in step, with what support needs: Stytch's request id and error type, the masked number. */
export function logAuthFailure(step: string, error: AuthError, maskedPhone?: string): void {
  logEvent(error.code === 'invalid_code' || error.code === 'invalid_phone' ? 'info' : 'warn', 'auth_failure', {
    step,
    code: error.code,
    error_type: error.details.errorType,
    stytch_request_id: error.details.requestId,
    status: error.details.status,
    phone: maskedPhone,
  });
}
