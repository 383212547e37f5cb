import { z } from 'zod/mini';
import { parsePhone, type MetadataJson } from './phone';

/**
 * The phone form, shared by the browser (react-hook-form) and the `sendCode` action.
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
