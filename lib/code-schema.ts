import { z } from 'zod/mini';

export const CODE_LENGTH = 6;

/** The passcode form: six digits, forgiving the spaces and dashes that come with a pasted code. */
export const codeFormSchema = z.object({
  code: z.pipe(
    z.pipe(
      z.string().check(z.maxLength(32)),
      z.transform((code) => code.replace(/[\s-]/g, '')),
    ),
    z.string().check(z.regex(/^\d{6}$/, 'invalid_code')),
  ),
});
