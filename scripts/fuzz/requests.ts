/**
 * The requests `npm run fuzz` fires, as fast-check arbitraries: one seed always gives the same requests. Each names
 * its category, so the report can say what kind of input a failure came from. One generator per category, at the end.
 */
import fc from 'fast-check';
import { anyCodePoint } from '../../test-support/arbitraries';
import { ACTION_NAMES, actionFormParts, type ActionIds, type ActionName, type FormPart } from '../lib/app-client';

export const CATEGORIES = [
  'page',
  'next-param',
  'action-multipart',
  'action-text',
  'action-content-type',
  'action-id',
  'form-post',
  'cookie',
  'method',
  'header',
  'body-size',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** What the running app gave the fuzzer: its address, its action ids and cookies from real sign-ins. */
export type FuzzTarget = {
  origin: string;
  actionIds: ActionIds;
  cookieName: string;
  /** A signed-in session, a pending challenge, and a second user's session that sign-out requests may end. */
  cookies: { signedIn: string; challenge: string; disposable: string };
};

export type FuzzRequest = {
  category: Category;
  method: string;
  /** Already a valid request target: anything outside printable ASCII is percent-encoded. */
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** Sent with Transfer-Encoding: chunked and no Content-Length, as a streaming client would. */
  chunked?: boolean;
  /** Host or forwarding headers were changed, so redirects may rightly name another host. */
  spoofedHost?: boolean;
};

const PAGES = ['/', '/login', '/login/verify', '/account'];
const ODD_PATHS = [
  '/account/',
  '/login/',
  '//login',
  '/login/../account',
  '/%2e%2e/account',
  '/login%2fverify',
  '/LOGIN',
  '/account/x/y',
  '/_next/static/../../account',
  '/_not-found',
  '/nothing-here',
  '/%',
  '/%zz',
  '/%00',
  '/%ff%fe',
  '/login;x=1',
  '/icon',
  '/favicon.ico',
  '/robots.txt',
  '/_next/image?url=%2Fx&w=1&q=1',
  '/_next/data/x/login.json',
  '/.env',
  '/index.php',
  `/${'a'.repeat(4000)}`,
];
// Strings that have broken parsers before: injections, React's reply markers, prototype names, odd whitespace.
const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\r\n',
  '\u2028',
  '\ufeff',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  "' OR 1=1--",
  '${7*7}',
  '%00',
  '%',
  '__proto__',
  'constructor',
  '$K1',
  '$@0',
  '$Q1',
  '$F1',
  '$$',
  '$undefined',
  'null',
  '[]',
  '{}',
  '+1 201 555 0123',
  '+10000000000',
  '000000',
  '123456',
  '١٢٣٤٥٦',
];
const NEXT_VALUES = [
  '/account',
  '//evil.example',
  '/.//evil.example',
  '/%2e%2e//evil.example',
  '/\\evil.example',
  'https://evil.example/',
  'javascript:alert(1)',
  '//',
  '/%0d%0aSet-Cookie:x=1',
  `/${'n'.repeat(600)}`,
];
const BAD_ORIGINS = [
  'null',
  'http://evil.example',
  'garbage',
  '',
  'http://127.0.0.1:9',
  'http://127.0.0.1:3500.evil.example',
  'https://127.0.0.1',
  'http://[::1',
  'http://ü.example',
];

const ascii = fc.string({ maxLength: 40 });
const junkText = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 3, arbitrary: ascii },
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: anyCodePoint, maxLength: 30 }),
  fc.nat({ max: 20_000 }).map((length) => 'x'.repeat(length)),
);
const plausiblePhone = fc
  .tuple(fc.integer({ min: 200, max: 999 }), fc.integer({ min: 200, max: 999 }), fc.integer({ min: 0, max: 9999 }))
  .map(([area, exchange, line]) => `(${area}) ${exchange}-${String(line).padStart(4, '0')}`);
