import { isSupportedCountry } from 'libphonenumber-js';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_LIMITS, DEFAULT_SMS_ALLOWED_COUNTRIES, type SmsAllowedCountries } from './context';
import { DEV_PROJECT_ID, DEV_SECRET } from './dev-credentials';
import { DEFAULT_UNSUPPORTED_CALLING_CODES, isCallingCode } from './phone';
import { startEmulator } from './server';

const DEFAULT_PORT = 4010;
const DEFAULT_DATA_DIR = fileURLToPath(new URL('../.data/emulator/', import.meta.url));

/** Reads an optional env var; an empty value counts as unset. */
function env(name: string): string | undefined {
  const value = process.env[name]?.trim();
  return value ? value : undefined;
}

function integerEnv(name: string, fallback: number, min: number): number {
  const raw = env(name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer of at least ${min}.`);
  return value;
}

function callingCodesEnv(name: string): readonly string[] {
  const raw = env(name);
  if (raw === undefined) return DEFAULT_UNSUPPORTED_CALLING_CODES;
  const codes = raw
    .split(',')
    .map((code) => code.trim().replace(/^\+/, ''))
    .filter(Boolean);
  const bad = codes.filter((code) => !isCallingCode(code));
  if (bad.length > 0) throw new Error(`${name} must list calling codes such as "44,33"; got ${bad.join(', ')}.`);
  return codes;
}

function countriesEnv(name: string): SmsAllowedCountries {
  const raw = env(name);
  if (raw === undefined) return DEFAULT_SMS_ALLOWED_COUNTRIES;
  if (raw === '*') return '*';
  const countries = raw
    .split(',')
    .map((country) => country.trim().toUpperCase())
    .filter(Boolean);
  const bad = countries.filter((country) => !isSupportedCountry(country));
  if (bad.length > 0 || countries.length === 0)
    throw new Error(`${name} must be "*" or list countries such as "US,CA,GB"; got ${bad.join(', ')}.`);
  return countries;
}

const port = integerEnv('EMULATOR_PORT', DEFAULT_PORT, 0);
const emulator = await startEmulator({
  port,
  projectId: env('STYTCH_PROJECT_ID') ?? DEV_PROJECT_ID,
  secret: env('STYTCH_SECRET') ?? DEV_SECRET,
  dataDir: resolve(env('EMULATOR_DATA_DIR') ?? DEFAULT_DATA_DIR),
  limits: { smsSendsPerHour: integerEnv('EMULATOR_SMS_SENDS_PER_HOUR', DEFAULT_LIMITS.smsSendsPerHour, 1) },
  unsupportedCallingCodes: callingCodesEnv('EMULATOR_UNSUPPORTED_CALLING_CODES'),
  smsAllowedCountries: countriesEnv('EMULATOR_SMS_ALLOWED_COUNTRIES'),
  appUrl: env('APP_URL'),
}).catch((error: unknown) => {
  if (error instanceof Error && 'code' in error && error.code === 'EADDRINUSE') {
    console.error(`Port ${port} is already in use (another emulator?). Stop it or set EMULATOR_PORT.`);
    process.exit(1);
  }
  throw error;
});
console.log(`Stytch emulator ready: API ${emulator.url}/ (the stytch client's env) · SMS inbox ${emulator.url}/`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    emulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
