import { redisForThisFile } from '@/test-support/redis';
import { solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import { describe, expect, it } from 'vitest';
import { createProofOfWork, type ProofOfWork } from './proof-of-work';

const SECRET = 'a-test-secret-for-the-proof-of-work-0123456789';
const { stores } = redisForThisFile();

// What the widget posts: base64 of the challenge it fetched and the counter it found.
async function solvedField(proofOfWork: ProofOfWork) {
  const challenge = await proofOfWork.challenge();
  const solution = await solveChallenge({ challenge, deriveKey });
  return Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
}

describe.each(stores)('the proof of work, spent in %s', (_, store) => {
  it('takes a solved challenge once', { timeout: 30_000 }, async () => {
    const proofOfWork = createProofOfWork(SECRET, store());
    const field = await solvedField(proofOfWork);
    expect(await proofOfWork.redeem(field)).toBe(true);
    expect(await proofOfWork.redeem(field)).toBe(false);
  });

  it(
    'refuses a solution of another secret’s challenge, a guessed key, and anything that is not a payload',
    { timeout: 30_000 },
    async () => {
      const proofOfWork = createProofOfWork(SECRET, store());
      const foreign = await solvedField(createProofOfWork(`${SECRET}-other`, store()));
      const { challenge, solution } = JSON.parse(Buffer.from(await solvedField(proofOfWork), 'base64').toString()) as {
        challenge: unknown;
        solution: { derivedKey: string };
      };
      const guessed = Buffer.from(
        JSON.stringify({ challenge, solution: { ...solution, derivedKey: '00'.repeat(32) } }),
      ).toString('base64');
      for (const field of [foreign, guessed, '', 'not base64 at all', null, 42, 'e30='])
        expect(await proofOfWork.redeem(field)).toBe(false);
    },
  );
});