const formValue = fc.oneof(
  { weight: 4, arbitrary: junkText },
  fc.constantFrom('US', 'CA', 'GB', 'ZZ', '123456', '12 34 56'),
  plausiblePhone,
  fc.constantFrom(...NEXT_VALUES),
);
const fieldName = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('country', 'phone', 'code', 'next') },
  fc.constantFrom('$ACTION_KEY', '__proto__', '0', ''),
  ascii,
);
/** The fields of one of the app's forms, each present or not, and sometimes some others. */
const formFields = fc.tuple(
  fc.array(fc.tuple(fieldName, formValue), { maxLength: 6 }),
  fc.subarray(['country', 'phone', 'code', 'next']),
  fc.array(formValue, { minLength: 4, maxLength: 4 }),
);
type FormFields = [extra: [string, string][], names: string[], values: string[]];
const fieldsOf = ([extra, names, values]: FormFields): [string, string][] => [
  ...names.map((name, index): [string, string] => [name, values[index] ?? '']),
  ...extra,
];

/** Arguments as React's encodeReply writes them: JSON, with "$K1" standing for the FormData in fields `_1_…`. */
const previousState = fc.oneof(
  { weight: 4, arbitrary: fc.constant<unknown>({ status: 'idle' }) },
  fc.constant<unknown>('$undefined'),
  fc.jsonValue(),
);
const replyRoot = fc.oneof(
  { weight: 6, arbitrary: previousState.map((state) => JSON.stringify([state, '$K1'])) },
  previousState.map((state) => JSON.stringify([state])),
  fc.constantFrom(
    '[]',
    '{}',
    '"$K1"',
    '1',
    'null',
    '[',
    '',
    '["$@1"]',
    '["$Q1"]',
    '["$F1"]',
    '["$T"]',
    '["$n1"]',
    '["$D2020"]',
    '["$K2"]',
    '["$1"]',
  ),
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc.nat({ max: 6000 }).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`),
  ascii,
);

/** Percent-encodes the UTF-8 bytes but unreserved ASCII; a lone surrogate goes as U+FFFD, as browsers send it. */
const percentEncode = (text: string) =>
  [...Buffer.from(text, 'utf8')]
    .map((byte) =>
      /[A-Za-z0-9._~-]/.test(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).padStart(2, '0')}`,
    )
    .join('');
/** Keeps printable ASCII as it is (slashes, dots, "%" and all) and percent-encodes the rest. */
const printable = (text: string) =>
  [...text].map((character) => (/^[\x21-\x7e]$/.test(character) ? character : percentEncode(character))).join('');
/** A header value as raw bytes: text goes out as its UTF-8 bytes, without the control characters node refuses. */
const headerValue = (text: string) =>
  Buffer.from(text, 'utf8')
    .toString('latin1')
    .replace(/[\x00-\x08\x0a-\x1f\x7f]/g, '');

const path = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...PAGES) },
  fc.constantFrom(...ODD_PATHS),
  ascii.map((text) => `/${printable(text)}`),
);
const query = fc.oneof(
  { weight: 3, arbitrary: fc.constant('') },
  fc
    .array(fc.tuple(fc.oneof(fc.constantFrom('next', 'x', '_rsc', '__nextDataReq'), ascii), junkText), {
      minLength: 1,
      maxLength: 3,
    })
    .map(
      (pairs) =>
        `?${pairs.map(([key, value]) => `${percentEncode(key)}=${percentEncode(value.slice(0, 2000))}`).join('&')}`,
    ),
  fc.constantFrom('?', '?&', '?next', '?next=%', '?next=%E0%A4%A', '?a=1&a=2&next=/account&next=//evil.example'),
);

type MultipartShape = 'proper' | 'lf-only' | 'unterminated' | 'wrong-boundary' | 'no-boundary' | 'files' | 'garbage';

