import { isCompleteCode, normalizeCode } from '@/lib/fields/code';
import { parsePhone, type MetadataJson } from '@/lib/fields/phone';
import 'server-only';
import { z } from 'zod/mini';

/*
 * What the server actions accept. The rules themselves live in `./phone-input.ts` and `./code-input.ts`, which the
 * forms run in the browser too: both sides share every rule, while zod (13 KB gzipped) stays on the server.
 * An issue's message is an AuthErrorCode, so both sides show the same words.
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
        ctx.issues.push({ code: 'custom', message: parsed.error, input: form.phone, path: ['phone'] });
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
    z.string().check(z.refine(isCompleteCode, 'invalid_code')),
  ),
});
