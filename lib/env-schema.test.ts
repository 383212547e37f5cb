import { DEV_PROJECT_ID, DEV_SECRET } from '@/emulator/dev-credentials';
import { sealData, unsealData } from 'iron-session';
import { describe, expect, it } from 'vitest';
import { DEV_DEFAULTS, parseBrandEnv, parseDatabaseEnv, parseEnv } from './env-schema';

const VERCEL_GUARD = /DATABASE_URL is missing: production on Vercel requires DATABASE_URL/;

const valid = {
  NODE_ENV: 'production',
  STYTCH_PROJECT_ID: 'project-test-abc',
  STYTCH_SECRET: 'secret-test-abc',
  SESSION_PASSWORD: 'x'.repeat(32),
};

describe('parseEnv', () => {
  it('applies the documented defaults', () => {
    const env = parseEnv(valid);
    expect(env.STYTCH_API_URL).toBeUndefined();
    expect(env).toMatchObject({
      SMS_ALLOWED_COUNTRIES: ['US', 'CA'],
      OTP_EXPIRATION_MINUTES: 2,
      OTP_RESEND_COOLDOWN_SECONDS: 30,
      SESSION_DURATION_MINUTES: 60,
      STYTCH_TIMEOUT_MS: 10_000,
    });
  });

  it('names every missing key and no value', () => {
    expect(() => parseEnv({ NODE_ENV: 'production', SESSION_PASSWORD: 'short-secret-value' })).toThrow(
      /^Invalid configuration: STYTCH_PROJECT_ID is missing; STYTCH_SECRET is missing; SESSION_PASSWORD must be at least 32 characters\./,
    );
    expect(() => parseEnv({ NODE_ENV: 'production', SESSION_PASSWORD: 'short-secret-value' })).not.toThrow(
      /short-secret-value/,
    );
  });

  it('names the product and links its terms only when configured', () => {
    const defaults = parseEnv(valid);
    expect([defaults.APP_NAME, defaults.TERMS_URL, defaults.PRIVACY_URL]).toEqual(['Passcode', undefined, undefined]);
    const env = parseEnv({ ...valid, APP_NAME: ' Acme ', TERMS_URL: 'https://acme.test/terms', PRIVACY_URL: '' });
    expect([env.APP_NAME, env.TERMS_URL, env.PRIVACY_URL]).toEqual(['Acme', 'https://acme.test/terms', undefined]);
    expect(() => parseEnv({ ...valid, PRIVACY_URL: 'javascript:alert(1)' })).toThrow(/PRIVACY_URL/);
    // The name alone needs no secret: pages rendered at build time show it.
    expect(parseBrandEnv({ APP_NAME: 'Acme' })).toEqual({ APP_NAME: 'Acme' });
  });

  it('treats empty values as missing', () => {
    expect(() => parseEnv({ ...valid, STYTCH_SECRET: '' })).toThrow('STYTCH_SECRET is missing');
  });

  it.each([
    ['STYTCH_PROJECT_ID', 'abc', 'STYTCH_PROJECT_ID must start with "project-"'],
    ['STYTCH_API_URL', 'ftp://example.com', 'STYTCH_API_URL'],
    ['SMS_ALLOWED_COUNTRIES', 'US,XX', 'SMS_ALLOWED_COUNTRIES must list two-letter country codes'],
    ['OTP_EXPIRATION_MINUTES', '11', 'OTP_EXPIRATION_MINUTES'],
    ['SESSION_DURATION_MINUTES', '4', 'SESSION_DURATION_MINUTES'],
  ])('refuses a bad %s', (key, value, message) => {
    expect(() => parseEnv({ ...valid, [key]: value })).toThrow(message);
  });

  it('reads one session password as id 1, as iron-session does', () => {
    expect(parseEnv(valid).SESSION_PASSWORD).toEqual({ '1': 'x'.repeat(32) });
  });

  it('reads rotated session passwords by id, and requires each to be long enough', () => {
    const rotated = `2:${'n'.repeat(32)}, 1:${'o'.repeat(32)}`;
    expect(parseEnv({ ...valid, SESSION_PASSWORD: rotated }).SESSION_PASSWORD).toEqual({
      '2': 'n'.repeat(32),
      '1': 'o'.repeat(32),
    });
    expect(() => parseEnv({ ...valid, SESSION_PASSWORD: `2:${'n'.repeat(32)},1:short` })).toThrow(
      'SESSION_PASSWORD must be at least 32 characters',
    );
  });

  it('seals with the newest password and still opens what an older one sealed', async () => {
    const old = parseEnv({ ...valid, SESSION_PASSWORD: `1:${'o'.repeat(32)}` }).SESSION_PASSWORD;
    const rotated = parseEnv({
      ...valid,
      SESSION_PASSWORD: `2:${'n'.repeat(32)},1:${'o'.repeat(32)}`,
    }).SESSION_PASSWORD;
    const sealedBefore = await sealData({ user: 'a' }, { password: old });
    expect(await unsealData(sealedBefore, { password: rotated })).toEqual({ user: 'a' });
    const sealedAfter = await sealData({ user: 'b' }, { password: rotated });
    // Once the old password is dropped, only what the new one sealed opens.
    const newOnly = { '2': 'n'.repeat(32) };
    expect(await unsealData(sealedAfter, { password: newOnly })).toEqual({ user: 'b' });
    expect(await unsealData(sealedBefore, { password: newOnly })).toEqual({});
  });

  it('reads the country allowlist loosely', () => {
    expect(parseEnv({ ...valid, SMS_ALLOWED_COUNTRIES: ' us, gb ,' }).SMS_ALLOWED_COUNTRIES).toEqual(['US', 'GB']);
  });

  it('uses the emulator in development when no Stytch project is configured', () => {
    const { SESSION_PASSWORD, ...stytch } = DEV_DEFAULTS;
    expect(parseEnv({ NODE_ENV: 'development' })).toMatchObject({
      ...stytch,
      SESSION_PASSWORD: { '1': SESSION_PASSWORD },
    });
  });

  it('uses a configured Stytch project in development, not the emulator', () => {
    const env = parseEnv({
      NODE_ENV: 'development',
      STYTCH_PROJECT_ID: 'project-test-real',
      STYTCH_SECRET: 'secret-real',
    });
    expect(env.STYTCH_API_URL).toBeUndefined();
    expect(env.SESSION_PASSWORD).toEqual({ '1': DEV_DEFAULTS.SESSION_PASSWORD });
  });

  it('gives a production build no development defaults', () => {
    expect(() => parseEnv({ NODE_ENV: 'production' })).toThrow('STYTCH_PROJECT_ID is missing');
  });

  it('refuses the emulator and the development secrets in a Vercel production deployment', () => {
    expect(() => parseEnv({ ...DEV_DEFAULTS, NODE_ENV: 'production', VERCEL_ENV: 'production' })).toThrow(
      /STYTCH_API_URL points at the local emulator.*STYTCH_SECRET is the built-in development value.*SESSION_PASSWORD is the built-in development value/,
    );
    expect(() => parseEnv({ ...DEV_DEFAULTS, NODE_ENV: 'production', VERCEL_ENV: 'preview' })).not.toThrow();
  });

  describe("with Vercel's production environment (VERCEL=1, VERCEL_ENV=production)", () => {
    const vercelProduction = {
      NODE_ENV: 'production',
      VERCEL: '1',
      VERCEL_ENV: 'production',
      STYTCH_PROJECT_ID: 'project-live-4f1c2d3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
      STYTCH_SECRET: 'secret-live-Zq8xW3vN7bK2mR5tY9uP4sL6',
      SESSION_PASSWORD: 'k3J9vQ2mX7pL5nR8tW4yZ6bC1dF0gH3s',
      DATABASE_URL: 'postgresql://app:pw@ep-cool-name.neon.tech/app?sslmode=require',
    };

    it('accepts a proper production configuration', () => {
      expect(parseEnv(vercelProduction)).toMatchObject({ VERCEL: true, VERCEL_ENV: 'production' });
    });

    it.each<[string, Record<string, string>, string]>([
      ['the emulator on 127.0.0.1', { STYTCH_API_URL: DEV_DEFAULTS.STYTCH_API_URL }, 'STYTCH_API_URL'],
      ['the emulator on localhost', { STYTCH_API_URL: 'http://localhost:4010' }, 'STYTCH_API_URL'],
      ['the emulator on [::1]', { STYTCH_API_URL: 'http://[::1]:4010' }, 'STYTCH_API_URL'],
      ["the emulator's secret", { STYTCH_SECRET: DEV_DEFAULTS.STYTCH_SECRET }, 'STYTCH_SECRET'],
      ['the development session password', { SESSION_PASSWORD: DEV_DEFAULTS.SESSION_PASSWORD }, 'SESSION_PASSWORD'],
      [
        'the development session password kept for rotation',
        { SESSION_PASSWORD: `2:${'n'.repeat(32)},1:${DEV_DEFAULTS.SESSION_PASSWORD}` },
        'SESSION_PASSWORD',
      ],
      ['no database', { DATABASE_URL: '' }, 'DATABASE_URL'],
    ])('refuses %s, naming the key and no value', (_, change, key) => {
      const attempt = () => parseEnv({ ...vercelProduction, ...change });
      expect(attempt).toThrow(new RegExp(`^Invalid configuration: ${key} `));
      const { STYTCH_SECRET, SESSION_PASSWORD, DATABASE_URL } = { ...vercelProduction, ...change };
      for (const value of [STYTCH_SECRET, SESSION_PASSWORD, DATABASE_URL, ...Object.values(change)].filter(Boolean)) {
        expect(attempt).not.toThrow(value);
      }
    });
  });

  it('shares its development credentials with the emulator', () => {
    expect([DEV_DEFAULTS.STYTCH_PROJECT_ID, DEV_DEFAULTS.STYTCH_SECRET]).toEqual([DEV_PROJECT_ID, DEV_SECRET]);
  });

  it.each(['true', '1', 'yes', 'on', 'TRUE'])('trusts proxy headers with TRUST_PROXY_HEADERS=%s', (value) => {
    expect(parseEnv({ ...valid, TRUST_PROXY_HEADERS: value }).TRUST_PROXY_HEADERS).toBe(true);
  });

  it.each(['false', '0', 'no', 'off', ''])('does not trust proxy headers with TRUST_PROXY_HEADERS=%j', (value) => {
    expect(parseEnv({ ...valid, TRUST_PROXY_HEADERS: value }).TRUST_PROXY_HEADERS).toBe(false);
  });

  it('refuses a TRUST_PROXY_HEADERS that is neither yes nor no, without echoing it', () => {
    expect(() => parseEnv({ ...valid, TRUST_PROXY_HEADERS: 'maybe' })).toThrow(/TRUST_PROXY_HEADERS/);
    expect(() => parseEnv({ ...valid, TRUST_PROXY_HEADERS: 'maybe' })).not.toThrow(/maybe/);
  });

  it('counts one trusted proxy unless TRUSTED_PROXY_HOPS says more, and refuses a count that is not one', () => {
    expect(parseEnv(valid).TRUSTED_PROXY_HOPS).toBe(1);
    expect(parseEnv({ ...valid, TRUSTED_PROXY_HOPS: '2' }).TRUSTED_PROXY_HOPS).toBe(2);
    expect(() => parseEnv({ ...valid, TRUSTED_PROXY_HOPS: '0' })).toThrow(/TRUSTED_PROXY_HOPS/);
  });

  it('reads APP_ORIGIN as an http(s) URL and refuses anything else', () => {
    expect(parseEnv({ ...valid, APP_ORIGIN: 'https://login.example.com' }).APP_ORIGIN).toBe(
      'https://login.example.com',
    );
    expect(() => parseEnv({ ...valid, APP_ORIGIN: 'login.example.com' })).toThrow(/APP_ORIGIN/);
  });

  it('reads OTEL_EXPORTER_OTLP_ENDPOINT as an http(s) URL, unset by default, and refuses anything else', () => {
    expect(parseEnv(valid).OTEL_EXPORTER_OTLP_ENDPOINT).toBeUndefined();
    const endpoint = 'http://127.0.0.1:4318';
    expect(parseEnv({ ...valid, OTEL_EXPORTER_OTLP_ENDPOINT: endpoint }).OTEL_EXPORTER_OTLP_ENDPOINT).toBe(endpoint);
    expect(() => parseEnv({ ...valid, OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' })).toThrow(
      /OTEL_EXPORTER_OTLP_ENDPOINT/,
    );
  });

  it('reads the database and platform keys', () => {
    expect(
      parseEnv({
        ...valid,
        DATABASE_URL: 'postgresql://app@db.example.com:5432/app?sslmode=require',
        PGLITE_DATA_DIR: ' tmp/db ',
        VERCEL: '1',
        VERCEL_ENV: 'preview',
      }),
    ).toMatchObject({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgresql://app@db.example.com:5432/app?sslmode=require',
      PGLITE_DATA_DIR: 'tmp/db',
      VERCEL: true,
      VERCEL_ENV: 'preview',
    });
    const unset = parseEnv(valid);
    expect([unset.DATABASE_URL, unset.PGLITE_DATA_DIR, unset.VERCEL, unset.VERCEL_ENV]).toEqual([
      undefined,
      undefined,
      false,
      undefined,
    ]);
  });

  it.each([
    ['DATABASE_URL', 'mysql://db.example.com/app'],
    ['DATABASE_URL', 'not a connection string'],
    ['NODE_ENV', 'staging'],
    ['VERCEL', 'sometimes'],
    ['VERCEL_ENV', 'staging'],
  ])('refuses a bad %s at start, without echoing it', (key, value) => {
    expect(() => parseEnv({ ...valid, [key]: value })).toThrow(`Invalid configuration: ${key}`);
    expect(() => parseEnv({ ...valid, [key]: value })).not.toThrow(value);
  });

  it.each<[string, Record<string, string>]>([
    ['on Vercel production', { VERCEL: '1', VERCEL_ENV: 'production' }],
    ['on a Vercel preview', { VERCEL: '1', VERCEL_ENV: 'preview' }],
    ['when only VERCEL is set', { VERCEL: '1' }],
    ['when only VERCEL_ENV=production is set', { VERCEL_ENV: 'production' }],
    ['even with PGLITE_DATA_DIR set', { VERCEL: '1', PGLITE_DATA_DIR: 'memory://' }],
  ])('requires DATABASE_URL %s, for the app and for db:migrate alike', (_, platform) => {
    expect(() => parseEnv({ ...valid, ...platform })).toThrow(VERCEL_GUARD);
    expect(() => parseDatabaseEnv(platform)).toThrow(VERCEL_GUARD);
  });

  it('lets `vercel dev` on a laptop use the embedded database', () => {
    expect(parseDatabaseEnv({ VERCEL: '1', VERCEL_ENV: 'development' })).toEqual({
      VERCEL: true,
      VERCEL_ENV: 'development',
      DATABASE_CONNECT_TIMEOUT_MS: 5000,
      DATABASE_QUERY_TIMEOUT_MS: 5000,
    });
  });
});