/** A multipart body of `parts`, well formed or broken in one of the ways `shape` names. */
function multipart(parts: FormPart[], shape: MultipartShape = 'proper'): { body: Buffer; contentType: string } {
  const boundary = '----fuzzBoundary7MA4YWxkTrZu0gW';
  const eol = shape === 'lf-only' ? '\n' : '\r\n';
  const sections = parts.map(({ name, value }) => {
    const file = shape === 'files' ? '; filename="x.txt"' : '';
    const disposition = `Content-Disposition: form-data; name="${name.replace(/"/g, '%22')}"${file}`;
    return `--${boundary}${eol}${disposition}${eol}${eol}${value}${eol}`;
  });
  const text =
    shape === 'garbage'
      ? parts.map((part) => part.value).join('&')
      : `${sections.join('')}${shape === 'unterminated' ? '' : `--${boundary}--${eol}`}`;
  const declared =
    shape === 'wrong-boundary'
      ? 'multipart/form-data; boundary=somethingElse'
      : shape === 'no-boundary'
        ? 'multipart/form-data'
        : `multipart/form-data; boundary=${boundary}`;
  return { body: Buffer.from(text, 'utf8'), contentType: declared };
}
const multipartShape = fc.oneof(
  { weight: 12, arbitrary: fc.constant<MultipartShape>('proper') },
  fc.constantFrom<MultipartShape>('lf-only', 'unterminated', 'wrong-boundary', 'no-boundary', 'files', 'garbage'),
);
/** An action form of these fields, as the browser's JavaScript encodes it. */
const actionForm = (fields: FormFields) => multipart(actionFormParts(fieldsOf(fields)));

/** What a tampering gets: the seal, where in it to act (0 to 1), junk to add, and the cookie's name. */
type Damage = { seal: string; at: number; junk: string; name: string };

/** The ways a bug, a proxy or an attacker might damage a sealed cookie; each gives the whole Cookie header. */
const TAMPERINGS = {
  flip: ({ seal, at, name }: Damage) => {
    const position = Math.floor(at * seal.length);
    return `${name}=${seal.slice(0, position)}${seal[position] === 'A' ? 'B' : 'A'}${seal.slice(position + 1)}`;
  },
  truncate: ({ seal, at, name }: Damage) => `${name}=${seal.slice(0, Math.floor(at * seal.length))}`,
  'drop-segment': ({ seal, at, name }: Damage) => {
    const segments = seal.split('*');
    return `${name}=${segments.filter((_, index) => index !== Math.floor(at * segments.length)).join('*')}`;
  },
  append: ({ seal, junk, name }: Damage) => `${name}=${seal}${junk}`,
  swap: ({ seal, name }: Damage) => `${name}=${seal.split('*').reverse().join('*')}`,
  random: ({ junk, name }: Damage) => `${name}=${junk}`,
  'prefix-only': ({ junk, name }: Damage) => `${name}=Fe26.2*${junk}`,
  empty: ({ name }: Damage) => `${name}=`,
  huge: ({ seal, at, name }: Damage) => `${name}=${seal.repeat(Math.max(1, Math.floor(at * 12)))}`,
  quoted: ({ seal, name }: Damage) => `${name}="${seal}"`,
  unicode: ({ seal, at, name }: Damage) => {
    const position = Math.floor(at * seal.length);
    return `${name}=${headerValue(`${seal.slice(0, position)}é🙂${seal.slice(position)}`)}`;
  },
  twice: ({ seal, junk, name }: Damage) => `${name}=${seal}; ${name}=${junk}`,
  'other-name': ({ seal, junk, name }: Damage) => `x${name}=${seal}; ${name}_=${junk}`,
} satisfies Record<string, (damage: Damage) => string>;
type Tampering = keyof typeof TAMPERINGS;

/** A Cookie header carrying `seal` damaged in the named way. */
const tamperedCookie = (name: string, seal: string, tampering: Tampering, at: number, junk: string) =>
  TAMPERINGS[tampering]({ seal, at, junk, name });

/** The building blocks that know the running app: its origin, action ids and cookies. */
type Kit = ReturnType<typeof kitFor>;

