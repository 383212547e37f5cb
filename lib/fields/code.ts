import type { FormState } from './form-state';

/** The passcode field's rules, the same in the browser and in the `verifyCode` action. */
export const CODE_LENGTH = 6;

// A whole passcode standing alone in a pasted text, such as "Your code is 180322": no digit of any script touches it.
const CODE_IN_TEXT = new RegExp(`(?<!\\p{Nd})[0-9]{${CODE_LENGTH}}(?!\\p{Nd})`, 'u');

/** What was typed or pasted, without the spaces and dashes of a copied code or the words of a pasted SMS. */
export function normalizeCode(input: string): string {
  const compact = input.replace(/[\s-]/g, '');
  if (/^\d*$/.test(compact)) return compact;
  return CODE_IN_TEXT.exec(input)?.[0] ?? compact;
}

/** Whether `code` (normalized) is a whole passcode: exactly CODE_LENGTH ASCII digits. */
export function isCompleteCode(code: string): boolean {
  return code.length === CODE_LENGTH && /^\d+$/.test(code);
}

/** What is wrong with a typed code before it is sent: too few digits, or not a code at all; null when it may go. */
export function codeProblem(input: string): 'incomplete_code' | 'invalid_code' | null {
  const code = normalizeCode(input);
  if (isCompleteCode(code)) return null;
  return /^\d*$/.test(code) && code.length < CODE_LENGTH ? 'incomplete_code' : 'invalid_code';
}

/** Where the pending code stands, as the server decides it (lib/auth/challenge.ts). */
export type ChallengeStatus = 'active' | 'expired' | 'spent' | 'replaced' | 'interrupted' | 'locked';

/** What the code screen shows of the pending code: the number typed, its status and the server's deadlines. */
export type ChallengeView = {
  status: ChallengeStatus;
  /** The number as typed, in national format: "(201) 555-0123". */
  phone: string;
  expiresAt: number;
  /** When "Send a new code" may be pressed; at or before `serverNow` it may be pressed now. */
  resendAt: number;
  /** Until when the number is locked, when it is. */
  lockedUntil?: number;
  serverNow: number;
};

/** Whether a code in this status can no longer sign in, so only a new one helps. */
export function isDeadCode(status: ChallengeStatus): status is 'expired' | 'spent' | 'replaced' | 'interrupted' {
  return status === 'expired' || status === 'spent' || status === 'replaced' || status === 'interrupted';
}

/** What every code-screen action answers: what became of the step, and the pending code as it now stands. */
export type CodeScreenState = { answer: FormState<'code'>; challenge: ChallengeView };
