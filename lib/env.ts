import { isSupportedCountry, type CountryCode } from 'libphonenumber-js';
import 'server-only';
import { z } from 'zod';

/** The credentials of the local emulator (emulator/dev-credentials.ts holds the same pair). Never valid in production. */
export const DEV_DEFAULTS = {
  STYTCH_PROJECT_ID: 'project-test-00000000-0000-4000-8000-000000000000',
  STYTCH_SECRET: 'secret-test-local-emulator-not-for-production',
  STYTCH_API_URL: 'http://127.0.0.1:4010',
  SESSION_PASSWORD: 'development-only-session-password-change-me-0123456789',
} as const;

// Empty strings count as missing, so `KEY=` in a .env file does not slip through as a value.
const emptyAsMissing = (value: unknown) => (value === '' ? undefined : value);
const text = () => z.preprocess(emptyAsMissing, z.string().trim().min(1));
const integer = (min: number, max: number, fallback: number) =>
  z.preprocess(emptyAsMissing, z.coerce.number().int().min(min).max(max).default(fallback));

const envSchema = z
  .object({
    STYTCH_PROJECT_ID: text().refine((id) => id.startsWith('project-'), 'must start with "project-"'),
    STYTCH_SECRET: text(),
    STYTCH_API_URL: z.preprocess(emptyAsMissing, z.url({ protocol: /^https?$/ }).optional()),
    STYTCH_TIMEOUT_MS: integer(500, 60_000, 10_000),
    SESSION_PASSWORD: text()
      .transform(toPasswordMap)
      .refine(
        (passwords) => Object.values(passwords).every((password) => password.length >= 32),
        'must be at least 32 characters',
      ),
    SMS_ALLOWED_COUNTRIES: z.preprocess(
      emptyAsMissing,
      z
        .string()
        .default('US,CA')
        .transform((list) =>
          list
            .split(',')
            .map((country) => country.trim().toUpperCase())
            .filter(Boolean),
        )
        .pipe(
          z
            .array(
              z
                .string()
                .refine((country) => isSupportedCountry(country as CountryCode), 'must list two-letter country codes'),
            )
            .min(1),
        ),
    ),
    OTP_EXPIRATION_MINUTES: integer(1, 10, 2),
    OTP_RESEND_COOLDOWN_SECONDS: integer(0, 600, 30),
    SESSION_DURATION_MINUTES: integer(5, 527_040, 60),
    // Stytch JWTs live 5 minutes; past this age the session is re-checked with Stytch instead of locally.
    SESSION_JWT_MAX_AGE_SECONDS: integer(1, 300, 60),
    // Abuse limits (lib/rate-limits.ts) and ended sessions (lib/revocations.ts): in Redis when REDIS_URL is set,
    // so every instance shares them.
    REDIS_URL: z.preprocess(emptyAsMissing, z.url({ protocol: /^rediss?$/ }).optional()),
    SMS_SENDS_PER_PHONE_PER_HOUR: integer(1, 1_000_000, 5),
    SMS_SENDS_PER_PHONE_PER_DAY: integer(1, 1_000_000, 10),
    SMS_SENDS_PER_IP_PER_HOUR: integer(1, 1_000_000, 20),
    SMS_SENDS_PER_COUNTRY_PER_HOUR: integer(1, 1_000_000, 100),
    CODE_ATTEMPTS_PER_CODE: integer(1, 100, 5),
    WRONG_CODES_PER_PHONE_PER_HOUR: integer(1, 1_000_000, 10),
    WRONG_CODES_PER_IP_PER_HOUR: integer(1, 1_000_000, 30),
    VERCEL_ENV: z.string().optional(),
  })
  .superRefine((env, ctx) => {
    if (env.VERCEL_ENV !== 'production') return;
    if (env.STYTCH_API_URL && isLoopback(env.STYTCH_API_URL)) {
      ctx.addIssue({
        code: 'custom',
        path: ['STYTCH_API_URL'],
        message: 'points at the local emulator, which production must not use',
      });
    }
    const developmentValues = {
      STYTCH_SECRET: env.STYTCH_SECRET === DEV_DEFAULTS.STYTCH_SECRET,
      SESSION_PASSWORD: Object.values(env.SESSION_PASSWORD).includes(DEV_DEFAULTS.SESSION_PASSWORD),
    };
    for (const [key, used] of Object.entries(developmentValues)) {
      if (used)
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: 'is the built-in development value, which production must not use',
        });
    }
  });

export type Env = z.infer<typeof envSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Reads the configuration from `source`. In development (`next dev`) anything missing falls back to the local
 * emulator's values; everywhere else only what is given counts. Errors name the keys, never their values.
 */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const withDefaults = source.NODE_ENV === 'development' ? fillDevelopmentDefaults(source) : source;
  const result = envSchema.safeParse(withDefaults);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const key = String(issue.path[0] ?? 'configuration');
    return withDefaults[key] === undefined || withDefaults[key] === ''
      ? `${key} is missing`
      : `${key} ${issue.message}`;
  });
  throw new ConfigError(
    `Invalid configuration: ${[...new Set(problems)].join('; ')}. See .env.example for what each setting means.`,
  );
}

let cached: Env | undefined;

/** The validated configuration of this process, read once. */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

function fillDevelopmentDefaults(source: Record<string, string | undefined>) {
  // A developer who names a real Stytch project gets Stytch itself, not the emulator.
  const usesEmulator = !source.STYTCH_PROJECT_ID && !source.STYTCH_SECRET;
  const defaults: Partial<Record<keyof typeof DEV_DEFAULTS, string>> = usesEmulator
    ? DEV_DEFAULTS
    : { SESSION_PASSWORD: DEV_DEFAULTS.SESSION_PASSWORD };
  const filled = { ...source };
  for (const [key, value] of Object.entries(defaults)) {
    if (!filled[key]) filled[key] = value;
  }
  return filled;
}

/**
 * `SESSION_PASSWORD` is one password, or several as `id:password` pairs separated by commas for rotation
 * ("2:new…,1:old…"): every one unseals, the highest id seals. A lone password has id 1, as iron-session gives it.
 */
function toPasswordMap(value: string): Record<string, string> {
  if (!/^\d+:/.test(value)) return { '1': value };
  return Object.fromEntries(
    value.split(',').map((pair) => {
      const [, id = '', password = ''] = /^\s*(\d+):(.*)$/.exec(pair) ?? [];
      return [id, password.trim()];
    }),
  );
}

function isLoopback(url: string): boolean {
  const host = new URL(url).hostname;
  return host === 'localhost' || host === '[::1]' || /^127\./.test(host);
}