function kitFor({ actionIds, cookieName, cookies, origin }: FuzzTarget) {
  // Sign-out ends the session it is sent with, so it only ever gets the second user's.
  const sessionFor = (action: ActionName | undefined) =>
    action === 'signOut' || action === 'signOutEverywhere' ? cookies.disposable : cookies.signedIn;
  const tamper = fc.tuple(
    fc.constantFrom(...(Object.keys(TAMPERINGS) as Tampering[])),
    fc.double({ min: 0, max: 1, noNaN: true }),
    fc.string({
      unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_*~.'),
      maxLength: 60,
    }),
    fc.constantFrom('signedIn', 'challenge'),
  );
  const sealFor = (which: string, action?: ActionName) =>
    which === 'signedIn' ? sessionFor(action) : cookies.challenge;
  const baseHeaders = (cookie: string | undefined, extra: Record<string, string> = {}) => ({
    'user-agent': 'passcode-fuzz',
    ...(cookie === undefined ? {} : { cookie }),
    ...extra,
  });
  return {
    origin,
    host: new URL(origin).host,
    cookieName,
    cookies,
    actionName: fc.constantFrom(...ACTION_NAMES),
    realId: fc.constantFrom(...Object.values(actionIds)),
    sessionFor,
    tamper,
    sealFor,
    baseHeaders,
    /** No cookie, the real ones, or one of them tampered with. */
    cookieHeader: (action?: ActionName) =>
      fc.oneof(
        { weight: 3, arbitrary: fc.constant<string | undefined>(undefined) },
        { weight: 2, arbitrary: fc.constant(`${cookieName}=${sessionFor(action)}`) },
        { weight: 2, arbitrary: fc.constant(`${cookieName}=${cookies.challenge}`) },
        {
          weight: 4,
          arbitrary: tamper.map(([tampering, at, junk, which]) =>
            tamperedCookie(cookieName, sealFor(which, action), tampering, at, junk),
          ),
        },
      ),
    actionHeaders: (name: ActionName, cookie: string | undefined, contentType: string) =>
      baseHeaders(cookie, {
        'next-action': actionIds[name],
        origin,
        'content-type': contentType,
        accept: 'text/x-component',
      }),
    /** Where the action's form lives, or anywhere else: Next routes an action posted to any page. */
    actionPath: (name: ActionName) => fc.oneof({ weight: 4, arbitrary: fc.constant(FORM_PAGES[name]) }, path),
  };
}

const FORM_PAGES: Record<ActionName, string> = {
  sendCode: '/login',
  resendCode: '/login/verify',
  verifyCode: '/login/verify',
  signOut: '/account',
  signOutEverywhere: '/account',
};

function pageRequests(kit: Kit): fc.Arbitrary<FuzzRequest> {
  return fc
    .record({ method: fc.constantFrom('GET', 'GET', 'GET', 'HEAD'), path, query, cookie: kit.cookieHeader() })
    .map(({ method, path: target, query: search, cookie }) => ({
      category: 'page',
      method,
      path: `${target}${search}`,
      headers: kit.baseHeaders(cookie),
    }));
}

function nextParamRequests(kit: Kit): fc.Arbitrary<FuzzRequest> {
  return fc
    .record({
      next: fc.oneof(fc.constantFrom(...NEXT_VALUES), junkText),
      raw: fc.boolean(),
      signedIn: fc.boolean(),
      to: fc.constantFrom('/login', '/login', '/account', '/'),
    })
    .map(({ next, raw, signedIn, to }) => ({
      category: 'next-param',
      method: 'GET',
      path: `${to}?next=${raw ? printable(next.slice(0, 2000)) : percentEncode(next.slice(0, 2000))}`,
      headers: kit.baseHeaders(signedIn ? `${kit.cookieName}=${kit.cookies.signedIn}` : undefined),
    }));
}

function actionMultipartRequests(kit: Kit): fc.Arbitrary<FuzzRequest> {
  return kit.actionName.chain((name) =>
    fc
      .record({
        fields: formFields,
        root: replyRoot,
        prefix: fc.constantFrom('_1_', '_1_', '_1_', '1_', '_2_', ''),
        shape: multipartShape,
        at: kit.actionPath(name),
        cookie: kit.cookieHeader(name),
      })
      .map(({ fields, root, prefix, shape, at, cookie }) => {
        const { body, contentType } = multipart(actionFormParts(fieldsOf(fields), { prefix, root }), shape);
        return {
          category: 'action-multipart',
          method: 'POST',
          path: at,
          headers: kit.actionHeaders(name, cookie, contentType),
          body,
        };
      }),
  );
}

