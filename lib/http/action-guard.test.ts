import { afterEach, describe, expect, it, vi } from 'vitest';
import { guardRequest } from './action-guard';

// The app lists no allowed origins; the tests of that setting list their own.
const allowedOrigins = vi.hoisted(() => [] as string[]);
vi.mock('./allowed-origins.json', () => ({ default: allowedOrigins }));
const allowOrigins = (...origins: string[]) => allowedOrigins.splice(0, allowedOrigins.length, ...origins);
afterEach(() => {
  allowOrigins();
});

const URL_ = 'http://127.0.0.1:3500/login';
const SAME_ORIGIN = { host: '127.0.0.1:3500', origin: 'http://127.0.0.1:3500' };
const ACTION_ID = '604660b1602aab71062e3c3ce108468721a39ef7ed';
const BOUNDARY = 'guardTest';

function multipart(fields: [name: string, value: string, filename?: string][]) {
  const parts = fields.map(
    ([name, value, filename]) =>
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"${filename ? `; filename="${filename}"` : ''}\r\n\r\n${value}\r\n`,
  );
  return `${parts.join('')}--${BOUNDARY}--\r\n`;
}
const MULTIPART = `multipart/form-data; boundary=${BOUNDARY}`;
/** What the browser's JavaScript posts for the phone form. */
const PHONE_FORM = multipart([
  ['_1_country', 'US'],
  ['_1_phone', '(201) 555-0123'],
  ['0', '[{"status":"idle"},"$K1"]'],
]);
/** What the phone form posts without JavaScript: the action and its bound state in hidden fields. */
const NO_SCRIPT_PHONE_FORM = multipart([
  ['$ACTION_REF_1', ''],
  ['$ACTION_1:0', JSON.stringify({ id: ACTION_ID, bound: '$@1' })],
  ['$ACTION_1:1', '[{"status":"idle"}]'],
  ['$ACTION_KEY', 'k123'],
  ['country', 'US'],
  ['phone', '(201) 555-0123'],
]);

/** A fetch action as the browser's JavaScript posts it; a header given as null is left out. */
function fetchAction(body: string, headers: Record<string, string | null> = {}) {
  const all = Object.entries({ ...SAME_ORIGIN, 'next-action': ACTION_ID, 'content-type': MULTIPART, ...headers });
  return new Request(URL_, {
    method: 'POST',
    headers: all.filter((entry): entry is [string, string] => entry[1] !== null),
    body,
  });
}
function textAction(body: string, headers: Record<string, string | null> = {}) {
  return fetchAction(body, { 'content-type': 'text/plain;charset=UTF-8', ...headers });
}
function noScriptForm(body: string) {
  return new Request(URL_, { method: 'POST', headers: { ...SAME_ORIGIN, 'content-type': MULTIPART }, body });
}
/** A JSON array of `size` bytes, streamed in 1 KB chunks with no Content-Length. */
function streamed(size: number) {
  const text = new TextEncoder().encode(`[${' '.repeat(size - 2)}]`);
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let sent = 0; sent < size; sent += 1024) controller.enqueue(text.slice(sent, sent + 1024));
      controller.close();
    },
  });
  const init: RequestInit & { duplex: 'half' } = {
    method: 'POST',
    headers: { ...SAME_ORIGIN, 'next-action': ACTION_ID, 'content-type': 'text/plain' },
    body,
    duplex: 'half',
  };
  return new Request(URL_, init);
}

