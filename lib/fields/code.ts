/** The passcode field's rules, the same in the browser and in the `verifyCode` action. */
export const CODE_LENGTH = 6;

/** What was typed or pasted, without the spaces and dashes that come with a copied code. */
export function normalizeCode(input: string): string {
  return input.replace(/[\s-]/g, '');
}

/** Whether `code` (normalized) is a whole passcode: exactly CODE_LENGTH ASCII digits. */
export function isCompleteCode(code: string): boolean {
  return code.length === CODE_LENGTH && /^\d+$/.test(code);
}
