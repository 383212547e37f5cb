/**
 * Talks to the running app the way its pages do, without a browser: the server actions (their ids read from the
 * build), encoded as React's client encodes a form, and the session cookie they set. Used by the fuzz and the bench.
 */
import { readFileSync } from 'node:fs';
import type * as authActions from '../../app/actions/auth';
import type { EmulatorClient } from '../../emulator/client';

export const ACTION_NAMES = [
  'sendCode',
  'resendCode',
  'verifyCode',
  'signOut',
  'signOutEverywhere',
] as const satisfies readonly (keyof typeof authActions)[];
export type ActionName = (typeof ACTION_NAMES)[number];
export type ActionIds = Record<ActionName, string>;

const ACTIONS_FILE = 'app/actions/auth.ts';
const MANIFEST = '.next/server/server-reference-manifest.json';

/** This build's action ids; they change with every build, so they are never written down anywhere. */
function readActionIds(): ActionIds {
  return actionIdsIn(ACTIONS_FILE, ACTION_NAMES);
}

/** The ids this build gave the actions `names` of the module `file`; throws if it has not got them all. */
export function actionIdsIn<Name extends string>(file: string, names: readonly Name[]): Record<Name, string> {
  const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as {
    node: Record<string, { filename: string; exportedName: string }>;
  };
  const ids = new Map(
    Object.entries(manifest.node)
      .filter(([, entry]) => entry.filename === file)
      .map(([id, entry]) => [entry.exportedName, id]),
  );
  const missing = names.filter((name) => !ids.has(name));
  if (missing.length) throw new Error(`${MANIFEST} has no ${missing.join(', ')} from ${file}: rebuild.`);
  return Object.fromEntries(names.map((name) => [name, ids.get(name)!])) as Record<Name, string>;
}

export type FormPart = { name: string; value: string };

/** Part `0` of an action form: the argument list `[previousState, formData]`. */
const ACTION_ARGUMENTS = JSON.stringify([{ status: 'idle' }, '$K1']);

/**
 * The parts of a form submitted to a `useActionState` action, as React's client encodes `[previousState, formData]`
 * (seen in Chromium's requests): the FormData's fields prefixed `_1_`, then the argument list in part `0`, where
 * `"$K1"` stands for that FormData.
 */
export function actionFormParts(
  fields: Iterable<[string, string]>,
  { prefix = '_1_', root = ACTION_ARGUMENTS }: { prefix?: string; root?: string } = {},
): FormPart[] {
  return [...[...fields].map(([name, value]) => ({ name: `${prefix}${name}`, value })), { name: '0', value: root }];
}

const BOUNDARY = '----formBoundary7MA4YWxkTrZu0gW';

/** A well-formed multipart/form-data body of `parts`. */
function multipartBody(parts: FormPart[]): { body: string; contentType: string } {
  const sections = parts.map(
    ({ name, value }) =>
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name.replace(/"/g, '%22')}"\r\n\r\n${value}\r\n`,
  );
  return { body: `${sections.join('')}--${BOUNDARY}--\r\n`, contentType: `multipart/form-data; boundary=${BOUNDARY}` };
}

export type HttpRequest = { method: 'POST'; path: string; headers: Record<string, string>; body: string };

/** A form posted to the action with id `actionId` from the page at `path`, as the browser's JavaScript sends it. */
export function formActionRequest(
  origin: string,
  path: string,
  actionId: string,
  fields: Record<string, string>,
  cookie?: string,
): HttpRequest {
  const { body, contentType } = multipartBody(actionFormParts(Object.entries(fields)));
  return {
    method: 'POST',
    path,
    headers: {
      'next-action': actionId,
      origin,
      accept: 'text/x-component',
      'content-type': contentType,
      ...(cookie ? { cookie } : {}),
    },
    body,
  };
}

/** `name=value` of the session cookie a response set (the app sets no other), as a `Cookie` header carries it. */
export function sessionCookieFrom(setCookie: string | string[] | undefined): string | undefined {
  const headers = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  return headers.map((header) => header.split(';', 1)[0]!).find((pair) => /^[^=]+=./.test(pair));
}

/** Where an action's answer sends the browser (`x-action-redirect`), without the history mode. */
export function redirectTarget(header: string | string[] | undefined | null): string | undefined {
  return (Array.isArray(header) ? header[0] : (header ?? undefined))?.split(';', 1)[0];
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

/** Signs in through the running app's actions, reading the codes from its emulator's outbox. */
export class AppClient {
  #actionIds: ActionIds | undefined;

  constructor(
    readonly url: string,
    private readonly emulator: EmulatorClient,
  ) {}

  /** Read from the build on first use, so a client can exist before the build does. */
  get actionIds(): ActionIds {
    return (this.#actionIds ??= readActionIds());
  }

  /** Posts a form to an action; returns the session cookie it set, after checking where it sends the browser. */
  async submit(
    action: ActionName,
    path: string,
    fields: Record<string, string>,
    expect: { redirect: string; cookie?: string },
  ) {
    const request = formActionRequest(this.url, path, this.actionIds[action], fields, expect.cookie);
    const response = await fetch(`${this.url}${path}`, { ...request, redirect: 'manual' });
    await response.arrayBuffer();
    const target = redirectTarget(response.headers.get('x-action-redirect'));
    const cookie = sessionCookieFrom(response.headers.getSetCookie());
    if (target !== expect.redirect || !cookie) {
      const went = target ?? 'nowhere';
      throw new Error(`${action} at ${path} answered ${response.status} going to ${went}, not ${expect.redirect}.`);
    }
    return cookie;
  }

  /** Sends a code to the number as the phone form would; the cookie opens /login/verify for that code. */
  async startChallenge(
    phone: TestPhone = nextTestPhone(),
  ): Promise<{ phone: TestPhone; cookie: string; code: string }> {
    const fields = { country: 'US', phone: phone.national };
    const cookie = await this.submit('sendCode', '/login', fields, { redirect: '/login/verify' });
    return { phone, cookie, code: await this.emulator.latestCode(phone.e164) };
  }

  /** Signs the number in through both actions; returns the challenge cookie of the first and the session cookie. */
  async signIn(phone: TestPhone = nextTestPhone()): Promise<{ challenge: string; signedIn: string }> {
    const { cookie: challenge, code } = await this.startChallenge(phone);
    const signedIn = await this.submit(
      'verifyCode',
      '/login/verify',
      { code },
      { redirect: '/account', cookie: challenge },
    );
    return { challenge, signedIn };
  }
}
