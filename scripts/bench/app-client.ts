/**
 * Talks to the running app the way its pages do, without a browser: the sign-in server actions (their ids read from
 * the build), the session cookie they set, and the emulator's outbox and call counts.
 */
import { readFileSync } from 'node:fs';
import { BENCH } from './servers';

export type ActionName = 'sendCode' | 'verifyCode';

type ManifestEntry = { filename: string; exportedName: string };

/** The ids of this build's actions; they change with every build, so they are never written down anywhere. */
export function readActionIds(): Record<ActionName, string> {
  const manifest = JSON.parse(readFileSync('.next/server/server-reference-manifest.json', 'utf8')) as {
    node: Record<string, ManifestEntry>;
  };
  const idOf = (name: ActionName) => {
    const found = Object.entries(manifest.node).find(
      ([, entry]) => entry.filename === 'app/actions/auth.ts' && entry.exportedName === name,
    );
    if (!found) throw new Error(`The build has no server action ${name} in app/actions/auth.ts.`);
    return found[0];
  };
  return { sendCode: idOf('sendCode'), verifyCode: idOf('verifyCode') };
}

export type HttpRequest = { method: 'POST'; path: string; headers: Record<string, string>; body: string };

const BOUNDARY = '----bench-form-boundary';

/**
 * A form submitted to a `useActionState` action, encoded as React's client does (seen in Chromium's requests): the
 * arguments `[previousState, formData]` go as multipart, the FormData's fields prefixed `_1_` and the argument list
 * in part `0`, where `"$K1"` stands for that FormData.
 */
export function formActionRequest(
  path: string,
  actionId: string,
  fields: Record<string, string>,
  cookie?: string,
): HttpRequest {
  const part = (name: string, value: string) =>
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const body = [
    ...Object.entries(fields).map(([name, value]) => part(`_1_${name}`, value)),
    part('0', JSON.stringify([{ status: 'idle' }, '$K1'])),
    `--${BOUNDARY}--\r\n`,
  ].join('');
  return {
    method: 'POST',
    path,
    headers: {
      'next-action': actionId,
      accept: 'text/x-component',
      'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
      ...(cookie ? { cookie } : {}),
    },
    body,
  };
}

export type TestPhone = { national: string; e164: string };

let phonesHandedOut = 0;

/** A valid US number no earlier call of this process returned (201-5XX-XXXX), so no two codes supersede each other. */
export function nextTestPhone(): TestPhone {
  const index = phonesHandedOut++;
  const exchange = String(500 + Math.floor(index / 10_000));
  const line = String(index % 10_000).padStart(4, '0');
  return { national: `(201) ${exchange}-${line}`, e164: `+1201${exchange}${line}` };
}

/** `name=value` of the session cookie an action response set, as a `Cookie` header carries it. */
export function sessionCookieFrom(setCookie: string | string[] | undefined): string | undefined {
  const headers = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  return headers.map((header) => header.split(';', 1)[0]!).find((pair) => pair.includes('session='));
}

/** Where an action's answer sends the browser (`x-action-redirect`), without the history mode. */
export function redirectTarget(header: string | string[] | undefined): string | undefined {
  return (Array.isArray(header) ? header[0] : header)?.split(';', 1)[0];
}

async function submit(request: HttpRequest, expectedRedirect: string): Promise<string> {
  const response = await fetch(`${BENCH.appUrl}${request.path}`, {
    method: request.method,
    headers: request.headers,
    body: request.body,
  });
  await response.arrayBuffer();
  const target = redirectTarget(response.headers.get('x-action-redirect') ?? undefined);
  const cookie = sessionCookieFrom(response.headers.getSetCookie());
  if (target !== expectedRedirect || !cookie) {
    throw new Error(
      `${request.path} answered ${response.status} going to ${target ?? 'nowhere'} instead of ${expectedRedirect}.`,
    );
  }
  return cookie;
}

/** Sends a code to a fresh number as the phone form would; the cookie opens /login/verify for that code. */
export async function startChallenge(): Promise<{ phone: TestPhone; cookie: string; code: string }> {
  const phone = nextTestPhone();
  const cookie = await submit(
    formActionRequest('/login', readActionIds().sendCode, { country: 'US', phone: phone.national }),
    '/login/verify',
  );
  const code = (await outboxCodes()).get(phone.e164);
  if (!code) throw new Error(`The emulator sent no code to ${phone.e164}.`);
  return { phone, cookie, code };
}

/** Signs a fresh number in through both actions; returns the signed-in session cookie. */
export async function signIn(): Promise<string> {
  const { cookie, code } = await startChallenge();
  return submit(formActionRequest('/login/verify', readActionIds().verifyCode, { code }, cookie), '/account');
}

/** The newest code the emulator sent to each number. */
export async function outboxCodes(): Promise<Map<string, string>> {
  const { messages } = (await emulatorGet('/__emulator/messages')) as {
    messages: { phone_number: string; code: string }[];
  };
  const codes = new Map<string, string>();
  // Newest first: the first code seen for a number is its current one.
  for (const message of messages) if (!codes.has(message.phone_number)) codes.set(message.phone_number, message.code);
  return codes;
}

/** Stytch API calls the emulator has answered since it started, all routes together. */
export async function stytchCallCount(): Promise<number> {
  const { calls } = (await emulatorGet('/__emulator/calls')) as { calls: Record<string, number> };
  return Object.values(calls).reduce((sum, count) => sum + count, 0);
}

async function emulatorGet(path: string): Promise<unknown> {
  const response = await fetch(`${BENCH.emulatorUrl}${path}`);
  if (!response.ok) throw new Error(`Emulator ${path} answered ${response.status}.`);
  return response.json();
}
