import { isAuthErrorCode, type AuthErrorCode } from '@/lib/auth/errors';
import { isCompleteCode, normalizeCode } from '@/lib/fields/code';
import { INPUT_ERROR_MESSAGES } from '@/lib/fields/messages';
import { parsePhone, type MetadataJson } from '@/lib/fields/phone';
import 'server-only';
import { z } from 'zod/mini';

/*
 * What the server actions accept. The rules themselves live in lib/fields, which the forms run in the browser too:
 * both sides share every rule, while zod (13 KB gzipped) stays on the server. An issue carries its AuthErrorCode in
 * `params.code`, so both sides show the same words.
 */

export function phoneFormSchema(metadata: MetadataJson, allowedCountries: readonly string[]) {
  return z.pipe(
    z.object({
      country: z.string().check(z.maxLength(2)),
      phone: z.string().check(z.maxLength(64)),
      next: z.optional(z.string().check(z.maxLength(512))),
    }),
    z.transform((form, ctx) => {
      const parsed = parsePhone(form.phone, form.country, metadata, allowedCountries);
      if (!parsed.ok) {
        ctx.issues.push({
          code: 'custom',
          message: INPUT_ERROR_MESSAGES[parsed.error],
          params: { code: parsed.error },
          input: form.phone,
          path: ['phone'],
        });
        return z.NEVER;
      }
      return { phoneNumber: parsed.e164, next: form.next };
    }),
  );
}

/** The passcode form: six digits, forgiving the spaces and dashes that come with a pasted code. */
export const codeFormSchema = z.object({
  code: z.pipe(
    z.pipe(z.string().check(z.maxLength(32)), z.transform(normalizeCode)),
    z
      .string()
      .check(
        z.refine(isCompleteCode, { message: INPUT_ERROR_MESSAGES.invalid_code, params: { code: 'invalid_code' } }),
      ),
  ),
});

/** The AuthErrorCode the first issue carries, or `fallback` when the form was not even the right shape. */
export function issueCode(error: z.core.$ZodError, fallback: AuthErrorCode): AuthErrorCode {
  const [issue] = error.issues;
  const code: unknown = issue?.code === 'custom' ? issue.params?.code : undefined;
  return isAuthErrorCode(code) ? code : fallback;
}
