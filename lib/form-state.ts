import { AUTH_ERROR_MESSAGES, type AuthErrorCode } from './auth-errors';

/** What a server action hands back to its form: never the submitted values, never a secret. */
export type FormState<Field extends string = never> =
  { status: 'idle' } | { status: 'sent' } | { status: 'error'; code: AuthErrorCode; message: string; field?: Field };

export const idle: FormState<never> = { status: 'idle' };

export function fail<Field extends string = never>(
  code: AuthErrorCode,
  options: { field?: Field; message?: string } = {},
): FormState<Field> {
  const message = options.message ?? AUTH_ERROR_MESSAGES[code];
  return options.field === undefined
    ? { status: 'error', code, message }
    : { status: 'error', code, message, field: options.field };
}