function actionTextRequests(kit: Kit): fc.Arbitrary<FuzzRequest> {
  const fieldsAsJson = fc
    .tuple(
      previousState,
      fc.dictionary(fc.constantFrom('country', 'phone', 'code', 'next'), fc.oneof(formValue, fc.jsonValue())),
    )
    .map((args) => JSON.stringify(args));
  return kit.actionName.chain((name) =>
    fc
      .record({
        body: fc.oneof({ weight: 3, arbitrary: replyRoot }, fieldsAsJson, junkText),
        at: kit.actionPath(name),
        cookie: kit.cookieHeader(name),
      })
      .map(({ body, at, cookie }) => ({
        category: 'action-text',
        method: 'POST',
        path: at,
        headers: kit.actionHeaders(name, cookie, 'text/plain;charset=UTF-8'),
        body: Buffer.from(body, 'utf8'),
      })),
  );
}

const ODD_CONTENT_TYPES = [
  'application/json',
  'application/x-www-form-urlencoded',
  'application/octet-stream',
  'TEXT/PLAIN',
  'Multipart/Form-Data; boundary=x',
  'multipart/form-data; boundary=',
  'multipart/mixed; boundary=x',
  'text/html',
  'x',
  '',
  'none',
];

function actionContentTypeRequests(kit: Kit): fc.Arbitrary<FuzzRequest> {
  const plausibleBody = fc.constantFrom(
    '{"country":"US","phone":"2015550123"}',
    'country=US&phone=2015550123',
    '--x\r\nContent-Disposition: form-data; name="0"\r\n\r\n[]\r\n--x--\r\n',
  );
  return fc
    .record({
      name: kit.actionName,
      contentType: fc.constantFrom(...ODD_CONTENT_TYPES),
      body: fc.oneof(plausibleBody, replyRoot, junkText),
    })
    .map(({ name, contentType, body }) => {
      const headers: Record<string, string> = kit.actionHeaders(name, undefined, contentType);
      if (contentType === 'none') delete headers['content-type'];
      return {
        category: 'action-content-type',
        method: 'POST',
        path: '/login',
        headers,
        body: Buffer.from(body, 'utf8'),
      };
    });
}

function actionIdRequests(kit: Kit): fc.Arbitrary<FuzzRequest> {
  const { realId } = kit;
  // Undefined leaves the header out: a multipart post that names no action.
  const id = fc.oneof(
    fc.constant(undefined),
    fc.constantFrom('', '0', 'null', 'undefined', '$K1', '0'.repeat(42), 'f'.repeat(42)),
    fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 38, maxLength: 46 }),
    realId.map((real) => real.toUpperCase()),
    realId.map((real) => `${real.slice(0, -1)}${real.endsWith('0') ? '1' : '0'}`),
    realId.map((real) => `${real} `),
    realId.map((real) => `${real},${real}`),
    fc.nat({ max: 3000 }).map((length) => 'a'.repeat(length)),
    junkText.map((text) => headerValue(text.slice(0, 2000))),
  );
  return fc.record({ id, fields: formFields, at: path }).map(({ id: named, fields, at }) => {
    const { body, contentType } = actionForm(fields);
    const action: Record<string, string> = named === undefined ? {} : { 'next-action': named };
    return {
      category: 'action-id',
      method: 'POST',
      path: at,
      headers: { ...kit.baseHeaders(undefined), ...action, origin: kit.origin, 'content-type': contentType },
      body,
    };
  });
}

