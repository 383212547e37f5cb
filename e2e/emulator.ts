import { expect, type APIRequestContext } from '@playwright/test';
import { E2E } from './env';

export type OutboxMessage = { id: string; phone_number: string; code: string; body: string; sent_at: string };
export type Fault =
  { kind: 'error'; status: number; error_type: string } | { kind: 'delay'; delay_ms: number } | { kind: 'drop' };

/** The emulator's test controls, as the suite uses them. */
export class EmulatorControls {
  constructor(private readonly request: APIRequestContext) {}

  async reset() {
    await this.post('/__emulator/reset', {});
  }

  async advanceClock(seconds: number) {
    await this.post('/__emulator/clock', { advance_seconds: seconds });
  }

  async failNext(route: string, fault: Fault, count = 1) {
    await this.post('/__emulator/faults', { route, count, ...fault });
  }

  async messages(phoneNumber: string): Promise<OutboxMessage[]> {
    const response = await this.request.get(`${E2E.emulatorUrl}/__emulator/messages`, {
      params: { phone_number: phoneNumber },
    });
    expect(response.ok()).toBe(true);
    return ((await response.json()) as { messages: OutboxMessage[] }).messages;
  }

  /** The newest code sent to the number, waiting for it to arrive. */
  async latestCode(phoneNumber: string, count = 1): Promise<string> {
    let messages: OutboxMessage[] = [];
    await expect
      .poll(async () => (messages = await this.messages(phoneNumber)).length, { message: `SMS to ${phoneNumber}` })
      .toBeGreaterThanOrEqual(count);
    return messages[0]!.code;
  }

  async calls(): Promise<Record<string, number>> {
    const response = await this.request.get(`${E2E.emulatorUrl}/__emulator/calls`);
    return ((await response.json()) as { calls: Record<string, number> }).calls;
  }

  private async post(path: string, body: object) {
    const response = await this.request.post(`${E2E.emulatorUrl}${path}`, { data: body });
    expect(response.ok(), `${path} answered ${response.status()}`).toBe(true);
  }
}

/** Calls the emulator's Stytch API directly, as another server of the same project would. */
export async function stytchApi(request: APIRequestContext, method: 'GET' | 'POST', path: string, body?: object) {
  const credentials = Buffer.from(`${E2E.stytchEnv.STYTCH_PROJECT_ID}:${E2E.stytchEnv.STYTCH_SECRET}`).toString(
    'base64',
  );
  const response = await request.fetch(`${E2E.emulatorUrl}${path}`, {
    method,
    headers: { authorization: `Basic ${credentials}` },
    ...(body ? { data: body } : {}),
  });
  expect(response.ok(), `${method} ${path} answered ${response.status()}`).toBe(true);
  return response.json() as Promise<Record<string, unknown>>;
}
