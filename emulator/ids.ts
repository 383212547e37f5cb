import { randomBytes, randomInt, randomUUID } from 'node:crypto';

type IdKind = 'user' | 'phone-number' | 'session' | 'request-id' | 'jwk' | 'message';

/** IDs follow the Test environment's `<kind>-test-<uuid>` shape. */
export function newId(kind: IdKind): string {
  return `${kind}-test-${randomUUID()}`;
}

/** 33 random bytes encode to exactly 44 URL-safe characters, the length of real session tokens. */
export function newSessionToken(): string {
  return randomBytes(33).toString('base64url');
}

export function newOtpCode(): string {
  return randomInt(0, 1_000_000).toString().padStart(6, '0');
}