/** What a browser without JavaScript posts: the action named by hidden `$ACTION_…` fields instead of a header. */
function formPostRequests(kit: Kit): fc.Arbitrary<FuzzRequest> {
  const { realId, cookies } = kit;
  const descriptor = fc.oneof(
    { weight: 3, arbitrary: realId.map((id) => JSON.stringify({ id, bound: '$@1' })) },
    realId.map((id) => JSON.stringify({ id, bound: null })),
    realId.map((id) => `{"id":"${id}",`),
    realId.map((id) => `{"id":"${id}","bound":"$@9"}`),
    realId.map((id) => `{"id":"${id}","bound":${JSON.stringify(NASTY_STRINGS)}}`),
    junkText,
  );
  return fc
    .record({
      kind: fc.constantFrom('id', 'ref', 'ref', 'three-refs', 'none'),
      id: fc.oneof(
        { weight: 3, arbitrary: realId },
        fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 42, maxLength: 42 }),
        ascii,
      ),
      descriptor,
      bound: fc.oneof({ weight: 3, arbitrary: fc.constant('[{"status":"idle"}]') }, replyRoot),
      fields: formFields,
      shape: multipartShape,
      at: path,
      cookie: kit.cookieHeader(),
      withOrigin: fc.boolean(),
    })
    .map(({ kind, id, descriptor: described, bound, fields, shape, at, cookie, withOrigin }) => {
      const references = (count: number): FormPart[] =>
        Array.from({ length: count }, (_, index) => [
          { name: `$ACTION_REF_${index + 1}`, value: '' },
          { name: `$ACTION_${index + 1}:0`, value: described },
          { name: `$ACTION_${index + 1}:1`, value: bound },
        ]).flat();
      const hidden: FormPart[] =
        kind === 'id'
          ? [{ name: `$ACTION_ID_${id}`, value: '' }]
          : references(kind === 'none' ? 0 : kind === 'three-refs' ? 3 : 1);
      // A no-JS post of sign-out would end the shared session; those get the second user's instead.
      const safeCookie =
        cookie?.includes(cookies.signedIn) && kind !== 'none'
          ? cookie.replace(cookies.signedIn, cookies.disposable)
          : cookie;
      const visible = fieldsOf(fields).map(([name, value]) => ({ name, value }));
      const { body, contentType } = multipart([...hidden, { name: '$ACTION_KEY', value: 'k0' }, ...visible], shape);
      return {
        category: 'form-post',
        method: 'POST',
        path: at,
        headers: kit.baseHeaders(safeCookie, {
          'content-type': contentType,
          ...(withOrigin ? { origin: kit.origin } : {}),
        }),
        body,
      };
    });
}

function cookieRequests(kit: Kit): fc.Arbitrary<FuzzRequest> {
  return fc
    .record({
      action: fc.option(kit.actionName, { nil: undefined }),
      at: path,
      tampered: kit.tamper,
      fields: formFields,
    })
    .map(({ action, at, tampered: [tampering, position, junk, which], fields }) => {
      const cookie = tamperedCookie(kit.cookieName, kit.sealFor(which, action), tampering, position, junk);
      if (!action) return { category: 'cookie', method: 'GET', path: at, headers: kit.baseHeaders(cookie) };
      const { body, contentType } = actionForm(fields);
      return {
        category: 'cookie',
        method: 'POST',
        path: at,
        headers: kit.actionHeaders(action, cookie, contentType),
        body,
      };
    });
}

// TRACE included: fetch forbids it, so the Node server's stamp (lib/http/peer-address.ts) answers it with 405.
function methodRequests(kit: Kit): fc.Arbitrary<FuzzRequest> {
  return fc
    .record({
      method: fc.constantFrom('PUT', 'DELETE', 'PATCH', 'OPTIONS', 'PROPFIND', 'FOO', 'get', 'post', 'TRACE'),
      at: path,
      action: fc.option(kit.actionName, { nil: undefined }),
      body: fc.option(junkText, { nil: undefined }),
    })
    .map(({ method, at, action, body }) => ({
      category: 'method',
      method,
      path: at,
      headers: action ? kit.actionHeaders(action, undefined, 'text/plain;charset=UTF-8') : kit.baseHeaders(undefined),
      body: body === undefined ? undefined : Buffer.from(body, 'utf8'),
    }));
}

/** What a header attack gets: a bad Origin, a router tree, junk, and an action form to post. */
type HeaderInput = {
  badOrigin: string;
  tree: string;
  junk: string;
  action: ActionName;
  at: string;
  fields: FormFields;
};

type HeaderAttack = (kit: Kit, input: HeaderInput) => Omit<FuzzRequest, 'category'>;

