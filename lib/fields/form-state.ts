import type { AuthErrorCode } from './messages';

/** What a server action hands back to its form: never the submitted values, never a secret. */
export type FormState<Field extends string = never> =
  { status: 'idle' } | { status: 'sent' } | { status: 'error'; code: AuthErrorCode; message: string; field?: Field };

export const idle: FormState<never> = { status: 'idle' };
