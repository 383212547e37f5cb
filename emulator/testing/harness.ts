import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, StytchError, type OTPsAuthenticateResponse } from 'stytch';
import { expect } from 'vitest';
import { z } from 'zod';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../server';
import { conforming } from './openapi';

export const PROJECT_ID = 'project-test-11111111-2222-4333-8444-555555555555';
export const SECRET = 'secret-test-conformance-suite';

const messageSchema = z.object({
  id: z.string(),
  phone_number: z.string(),
  code: z.string(),
  locale: z.string().nullable(),
  body: z.string(),
  sent_at: z.iso.datetime(),
  expires_at: z.iso.datetime(),
});
const messagesSchema = z.object({ messages: z.array(messageSchema) });
const nowSchema = z.object({ now: z.iso.datetime() });
const callsSchema = z.object({ calls: z.record(z.string(), z.number()) });
export const errorBodySchema = z.object({
  status_code: z.number(),
  request_id: z.string().regex(/^request-id-test-[0-9a-f-]{36}$/),
  error_type: z.string(),
  error_message: z.string().min(1),
  error_url: z.url(),
});

type OutboxMessage = z.infer<typeof messageSchema>;

export type Harness = {
  emulator: RunningEmulator;
  /** The real stytch client, pointed at the emulator through `env` (custom_base_url refuses http). */
  client: Client;
  dataDir: string;
  /** Builds another client for the same emulator, e.g. one with a cold JWKS cache or wrong credentials. */
  newClient(credentials?: { project_id: string; secret: string }): Client;
  request(method: string, path: string, init?: { body?: string; auth?: boolean }): Promise<Response>;
  reset(): Promise<void>;
  advanceClock(seconds: number): Promise<Date>;
  now(): Promise<Date>;
  messages(phoneNumber?: string): Promise<OutboxMessage[]>;
  /** The code of the newest text to `phoneNumber`; fails the test if none was sent. */
  latestCode(phoneNumber: string): Promise<string>;
  calls(): Promise<Record<string, number>>;
  control(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Response>;
  stop(): Promise<void>;
};

/** Starts an emulator in-process on a free port with a throwaway data folder (or the one given). */
export async function startHarness(
  options: Partial<Pick<EmulatorOptions, 'limits' | 'unsupportedCallingCodes' | 'smsAllowedCountries' | 'log'>> & {
    dataDir?: string;
  } = {},
): Promise<Harness> {
  const ownDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'stytch-emulator-')));
  const emulator = await startEmulator({
    port: 0,
    projectId: PROJECT_ID,
    secret: SECRET,
    dataDir,
    log: options.log ?? (() => {}),
    limits: options.limits,
    unsupportedCallingCodes: options.unsupportedCallingCodes,
    smsAllowedCountries: options.smsAllowedCountries,
  });
  const newClient = (credentials = { project_id: PROJECT_ID, secret: SECRET }) =>
    new Client({ ...credentials, env: `${emulator.url}/` });

  const control = (method: 'GET' | 'POST', path: string, body?: unknown) =>
    fetch(`${emulator.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const controlJson = async <S extends z.ZodType>(schema: S, method: 'GET' | 'POST', path: string, body?: unknown) => {
    const response = await control(method, path, body);
    expect(response.status, `${method} ${path}`).toBe(200);
    return schema.parse(await response.json());
  };
  const messages = async (phoneNumber?: string) => {
    const query = phoneNumber === undefined ? '' : `?phone_number=${encodeURIComponent(phoneNumber)}`;
    return (await controlJson(messagesSchema, 'GET', `/__emulator/messages${query}`)).messages;
  };

  return {
    emulator,
    client: newClient(),
    dataDir,
    newClient,
    request: (method, path, init = {}) =>
      fetch(`${emulator.url}${path}`, {
        method,
        headers: {
          'content-type': 'application/json',
          ...(init.auth === false ? {} : { authorization: basicAuth(PROJECT_ID, SECRET) }),
        },
        body: init.body,
      }),
    reset: async () => {
      await controlJson(z.object({ status: z.literal('ok') }), 'POST', '/__emulator/reset');
    },
    advanceClock: async (seconds) =>
      new Date((await controlJson(nowSchema, 'POST', '/__emulator/clock', { advance_seconds: seconds })).now),
    now: async () => new Date((await controlJson(nowSchema, 'GET', '/__emulator/clock')).now),
    messages,
    latestCode: async (phoneNumber) => {
      const [latest] = await messages(phoneNumber);
      if (!latest) throw new Error(`No SMS was sent to ${phoneNumber}.`);
      return latest.code;
    },
    calls: async () => (await controlJson(callsSchema, 'GET', '/__emulator/calls')).calls,
    control,
    stop: async () => {
      await emulator.close();
      if (ownDataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export function basicAuth(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

/** Signs a phone number in through the real client: send a code, read it from the outbox, authenticate it. */
export async function signIn(
  harness: Harness,
  phoneNumber: string,
  sessionDurationMinutes = 60,
): Promise<OTPsAuthenticateResponse> {
  const { phone_id } = await conforming(
    'POST /v1/otps/sms/login_or_create',
    harness.client.otps.sms.loginOrCreate({ phone_number: phoneNumber }),
  );
  return conforming(
    'POST /v1/otps/authenticate',
    harness.client.otps.authenticate({
      method_id: phone_id,
      code: await harness.latestCode(phoneNumber),
      session_duration_minutes: sessionDurationMinutes,
    }),
  );
}

/** Runs a call that must fail and returns the StytchError, after checking it against the error shape. */
async function stytchError(call: Promise<unknown>): Promise<StytchError> {
  const error = await call.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof StytchError)) throw new Error(`Expected a StytchError, got ${String(error)}`);
  errorBodySchema.parse({
    status_code: error.status_code,
    request_id: error.request_id,
    error_type: error.error_type,
    error_message: error.error_message,
    error_url: error.error_url,
  });
  expect(error.error_url).toBe(`https://stytch.com/docs/api/errors/${error.status_code}#${error.error_type}`);
  return error;
}

/** Asserts the error type and status a failing call produced. */
export async function expectStytchError(call: Promise<unknown>, errorType: string, status: number): Promise<void> {
  const { error_type, status_code } = await stytchError(call);
  expect({ error_type, status_code }).toEqual({ error_type: errorType, status_code: status });
}