/** A bad Origin, a junk router state, spoofed forwarding, junk request info, or one huge header. */
const HEADER_ATTACKS = {
  origin: (kit, { badOrigin, action, at, fields }) => {
    const { body, contentType } = actionForm(fields);
    return {
      method: 'POST',
      path: at,
      headers: { ...kit.actionHeaders(action, undefined, contentType), origin: badOrigin },
      body,
    };
  },
  router: (kit, { tree, junk, at }) => ({
    method: 'GET',
    path: at,
    headers: kit.baseHeaders(undefined, {
      rsc: '1',
      'next-router-state-tree': tree,
      'next-router-prefetch': '1',
      'next-url': junk.slice(0, 200),
    }),
  }),
  forwarded: (kit, { junk, at }) => ({
    method: 'GET',
    path: at,
    headers: kit.baseHeaders(`__Host-${kit.cookieName}=${kit.cookies.signedIn}`, {
      'x-forwarded-proto': junk.length % 2 ? 'https' : junk.slice(0, 20),
      'x-forwarded-host': junk.slice(0, 100) || kit.host,
      'x-forwarded-for': junk.slice(0, 100),
    }),
    spoofedHost: true,
  }),
  info: (kit, { junk, at }) => ({
    method: 'GET',
    path: at,
    headers: kit.baseHeaders(undefined, {
      'accept-language': junk,
      'x-vercel-ip-country': junk.slice(0, 10),
      'user-agent': junk,
    }),
  }),
  huge: (kit, { at }) => ({
    method: 'GET',
    path: at,
    headers: kit.baseHeaders(undefined, { 'x-junk': 'j'.repeat(17_000) }),
  }),
} satisfies Record<string, HeaderAttack>;

function headerRequests(kit: Kit): fc.Arbitrary<FuzzRequest> {
  const routerTree = fc.oneof(
    fc.constantFrom('%', '%5B', '[]', '{}', 'null', '["",{"children":["login",{}]}]', '[[[[[[[[[[', 'x'.repeat(8000)),
    fc.jsonValue().map((value) => percentEncode(JSON.stringify(value))),
  );
  return fc
    .record({
      kind: fc.constantFrom<keyof typeof HEADER_ATTACKS>('origin', 'origin', 'router', 'forwarded', 'info', 'huge'),
      badOrigin: fc.oneof(
        fc.constantFrom(...BAD_ORIGINS),
        junkText.map((text) => headerValue(text.slice(0, 200))),
      ),
      tree: routerTree,
      junk: junkText.map((text) => headerValue(text.slice(0, 4000))),
      action: kit.actionName,
      at: path,
      fields: formFields,
    })
    .map(({ kind, ...input }) => ({ category: 'header', ...HEADER_ATTACKS[kind](kit, input) }));
}

/** Empty bodies and bodies around and past the limits, as multipart or text, chunked or not. */
function bodySizeRequests(kit: Kit): fc.Arbitrary<FuzzRequest> {
  const bodyOf = (size: number, text: boolean) => {
    if (size === 0)
      return {
        body: Buffer.alloc(0),
        contentType: text ? 'text/plain;charset=UTF-8' : 'multipart/form-data; boundary=x',
      };
    if (text)
      return {
        body: Buffer.from(JSON.stringify([{ status: 'idle' }, 'p'.repeat(size)]), 'utf8'),
        contentType: 'text/plain;charset=UTF-8',
      };
    return multipart(actionFormParts([['phone', 'p'.repeat(size)]]));
  };
  return fc
    .record({
      size: fc.constantFrom(0, 16_000, 17_000, 70_000, 300_000),
      chunked: fc.boolean(),
      action: kit.actionName,
      text: fc.boolean(),
    })
    .map(({ size, chunked, action, text }) => {
      const { body, contentType } = bodyOf(size, text);
      return {
        category: 'body-size',
        method: 'POST',
        path: '/login',
        headers: kit.actionHeaders(action, undefined, contentType),
        body,
        chunked,
      };
    });
}

// Actions take most of the budget: they are where request bodies are decoded. A page render costs several
// refused actions, so pages get a smaller share that still covers each of them hundreds of times.
const GENERATORS: [weight: number, generator: (kit: Kit) => fc.Arbitrary<FuzzRequest>][] = [
  [6, pageRequests],
  [4, nextParamRequests],
  [18, actionMultipartRequests],
  [14, actionTextRequests],
  [6, actionContentTypeRequests],
  [7, actionIdRequests],
  [8, formPostRequests],
  [8, cookieRequests],
  [5, methodRequests],
  [10, headerRequests],
  [4, bodySizeRequests],
];

/** Every request the fuzz may draw against the running app `target`. */
export function requestArbitrary(target: FuzzTarget): fc.Arbitrary<FuzzRequest> {
  const kit = kitFor(target);
  return fc.oneof(...GENERATORS.map(([weight, generator]) => ({ weight, arbitrary: generator(kit) })));
}
