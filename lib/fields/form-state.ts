import type { AuthErrorCode } from './messages';

/** What a server action hands back to its form: never the submitted values, never a secret. */
export type FormState<Field extends string = never> =
  { status: 'idle' } | { status: 'sent' } | { status: 'error'; code: AuthErrorCode; message: string; field?: Field };

export const idle: FormState<never> = { status: 'idle' };

/**
 * The phone form's states, and one more: the form came back in another language (its switcher sits inside it), with
 * what the person had typed handed back to them, so that a page without JavaScript keeps the number.
 */
export type PhoneFormState = FormState<'phone'> | { status: 'language'; country: string; phone: string };
