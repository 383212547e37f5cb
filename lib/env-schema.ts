// Free of `server-only`, so that `npm run db:migrate` can read the database keys under plain Node. The app reads
// its configuration through lib/env.ts.
import { isSupportedCountry, type CountryCode } from 'libphonenumber-js';
import { z } from 'zod';

/** The local emulator's credentials (emulator/dev-credentials.ts holds the same pair). Never valid in production. */
export const DEV_DEFAULTS = {
  STYTCH_PROJECT_ID: 'project-test-00000000-0000-4000-8000-000000000000',
  STYTCH_SECRET: 'secret-test-local-emulator-not-for-production',
  STYTCH_API_URL: 'http://127.0.0.1:4010',
  SESSION_PASSWORD: 'development-only-session-password-change-me-0123456789',
} as const;

type Source = Record<string, string | undefined>;

// Blank values count as missing, so `KEY=` in a .env file does not slip through as a value.
const isBlank = (value: unknown) => value === undefined || (typeof value === 'string' && value.trim() === '');
const blankAsMissing = (value: unknown) => (isBlank(value) ? undefined : value);
const text = () => z.preprocess(blankAsMissing, z.string().trim().min(1));
const optional = <Schema extends z.ZodType>(schema: Schema) => z.preprocess(blankAsMissing, schema.optional());
const integer = (min: number, max: number, fallback: number) =>
  z.preprocess(blankAsMissing, z.coerce.number().int().min(min).max(max).default(fallback));
const flag = () => z.preprocess(blankAsMissing, z.stringbool().default(false));