describe('guardRequest', () => {
  it.each([
    ['a page', new Request(URL_)],
    [
      'a plain form post that is no action',
      new Request(URL_, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'a=1',
      }),
    ],
    ['the phone form, sent by JavaScript', fetchAction(PHONE_FORM)],
    ['the phone form, sent without JavaScript', noScriptForm(NO_SCRIPT_PHONE_FORM)],
    ['sign-out without JavaScript', noScriptForm(multipart([[`$ACTION_ID_${ACTION_ID}`, '']]))],
    [
      'arguments as text, with escaped "$" strings and undefined',
      textAction('[{"status":"idle"},"$$K1","$undefined"]'),
    ],
    ['an action without Origin, as Next allows', fetchAction(PHONE_FORM, { origin: null })],
    [
      'an Origin that names the host a proxy forwarded',
      fetchAction(PHONE_FORM, { origin: 'https://app.example', 'x-forwarded-host': 'app.example, 127.0.0.1' }),
    ],
    ['a body just under the limit', streamed(16 * 1024)],
  ])('lets through %s', async (_, request) => {
    expect(await guardRequest(request)).toBeNull();
  });

  it.each([
    ['a declared body over 16 KB', new Request(URL_, { method: 'POST', headers: { 'content-length': '20000' } }), 413],
    ['a streamed body over 16 KB', streamed(16 * 1024 + 1), 413],
    ['an Origin of another site', fetchAction(PHONE_FORM, { origin: 'https://evil.example' }), 403],
    ['an Origin that is no URL', fetchAction(PHONE_FORM, { origin: '%00' }), 403],
    ['the opaque Origin "null"', fetchAction(PHONE_FORM, { origin: 'null' }), 403],
    [
      'a no-JS form from another site',
      new Request(URL_, {
        method: 'POST',
        headers: { ...SAME_ORIGIN, origin: 'https://evil.example', 'content-type': MULTIPART },
        body: NO_SCRIPT_PHONE_FORM,
      }),
      403,
    ],
    ['an empty action header', textAction('[]', { 'next-action': '' }), 400],
    ['a text body that is not JSON', textAction('country=US'), 400],
    ['arguments that are not an array', textAction('{"0":"a"}'), 400],
    ['a promise reference', textAction('["$@1"]'), 400],
    ['a Map reference', textAction('[{"a":"$Q1"}]'), 400],
    ['an outlined row reference', textAction('["$1"]'), 400],
    ['arguments nested past any form', textAction(`${'['.repeat(12)}${']'.repeat(12)}`), 400],
    ['a multipart body that does not parse', fetchAction('garbage'), 400],
    ['a multipart action without its arguments row', fetchAction(multipart([['_1_phone', '1']])), 400],
    [
      'a file part',
      fetchAction(
        multipart([
          ['_1_phone', '1', 'phone.txt'],
          ['0', '[]'],
        ]),
      ),
      400,
    ],
    [
      'a field without a name',
      fetchAction(
        multipart([
          ['', 'x'],
          ['0', '[]'],
        ]),
      ),
      400,
    ],
    [
      'a case-folded multipart type, which Next reads as text',
      fetchAction(PHONE_FORM, { 'content-type': `Multipart/Form-Data; boundary=${BOUNDARY}` }),
      400,
    ],
    [
      'a no-JS descriptor that is not JSON',
      noScriptForm(
        multipart([
          ['$ACTION_REF_1', ''],
          ['$ACTION_1:0', `{"id":"${ACTION_ID}",`],
        ]),
      ),
      400,
    ],
    [
      'a no-JS descriptor bound to a missing row',
      noScriptForm(
        multipart([
          ['$ACTION_REF_1', ''],
          ['$ACTION_1:0', JSON.stringify({ id: ACTION_ID, bound: '$@2' })],
        ]),
      ),
      400,
    ],
    [
      'no-JS bound arguments that are not an array',
      noScriptForm(
        multipart([
          ['$ACTION_REF_1', ''],
          ['$ACTION_1:0', JSON.stringify({ id: ACTION_ID, bound: '$@1' })],
          ['$ACTION_1:1', '{}'],
        ]),
      ),
      400,
    ],
  ])('refuses %s', async (_, request, status) => {
    expect(await guardRequest(request)).toMatchObject({ status });
  });
});

describe('guardRequest on a client navigation', () => {
  const navigation = (state: string) =>
    new Request(URL_, { headers: { rsc: '1', 'next-router-state-tree': encodeURIComponent(state) } });

  it('lets through the router state Next sends', async () => {
    const state = '["",{"children":["(auth)",{"children":["login",{"children":["__PAGE__",{}]}]}]},null,null,true]';
    expect(await guardRequest(navigation(state))).toBeNull();
    expect(await guardRequest(navigation('["",{"children":[["slug","a","d"],{}]}]'))).toBeNull();
  });

  it.each([
    '{"":true}',
    '[]',
    '["",[]]',
    '[1,{}]',
    '["",{"children":"x"}]',
    'not json',
    `${'['.repeat(40)}"",{}${']'.repeat(40)}`,
  ])('refuses the router state %j with a 400', async (state) => {
    expect(await guardRequest(navigation(state))).toMatchObject({ status: 400 });
  });

  it('refuses a router state that is not even URI-encoded text', async () => {
    expect(await guardRequest(new Request(URL_, { headers: { 'next-router-state-tree': '%E0%A4%A' } }))).toMatchObject({
      status: 400,
    });
  });
});

describe('guardRequest with serverActions.allowedOrigins', () => {
  it('lets through an Origin listed there, as Next does', async () => {
    allowOrigins('App.Example.com');
    expect(await guardRequest(fetchAction(PHONE_FORM, { origin: 'https://app.example.com' }))).toBeNull();
    expect(await guardRequest(fetchAction(PHONE_FORM, { origin: 'https://evil.example' }))).toMatchObject({
      status: 403,
    });
  });

  it('leaves other hosts to Next when a wildcard pattern is listed', async () => {
    allowOrigins('*.example.com');
    expect(await guardRequest(fetchAction(PHONE_FORM, { origin: 'https://eu.example.com' }))).toBeNull();
    expect(await guardRequest(fetchAction(PHONE_FORM, { origin: '%00' }))).toMatchObject({ status: 403 });
  });
});
