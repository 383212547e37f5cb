import { RequestError } from 'stytch';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { expectStytchError, PROJECT_ID, signIn, startHarness, type Harness } from './testing/harness';
import { conforming } from './testing/openapi';

const PHONE = '+12025550162';
const OTHER_PHONE = '+14155550123';

let harness: Harness;
const logLines: string[] = [];
beforeAll(async () => {
  harness = await startHarness({ log: (line) => logLines.push(line) });
});
afterAll(() => harness.stop());
beforeEach(async () => {
  await harness.reset();
  logLines.length = 0;
});

async function json(response: Response): Promise<unknown> {
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  return response.json();
}

describe('GET /health', () => {
  it('answers ok', async () => {
    const response = await harness.control('GET', '/health');
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({ status: 'ok' });
  });
});

describe('SMS outbox', () => {
  it('lists messages newest first and filters by phone number', async () => {
    await harness.client.otps.sms.loginOrCreate({ phone_number: PHONE });
    await harness.client.otps.sms.loginOrCreate({ phone_number: OTHER_PHONE });
    await harness.client.otps.sms.send({ phone_number: OTHER_PHONE });

    const all = await harness.messages();
    expect(all.map((message) => message.phone_number)).toEqual([OTHER_PHONE, OTHER_PHONE, PHONE]);
    expect((await harness.messages(OTHER_PHONE)).map((message) => message.id)).toEqual([all[0]?.id, all[1]?.id]);
    expect((await harness.messages(PHONE)).map((message) => message.id)).toEqual([all[2]?.id]);
    expect(new Set(all.map((message) => message.id)).size).toBe(3);
  });

  it('describes each text by id, number, code, locale, body, and RFC 3339 send and expiry times', async () => {
    await harness.client.otps.sms.loginOrCreate({ phone_number: PHONE });
    const message = z.strictObject({
      id: z.string().min(1),
      phone_number: z.literal(PHONE),
      code: z.string().regex(/^\d{6}$/),
      locale: z.string().nullable(),
      body: z.string().min(1),
      sent_at: z.iso.datetime(),
      expires_at: z.iso.datetime(),
    });
    const body = await json(await harness.control('GET', '/__emulator/messages'));
    expect(z.object({ messages: z.array(message) }).parse(body).messages).toHaveLength(1);
  });

  it('reads an unencoded + in the phone_number filter', async () => {
    await harness.client.otps.sms.loginOrCreate({ phone_number: PHONE });
    const response = await harness.control('GET', `/__emulator/messages?phone_number=${PHONE}`);
    expect(await json(response)).toMatchObject({ messages: [{ phone_number: PHONE }] });
  });

  it('prints each text on the log with the number masked but the code shown', async () => {
    await harness.client.otps.sms.loginOrCreate({ phone_number: PHONE });
    const code = await harness.latestCode(PHONE);
    expect(logLines).toContain(`SMS to +•••••••0162: ${code} is your verification code`);
    expect(logLines.join('\n')).not.toContain(PHONE);
  });

  it('logs one line per API call with its outcome', async () => {
    await harness.client.otps.sms.loginOrCreate({ phone_number: PHONE });
    await expectStytchError(harness.client.users.get({ user_id: 'user-test-x' }), 'user_not_found', 404);
    expect(logLines).toContain('POST /v1/otps/sms/login_or_create → 200');
    expect(logLines).toContain('GET /v1/users/user-test-x → 404 user_not_found');
  });
});

