import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, StytchError, type OTPsAuthenticateResponse } from 'stytch';
import { expect } from 'vitest';
import { z } from 'zod';
import { EmulatorClient, stytchAuthorization } from '../client';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../server';
import { conforming } from './openapi';

export const PROJECT_ID = 'project-test-11111111-2222-4333-8444-555555555555';
export const SECRET = 'secret-test-conformance-suite';

export const errorBodySchema = z.object({
  status_code: z.number(),
  request_id: z.string().regex(/^request-id-test-[0-9a-f-]{36}$/),
  error_type: z.string(),
  error_message: z.string().min(1),
  error_url: z.url(),
});

type HarnessOptions = Partial<
  Pick<EmulatorOptions, 'limits' | 'unsupportedCallingCodes' | 'smsAllowedCountries' | 'log'>
> & {
  dataDir?: string;
};

/** An emulator running in this process, its test controls, and the real stytch client pointed at it. */
export class Harness extends EmulatorClient {
  /** The real stytch client, pointed at the emulator through `env` (custom_base_url refuses http). */
  readonly client: Client;

  constructor(
    readonly emulator: RunningEmulator,
    readonly dataDir: string,
    private readonly ownDataDir: boolean,
  ) {
    super(emulator.url);
    this.client = this.newClient();
  }

  /** Builds another client for the same emulator, e.g. one with a cold JWKS cache or wrong credentials. */
  newClient(credentials = { project_id: PROJECT_ID, secret: SECRET }): Client {
    return new Client({ ...credentials, env: `${this.url}/` });
  }

  /** A raw API call, with the project's credentials unless `auth` is false. */
  request(method: string, path: string, init: { body?: string; auth?: boolean } = {}): Promise<Response> {
    return fetch(`${this.url}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(init.auth === false ? {} : { authorization: stytchAuthorization(PROJECT_ID, SECRET) }),
      },
      body: init.body,
    });
  }

  async stop(): Promise<void> {
    await this.emulator.close();
    if (this.ownDataDir) await rm(this.dataDir, { recursive: true, force: true });
  }
}

/** Starts an emulator in-process on a free port with a throwaway data folder (or the one given). */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
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
  return new Harness(emulator, dataDir, options.dataDir === undefined);
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
