import { getEnv } from '@/lib/env';
import 'server-only';

/** A fresh nonce for one response's scripts. */
export function createNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
}

/**
 * Scripts run only with this response's nonce (and what they load, through 'strict-dynamic'); nothing may frame
 * the page or take a form elsewhere. Styles allow inline attributes, which React and Next's route announcer use.
 */
export function contentSecurityPolicy(nonce: string, secure: boolean): string {
  const development = getEnv().NODE_ENV === 'development';
  return [
    "default-src 'self'",
    // React's development build evaluates code for its debugging aids; production never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${development ? ' ws:' : ''}`,
    // The proof-of-work widget (loaded only when the server asks for a proof) runs its hashing in blob workers.
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(secure ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
}