describe('GET / (inbox page)', () => {
  it('tells a person where to sign in while empty, and links back to the app', async () => {
    const response = await harness.control('GET', '/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain(
      'No texts yet. Sign in at <a href="http://127.0.0.1:3000">http://127.0.0.1:3000</a> and your code will show up here.',
    );
    expect(html).toContain('<a class="back" href="http://127.0.0.1:3000">← Back to the app</a>');
    expect(html).not.toContain('/v1/');
    expect(html).toContain('+10000000000');
    expect(html).toContain('name="viewport"');
    expect(html).toContain('prefers-color-scheme: dark');
    expect(html).toContain('setInterval');
  });

  it('shows each message with its number and code, striking out expired ones', async () => {
    await harness.client.otps.sms.loginOrCreate({ phone_number: PHONE });
    const firstCode = await harness.latestCode(PHONE);
    await harness.advanceClock(180);
    await harness.client.otps.sms.loginOrCreate({ phone_number: OTHER_PHONE });
    const html = await (await harness.control('GET', '/')).text();

    expect(html).not.toContain('No texts yet');
    expect(html.indexOf('+1 415 555 0123')).toBeLessThan(html.indexOf('+1 202 555 0162'));
    expect(html).not.toContain(PHONE);
    expect(html).toContain(`<div class="code">${firstCode}</div>`);
    expect(html.match(/class="stale"/g)).toHaveLength(1);
    expect(html).toContain('expired');
  });

  it('shows the locale of each text, and English as the default when none was asked for', async () => {
    await harness.client.otps.sms.loginOrCreate({ phone_number: PHONE, locale: 'fr' });
    await harness.client.otps.sms.loginOrCreate({ phone_number: OTHER_PHONE });
    const html = await (await harness.control('GET', '/')).text();
    expect(html).toContain('<span class="locale" title="locale">fr</span>');
    expect(html).toContain('<span lang="fr" dir="auto">');
    expect(html).toContain('<span class="locale" title="locale">en (default)</span>');
  });

  it('writes times with their zone, in UTC until the page’s script writes them in the viewer’s', async () => {
    await harness.client.otps.sms.loginOrCreate({ phone_number: PHONE });
    const html = await (await harness.control('GET', '/')).text();
    expect(html).toMatch(/<time datetime="[^"]+Z">\d\d:\d\d:\d\d UTC<\/time>/);
    expect(html).toContain('time.textContent = new Date(time.dateTime).toLocaleTimeString([], clock)');
  });

  it('offers to copy a live code, and strikes out a code someone signed in with', async () => {
    const { phone_id } = await harness.client.otps.sms.loginOrCreate({ phone_number: PHONE });
    const code = await harness.latestCode(PHONE);
    const before = await (await harness.control('GET', '/')).text();
    expect(before).toContain(`<button type="button" class="copy" data-code="${code}">Copy code</button>`);
    expect(before).not.toContain('class="stale"');

    await harness.client.otps.authenticate({ method_id: phone_id, code });
    const after = await (await harness.control('GET', '/')).text();
    expect(after.match(/class="stale"/g)).toHaveLength(1);
    expect(after).toContain('used to sign in');
    expect(after).not.toContain('class="copy"');
  });

  it('marks a code replaced by a newer text to the same number', async () => {
    await harness.client.otps.sms.loginOrCreate({ phone_number: PHONE });
    await harness.client.otps.sms.send({ phone_number: PHONE });
    const html = await (await harness.control('GET', '/')).text();
    expect(html.match(/class="stale"/g)).toHaveLength(1);
    expect(html).toContain('replaced by a newer code');
  });
});

describe('POST /__emulator/reset', () => {
  it('forgets users, sessions, messages, faults, calls and the clock offset but keeps the signing key', async () => {
    const { keys: before } = await harness.client.sessions.getJWKS({ project_id: PROJECT_ID });
    const { user_id, session_token } = await signIn(harness, PHONE);
    await harness.advanceClock(3600);
    await harness.control('POST', '/__emulator/faults', { route: 'GET /v1/users/{user_id}', kind: 'drop' });

    await harness.reset();
    expect(await harness.messages()).toEqual([]);
    expect(await harness.calls()).toEqual({});
    expect(await json(await harness.control('GET', '/__emulator/faults'))).toEqual({ faults: [] });
    expect(Math.abs((await harness.now()).getTime() - Date.now())).toBeLessThan(5_000);
    await expectStytchError(harness.client.users.get({ user_id }), 'user_not_found', 404);
    await expectStytchError(harness.client.sessions.authenticate({ session_token }), 'session_not_found', 404);
    const { keys: after } = await harness.client.sessions.getJWKS({ project_id: PROJECT_ID });
    expect(after).toEqual(before);
  });
});

describe('/__emulator/clock', () => {
  it('reports its time in RFC 3339', async () => {
    const body = await json(await harness.control('GET', '/__emulator/clock'));
    expect(new Date(z.object({ now: z.iso.datetime() }).parse(body).now).getTime()).toBeGreaterThan(0);
  });

  it('moves the clock forward and reports it', async () => {
    const start = await harness.now();
    const moved = await harness.advanceClock(90);
    expect(moved.getTime() - start.getTime()).toBeGreaterThanOrEqual(90_000);
    expect(moved.getTime() - start.getTime()).toBeLessThan(95_000);
    expect((await harness.now()).getTime()).toBeGreaterThanOrEqual(moved.getTime());
  });

  it.each([[{ advance_seconds: -1 }], [{ advance_seconds: '60' }], [{}]])('refuses %j', async (body) => {
    const response = await harness.control('POST', '/__emulator/clock', body);
    expect(response.status).toBe(400);
    expect(await json(response)).toMatchObject({ status_code: 400, error_type: 'bad_request' });
  });
});

