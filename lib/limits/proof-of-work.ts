import { getEnv } from '@/lib/env';
import { processSingleton } from '@/lib/process';
import { getRedis } from '@/lib/redis';
import { createChallenge, randomInt, verifySolution, type Challenge, type Payload } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import type { Redis } from 'ioredis';
import { createHmac } from 'node:crypto';
import 'server-only';
import { Limit } from './rate-limits';

const ALGORITHM = 'PBKDF2/SHA-256';
// PBKDF2 rounds per guess and the range of guesses: a second or two of a phone's CPU, far more for thousands of sends.
const ROUNDS_PER_GUESS = 1_000;
const GUESSES = { min: 1_000, max: 4_000 };
const VALID_SECONDS = 5 * 60;

/** The ALTCHA challenges a new sender solves when the country's budget runs hot: self-hosted, signed, single use. */
export function createProofOfWork(secret: string, redis: Redis | null = null) {
  // Keys derived from the one secret: the challenge's signature and its key's (ALTCHA's deterministic mode).
  const hmacSignatureSecret = createHmac('sha256', secret).update('altcha-challenge').digest('hex');
  const hmacKeySignatureSecret = createHmac('sha256', secret).update('altcha-key').digest('hex');
  // A solved challenge sends one code: its nonce is spent, in Redis when shared, for as long as it is valid.
  const spent = new Limit(
    { name: 'proof-of-work-spent', points: 1, window: VALID_SECONDS, whenStoreDown: 'refuse', reason: 'proof' },
    redis,
  );

  return {
    /** A fresh challenge for the widget (`GET /login/proof`). */
    challenge(): Promise<Challenge> {
      return createChallenge({
        algorithm: ALGORITHM,
        cost: ROUNDS_PER_GUESS,
        counter: randomInt(GUESSES.max, GUESSES.min),
        deriveKey,
        expiresAt: Math.floor(Date.now() / 1000) + VALID_SECONDS,
        hmacSignatureSecret,
        hmacKeySignatureSecret,
      });
    },

    /** Whether the form's `altcha` field holds a solution of one of our live challenges, not used before. */
    async redeem(field: unknown): Promise<boolean> {
      const payload = parsePayload(field);
      if (!payload) return false;
      const result = await verifySolution({
        challenge: payload.challenge,
        solution: payload.solution,
        deriveKey,
        hmacSignatureSecret,
        hmacKeySignatureSecret,
      }).catch(() => null);
      if (!result?.verified) return false;
      return (await spent.consume(payload.challenge.parameters.nonce)).ok;
    },
  };
}

export type ProofOfWork = ReturnType<typeof createProofOfWork>;

// The widget posts base64 of `{ challenge, solution }`; anything else is no proof.
function parsePayload(field: unknown): Payload | null {
  if (typeof field !== 'string' || field.length > 4096) return null;
  try {
    const payload: unknown = JSON.parse(Buffer.from(field, 'base64').toString('utf8'));
    if (typeof payload !== 'object' || payload === null || !('challenge' in payload) || !('solution' in payload))
      return null;
    const { challenge, solution } = payload as Payload;
    return typeof challenge?.parameters?.nonce === 'string' && typeof solution === 'object' && solution !== null
      ? { challenge, solution }
      : null;
  } catch {
    return null;
  }
}

/** This process's proof of work, keyed by the newest session password, counted in Redis when configured. */
export function getProofOfWork(): ProofOfWork {
  return processSingleton('proof-of-work', () => {
    const passwords = getEnv().SESSION_PASSWORD;
    const newest = Object.keys(passwords).sort((a, b) => Number(b) - Number(a))[0] ?? '1';
    return createProofOfWork(passwords[newest] ?? '', getRedis());
  });
}
