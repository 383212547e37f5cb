import { isAuthErrorCode, type AuthErrorCode } from '@/lib/auth/errors';
import { codeProblem, normalizeCode } from '@/lib/fields/code';
import { parsePhone, type MetadataJson } from '@/lib/fields/phone';
import 'server-only';
import { z } from 'zod/mini';

/*
 * What the server actions accept. The rules themselves live in lib/fields, which the forms run in the browser too:
 * both sides share every rule, while zod (13 KB gzipped) stays on the server. An issue carries its AuthErrorCode in
 * `params.code` (its message is the code too: the words are the error table's, in the reader's language).
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
          message: parsed.error,
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

/** The passcode form: six digits, forgiving the spaces and dashes of a copied code and the words of a pasted SMS. */
export const codeFormSchema = z.object({
  code: z.pipe(
    z.string().check(z.maxLength(320)),
    z.transform((input, ctx) => {
      const problem = codeProblem(input);
      if (!problem) return normalizeCode(input);
      ctx.issues.push({ code: 'custom', message: problem, params: { code: problem }, input });
      return z.NEVER;
    }),
  ),
});

/** A device's "Sign out": the Stytch session id it names (whose it is, the action checks). */
export const deviceFormSchema = z.object({ sessionId: z.string().check(z.minLength(1), z.maxLength(128)) });

/** The AuthErrorCode the first issue carries, or `fallback` when the form was not even the right shape. */
export function issueCode(error: z.core.$ZodError, fallback: AuthErrorCode): AuthErrorCode {
  const [issue] = error.issues;
  const code: unknown = issue?.code === 'custom' ? issue.params?.code : undefined;
  return isAuthErrorCode(code) ? code : fallback;
}
