import { expect, type APIRequestContext } from '@playwright/test';
import { EmulatorClient, stytchAuthorization, type OutboxMessage } from '../emulator/client';
import { E2E } from './env';

/** The emulator's test controls, waiting for texts to arrive as a person would. */
export class EmulatorControls extends EmulatorClient {
  constructor() {
    super(E2E.emulatorUrl);
  }

  /** The newest code sent to the number, once at least `count` texts have reached it. */
  override async latestCode(phoneNumber: string, count = 1): Promise<string> {
    let messages: OutboxMessage[] = [];
    await expect
      .poll(async () => (messages = await this.messages(phoneNumber)).length, { message: `SMS to ${phoneNumber}` })
      .toBeGreaterThanOrEqual(count);
    return messages[0]!.code;
  }
}

/** Calls the emulator's Stytch API directly, as another server of the same project would. */
export async function stytchApi(request: APIRequestContext, method: 'GET' | 'POST', path: string, body?: object) {
  const response = await request.fetch(`${E2E.emulatorUrl}${path}`, {
    method,
    headers: { authorization: stytchAuthorization(E2E.stytchEnv.STYTCH_PROJECT_ID, E2E.stytchEnv.STYTCH_SECRET) },
    ...(body ? { data: body } : {}),
  });
  expect(response.ok(), `${method} ${path} answered ${response.status()}`).toBe(true);
  return response.json() as Promise<Record<string, unknown>>;
}