const databaseKeys = {
  DATABASE_URL: optional(z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// connection string' })),
  PGLITE_DATA_DIR: optional(z.string().trim()),
  // A hung PostgreSQL must fail requests within these bounds, not hold the pool's connections for ever.
  DATABASE_CONNECT_TIMEOUT_MS: integer(100, 60_000, 5_000),
  DATABASE_QUERY_TIMEOUT_MS: integer(100, 60_000, 5_000),
  VERCEL: flag(),
  VERCEL_ENV: optional(z.enum(['production', 'preview', 'development'])),
};

// The product's name, read by pages that are rendered at build time too, before the secrets exist.
const brandKeys = { APP_NAME: z.preprocess(blankAsMissing, z.string().trim().max(40).default('Passcode')) };

const envKeys = {
  ...databaseKeys,
  ...brandKeys,
  NODE_ENV: optional(z.enum(['development', 'production', 'test'])),
  STYTCH_PROJECT_ID: text().refine((id) => id.startsWith('project-'), 'must start with "project-"'),
  STYTCH_SECRET: text(),
  STYTCH_API_URL: optional(z.url({ protocol: /^https?$/ })),
  STYTCH_TIMEOUT_MS: integer(500, 60_000, 10_000),
  TERMS_URL: optional(z.url({ protocol: /^https?$/ })),
  PRIVACY_URL: optional(z.url({ protocol: /^https?$/ })),
  SESSION_PASSWORD: text()
    .transform(toPasswordMap)
    .refine(
      (passwords) => Object.values(passwords).every((password) => password.length >= 32),
      'must be at least 32 characters',
    ),
  SMS_ALLOWED_COUNTRIES: z.preprocess(
    blankAsMissing,
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
  // A sensitive change (change number, delete account, sign out a device or the others) asks for a new code past
  // this age of the sign-in.
  REVERIFY_MAX_AGE_MINUTES: integer(1, 1440, 10),
  // Stytch JWTs live 5 minutes; past this age the session is re-checked with Stytch instead of locally.
  SESSION_JWT_MAX_AGE_SECONDS: integer(1, 300, 60),
  // Trust X-Forwarded-For from the operator's own proxy (Vercel's is always trusted).
  TRUST_PROXY_HEADERS: flag(),
  // How many proxies of the operator's append to X-Forwarded-For; the client is the hop before them.
  TRUSTED_PROXY_HOPS: integer(1, 10, 1),
  // The address people reach the app at; https here makes the session cookie Secure (and __Host-).
  APP_ORIGIN: optional(z.url({ protocol: /^https?$/ })),
  // An OTLP/HTTP collector for the abuse counters (lib/telemetry.ts); unset, they are only logged.
  OTEL_EXPORTER_OTLP_ENDPOINT: optional(z.url({ protocol: /^https?$/ })),
  // Abuse limits (lib/limits) and ended sessions (lib/session/revocations.ts) go to Redis when set, shared by every
  // instance.
  REDIS_URL: optional(z.url({ protocol: /^rediss?$/ })),
  SMS_SENDS_PER_PHONE_PER_HOUR: integer(1, 1_000_000, 5),
  SMS_SENDS_PER_PHONE_PER_DAY: integer(1, 1_000_000, 10),
  SMS_SENDS_PER_IP_PER_HOUR: integer(1, 1_000_000, 20),
  SMS_SENDS_PER_COUNTRY_PER_HOUR: integer(1, 1_000_000, 100),
  CODE_ATTEMPTS_PER_CODE: integer(1, 100, 5),
  WRONG_CODES_PER_PHONE_PER_HOUR: integer(1, 1_000_000, 10),
  WRONG_CODES_PER_IP_PER_HOUR: integer(1, 1_000_000, 30),
  // Changes a signed-in person may make in an hour (devices signed out, a number changed, the account deleted).
  ACCOUNT_ACTIONS_PER_USER_PER_HOUR: integer(1, 1_000_000, 20),
  ACCOUNT_ACTIONS_PER_IP_PER_HOUR: integer(1, 1_000_000, 60),
};

type DatabaseKeys = z.infer<z.ZodObject<typeof databaseKeys>>;

// The function filesystem of a Vercel deployment is ephemeral and per instance: no place for the embedded database.
// `vercel dev` and `vercel env pull` set VERCEL=1 with VERCEL_ENV=development on a laptop, where PGlite is fine.
function requireDatabaseOnVercel(env: DatabaseKeys, ctx: z.RefinementCtx) {
  const deployedOnVercel = env.VERCEL && env.VERCEL_ENV !== 'development';
  if (env.DATABASE_URL || !(deployedOnVercel || env.VERCEL_ENV === 'production')) return;
  ctx.addIssue({
    code: 'custom',
    path: ['DATABASE_URL'],
    message:
      'is missing: production on Vercel requires DATABASE_URL (a PostgreSQL connection string), and so do preview ' +
      'deployments, since an embedded PGlite database there would be neither kept nor shared between instances',
  });
}

const databaseSchema = z.object(databaseKeys).superRefine(requireDatabaseOnVercel);
const brandSchema = z.object(brandKeys);

const envSchema = z.object(envKeys).superRefine((env, ctx) => {
  requireDatabaseOnVercel(env, ctx);
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
/** The keys that choose the database: all that `npm run db:migrate` reads. */
export type DatabaseEnv = z.infer<typeof databaseSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Reads the configuration from `source`. In development (`next dev`) anything missing falls back to the local
 * emulator's values; everywhere else only what is given counts. Errors name the keys, never their values.
 */
export function parseEnv(source: Source): Env {
  return parse(envSchema, source.NODE_ENV === 'development' ? fillDevelopmentDefaults(source) : source);
}

/** Reads only the keys that choose the database, with the same rules as `parseEnv`. */
export function parseDatabaseEnv(source: Source): DatabaseEnv {
  return parse(databaseSchema, source);
}

/** Reads only the product's name, which needs no secret, so that pages rendered at build time can show it. */
export function parseBrandEnv(source: Source): z.infer<typeof brandSchema> {
  return parse(brandSchema, source);
}

function parse<Schema extends z.ZodType>(schema: Schema, source: Source): z.infer<Schema> {
  const result = schema.safeParse(source);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const key = String(issue.path[0] ?? 'configuration');
    // A rule of our own words its own message; zod's for a missing key would say what type it expected.
    return issue.code !== 'custom' && isBlank(source[key]) ? `${key} is missing` : `${key} ${issue.message}`;
  });
  throw new ConfigError(
    `Invalid configuration: ${[...new Set(problems)].join('; ')}. See .env.example for what each setting means.`,
  );
}

function fillDevelopmentDefaults(source: Source): Source {
  // A developer who names a real Stytch project gets Stytch itself, not the emulator.
  const usesEmulator = isBlank(source.STYTCH_PROJECT_ID) && isBlank(source.STYTCH_SECRET);
  const defaults: Partial<Record<keyof typeof DEV_DEFAULTS, string>> = usesEmulator
    ? DEV_DEFAULTS
    : { SESSION_PASSWORD: DEV_DEFAULTS.SESSION_PASSWORD };
  const filled = { ...source };
  for (const [key, value] of Object.entries(defaults)) {
    if (isBlank(filled[key])) filled[key] = value;
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
