/**
 * A typed client of the emulator's test controls (README, "Test controls"), for the e2e suite, the conformance
 * harness and the scripts. Its imports are types only, so using it loads nothing of the emulator.
 */
import type { FaultBody } from './control-routes';
import type { PendingFault } from './faults';
import type { OutboxMessage } from './outbox';

export type { OutboxMessage };

/** A fault to arm on a route: an error reply, a delay before the answer, or a connection dropped unanswered. */
export type FaultRequest = FaultBody extends infer Body
  ? Body extends unknown
    ? Omit<Body, 'route' | 'count'>
    : never
  : never;

export class EmulatorClient {
  /** `url`: the emulator's base URL without a trailing slash, e.g. `http://127.0.0.1:4010`. */
  constructor(readonly url: string) {}

  /** The raw reply of any control route, for tests of what the controls refuse. */
  control(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Response> {
    return fetch(`${this.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  /** Forgets users, codes, sessions, texts, limits, faults, call counts and the clock offset; keeps the signing key. */
  async reset(): Promise<void> {
    await this.json<{ status: 'ok' }>('POST', '/__emulator/reset');
  }

  async now(): Promise<Date> {
    return new Date((await this.json<{ now: string }>('GET', '/__emulator/clock')).now);
  }

  /** Moves the emulator's clock forward; returns its new time. */
  async advanceClock(seconds: number): Promise<Date> {
    const { now } = await this.json<{ now: string }>('POST', '/__emulator/clock', { advance_seconds: seconds });
    return new Date(now);
  }

  /** The texts sent so far, newest first; only those to `phoneNumber` when it is given. */
  async messages(phoneNumber?: string): Promise<OutboxMessage[]> {
    const query = phoneNumber === undefined ? '' : `?phone_number=${encodeURIComponent(phoneNumber)}`;
    return (await this.json<{ messages: OutboxMessage[] }>('GET', `/__emulator/messages${query}`)).messages;
  }

  /** The code of the newest text to `phoneNumber`; throws if none was sent. */
  async latestCode(phoneNumber: string): Promise<string> {
    const [latest] = await this.messages(phoneNumber);
    if (!latest) throw new Error(`No SMS was sent to ${phoneNumber}.`);
    return latest.code;
  }

  /** Makes the next `count` calls of `route` (a route key, e.g. `POST /v1/otps/authenticate`) meet `fault`. */
  async failNext(route: string, fault: FaultRequest, count = 1): Promise<PendingFault[]> {
    const body: FaultBody = { ...fault, route, count };
    return (await this.json<{ faults: PendingFault[] }>('POST', '/__emulator/faults', body)).faults;
  }

  /** The faults still waiting for their calls. */
  async faults(): Promise<PendingFault[]> {
    return (await this.json<{ faults: PendingFault[] }>('GET', '/__emulator/faults')).faults;
  }

  /** Stytch API calls per route key since the last reset, whatever their outcome. */
  async calls(): Promise<Record<string, number>> {
    return (await this.json<{ calls: Record<string, number> }>('GET', '/__emulator/calls')).calls;
  }

  private async json<Reply>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Reply> {
    const response = await this.control(method, path, body);
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as Reply;
  }
}

/** The Authorization header of the Stytch API: HTTP Basic with the project id and secret. */
export function stytchAuthorization(projectId: string, secret: string): string {
  return `Basic ${Buffer.from(`${projectId}:${secret}`).toString('base64')}`;
}
