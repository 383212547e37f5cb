import { authErrorMessage, type AuthErrorCode, type MessageContext } from '@/lib/auth/errors';

export { authErrorMessage };

/** Exactly the message for `code` with one of `contexts`: a wait shown can tick a unit before the test reads it. */
export function anyAuthErrorMessage(code: AuthErrorCode, contexts: MessageContext[]): RegExp {
  const messages = contexts.map((context) => authErrorMessage(code, context).replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^(?:${messages.join('|')})$`);
}