describe('/__emulator/faults', () => {
  it('fails the next calls of a route with the given error, then answers normally', async () => {
    const armed = await harness.control('POST', '/__emulator/faults', {
      route: 'POST /v1/otps/sms/login_or_create',
      count: 2,
      kind: 'error',
      status: 429,
      error_type: 'too_many_requests',
    });
    expect(await json(armed)).toEqual({
      faults: [
        {
          route: 'POST /v1/otps/sms/login_or_create',
          remaining: 2,
          fault: {
            kind: 'error',
            status: 429,
            error_type: 'too_many_requests',
            error_message: 'Too many requests have been made.',
          },
        },
      ],
    });

    for (let call = 0; call < 2; call += 1) {
      await expectStytchError(harness.client.otps.sms.loginOrCreate({ phone_number: PHONE }), 'too_many_requests', 429);
    }
    const sent = harness.client.otps.sms.loginOrCreate({ phone_number: PHONE });
    await conforming('POST /v1/otps/sms/login_or_create', sent);
    expect(await harness.messages()).toHaveLength(1);
  });

  it('defaults to one 500 internal_server_error', async () => {
    await harness.control('POST', '/__emulator/faults', { route: 'GET /v1/users/{user_id}', kind: 'error' });
    const { user_id } = await harness.client.otps.sms.loginOrCreate({ phone_number: PHONE });
    await expectStytchError(harness.client.users.get({ user_id }), 'internal_server_error', 500);
    expect((await harness.client.users.get({ user_id })).user_id).toBe(user_id);
  });

  it('delays a call and then answers it normally', async () => {
    await harness.control('POST', '/__emulator/faults', {
      route: 'POST /v1/otps/sms/login_or_create',
      kind: 'delay',
      delay_ms: 300,
    });
    const started = performance.now();
    const sent = await harness.client.otps.sms.loginOrCreate({ phone_number: PHONE });
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect(sent.user_created).toBe(true);
  });

  it('drops the connection without an answer', async () => {
    await harness.control('POST', '/__emulator/faults', { route: 'POST /v1/sessions/authenticate', kind: 'drop' });
    const error = await harness.client.sessions.authenticate({ session_token: 'x' }).catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(RequestError);
    await expectStytchError(harness.client.sessions.authenticate({ session_token: 'x' }), 'session_not_found', 404);
  });

  it('applies to the JWKS route too', async () => {
    await harness.control('POST', '/__emulator/faults', {
      route: 'GET /v1/sessions/jwks/{project_id}',
      kind: 'error',
      status: 503,
      error_type: 'service_unavailable',
    });
    await expectStytchError(harness.client.sessions.getJWKS({ project_id: PROJECT_ID }), 'service_unavailable', 503);
  });

  it.each([
    [{ route: 'POST /v1/unknown', kind: 'drop' }],
    [{ route: 'post /v1/otps/authenticate', kind: 'drop' }],
    [{ route: 'POST /v1/otps/authenticate', kind: 'explode' }],
    [{ route: 'POST /v1/otps/authenticate', kind: 'delay' }],
    [{ route: 'POST /v1/otps/authenticate', kind: 'error', status: 200 }],
    [{ route: 'POST /v1/otps/authenticate', kind: 'drop', count: 0 }],
  ])('refuses %j', async (body) => {
    const response = await harness.control('POST', '/__emulator/faults', body);
    expect(response.status).toBe(400);
    expect(await json(response)).toMatchObject({ error_type: 'bad_request' });
  });
});

describe('GET /__emulator/calls', () => {
  it('counts API calls per route, whatever their outcome, and nothing else', async () => {
    const { user_id } = await harness.client.otps.sms.loginOrCreate({ phone_number: PHONE });
    await harness.client.users.get({ user_id });
    await harness.client.users.get({ user_id });
    await expectStytchError(harness.client.users.delete({ user_id: 'user-test-x' }), 'user_not_found', 404);
    await harness.request('GET', `/v1/users/${user_id}`, { auth: false });
    await harness.control('GET', '/');

    expect(await harness.calls()).toEqual({
      'POST /v1/otps/sms/login_or_create': 1,
      'GET /v1/users/{user_id}': 3,
      'DELETE /v1/users/{user_id}': 1,
    });
  });
});
