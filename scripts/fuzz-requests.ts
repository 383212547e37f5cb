/**
 * The requests `npm run fuzz` fires, as fast-check arbitraries: one seed always gives the same requests. Each names
 * its category, so the report can say what kind of input a failure came from.
 */
import fc from 'fast-check';

export const ACTION_NAMES = ['sendCode', 'resendCode', 'verifyCode', 'signOut', 'signOutEverywhere'] as const;
export type ActionName = (typeof ACTION_NAMES)[number];

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
  actionIds: Record<ActionName, string>;
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
// Any code point, lone surrogates included; fast-check's own 'binary' unit spends over a second building its tables.
const anyCodePoint = fc.nat({ max: 0x10ffff }).map((point) => String.fromCodePoint(point));
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
const fieldsOf = ([extra, names, values]: [[string, string][], string[], string[]]): [string, string][] => [
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

/** Percent-encodes the text's UTF-8 bytes but unreserved ASCII; a lone surrogate goes as U+FFFD, as browsers send it. */
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

const TAMPERINGS = [
  'flip',
  'truncate',
  'drop-segment',
  'append',
  'swap',
  'random',
  'prefix-only',
  'empty',
  'huge',
  'quoted',
  'unicode',
  'twice',
  'other-name',
] as const;
type Tampering = (typeof TAMPERINGS)[number];

type Part = { name: string; value: string };
type MultipartShape = 'proper' | 'lf-only' | 'unterminated' | 'wrong-boundary' | 'no-boundary' | 'files' | 'garbage';

/** A multipart body of `parts`, well formed or broken in one of the ways `shape` names. */
export function multipart(parts: Part[], shape: MultipartShape = 'proper'): { body: Buffer; contentType: string } {
  const boundary = '----fuzzBoundary7MA4YWxkTrZu0gW';
  const eol = shape === 'lf-only' ? '\n' : '\r\n';
  const sections = parts.map(({ name, value }) => {
    const disposition = `Content-Disposition: form-data; name="${name.replace(/"/g, '%22')}"${shape === 'files' ? '; filename="x.txt"' : ''}`;
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

/** Every arbitrary that needs the running app: its action ids, its cookies. */
export function requestArbitrary(target: FuzzTarget): fc.Arbitrary<FuzzRequest> {
  const { actionIds, cookieName, cookies, origin } = target;
  const host = new URL(origin).host;
  const actionName = fc.constantFrom(...ACTION_NAMES);

  // Sign-out ends the session it is sent with, so it only ever gets the second user's.
  const sessionFor = (action: ActionName | undefined) =>
    action === 'signOut' || action === 'signOutEverywhere' ? cookies.disposable : cookies.signedIn;
  const tamper = fc.tuple(
    fc.constantFrom(...TAMPERINGS),
    fc.double({ min: 0, max: 1, noNaN: true }),
    fc.string({
      unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_*~.'),
      maxLength: 60,
    }),
    fc.constantFrom('signedIn', 'challenge'),
  );
  const cookieHeader = (action?: ActionName) =>
    fc.oneof(
      { weight: 3, arbitrary: fc.constant<string | undefined>(undefined) },
      { weight: 2, arbitrary: fc.constant(`${cookieName}=${sessionFor(action)}`) },
      { weight: 2, arbitrary: fc.constant(`${cookieName}=${cookies.challenge}`) },
      {
        weight: 4,
        arbitrary: tamper.map(([operation, at, junk, which]) =>
          tamperedCookie(which === 'signedIn' ? sessionFor(action) : cookies.challenge, operation, at, junk),
        ),
      },
    );
  /** A Cookie header carrying `seal` damaged in one of the ways a bug, a proxy or an attacker might. */
  function tamperedCookie(seal: string, operation: Tampering, at: number, junk: string): string {
    const position = Math.floor(at * seal.length);
    const segments = seal.split('*');
    const withValue = (value: string) => `${cookieName}=${value}`;
    switch (operation) {
      case 'flip':
        return withValue(`${seal.slice(0, position)}${seal[position] === 'A' ? 'B' : 'A'}${seal.slice(position + 1)}`);
      case 'truncate':
        return withValue(seal.slice(0, position));
      case 'drop-segment':
        return withValue(segments.filter((_, index) => index !== Math.floor(at * segments.length)).join('*'));
      case 'append':
        return withValue(`${seal}${junk}`);
      case 'swap':
        return withValue([...segments].reverse().join('*'));
      case 'random':
        return withValue(junk);
      case 'prefix-only':
        return withValue(`Fe26.2*${junk}`);
      case 'empty':
        return withValue('');
      case 'huge':
        return withValue(seal.repeat(Math.max(1, Math.floor(at * 12))));
      case 'quoted':
        return withValue(`"${seal}"`);
      case 'unicode':
        return withValue(headerValue(`${seal.slice(0, position)}é🙂${seal.slice(position)}`));
      case 'twice':
        return `${withValue(seal)}; ${withValue(junk)}`;
      case 'other-name':
        return `x${cookieName}=${seal}; ${cookieName}_=${junk}`;
    }
  }

  const baseHeaders = (cookie: string | undefined, extra: Record<string, string> = {}) => ({
    'user-agent': 'passcode-fuzz',
    ...(cookie === undefined ? {} : { cookie }),
    ...extra,
  });
  const actionHeaders = (name: ActionName, cookie: string | undefined, contentType: string) =>
    baseHeaders(cookie, {
      'next-action': actionIds[name],
      origin,
      'content-type': contentType,
      accept: 'text/x-component',
    });
  /** Where the action's form lives, or anywhere else: Next routes an action posted to any page. */
  const actionPath = (name: ActionName) =>
    fc.oneof(
      {
        weight: 4,
        arbitrary: fc.constant(
          name === 'sendCode' ? '/login' : name.startsWith('signOut') ? '/account' : '/login/verify',
        ),
      },
      path,
    );

  const page = fc
    .record({ method: fc.constantFrom('GET', 'GET', 'GET', 'HEAD'), path, query, cookie: cookieHeader() })
    .map(({ method, path: target, query: search, cookie }): FuzzRequest => ({
      category: 'page',
      method,
      path: `${target}${search}`,
      headers: baseHeaders(cookie),
    }));

  const nextParam = fc
    .record({
      next: fc.oneof(fc.constantFrom(...NEXT_VALUES), junkText),
      raw: fc.boolean(),
      signedIn: fc.boolean(),
      to: fc.constantFrom('/login', '/login', '/account', '/'),
    })
    .map(({ next, raw, signedIn, to }): FuzzRequest => ({
      category: 'next-param',
      method: 'GET',
      path: `${to}?next=${raw ? printable(next.slice(0, 2000)) : percentEncode(next.slice(0, 2000))}`,
      headers: baseHeaders(signedIn ? `${cookieName}=${cookies.signedIn}` : undefined),
    }));

  const actionMultipart = actionName.chain((name) =>
    fc
      .record({
        fields: formFields,
        root: replyRoot,
        prefix: fc.constantFrom('_1_', '_1_', '_1_', '1_', '_2_', ''),
        shape: multipartShape,
        at: actionPath(name),
        cookie: cookieHeader(name),
      })
      .map(({ fields, root, prefix, shape, at, cookie }): FuzzRequest => {
        const { body, contentType } = multipart(
          [...fieldsOf(fields).map(([key, value]) => ({ name: `${prefix}${key}`, value })), { name: '0', value: root }],
          shape,
        );
        return {
          category: 'action-multipart',
          method: 'POST',
          path: at,
          headers: actionHeaders(name, cookie, contentType),
          body,
        };
      }),
  );

  const actionText = actionName.chain((name) =>
    fc
      .record({
        body: fc.oneof(
          { weight: 3, arbitrary: replyRoot },
          fc
            .tuple(
              previousState,
              fc.dictionary(fc.constantFrom('country', 'phone', 'code', 'next'), fc.oneof(formValue, fc.jsonValue())),
            )
            .map((args) => JSON.stringify(args)),
          junkText,
        ),
        at: actionPath(name),
        cookie: cookieHeader(name),
      })
      .map(({ body, at, cookie }): FuzzRequest => ({
        category: 'action-text',
        method: 'POST',
        path: at,
        headers: actionHeaders(name, cookie, 'text/plain;charset=UTF-8'),
        body: Buffer.from(body, 'utf8'),
      })),
  );

  const actionContentType = fc
    .record({
      name: actionName,
      contentType: fc.constantFrom(
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
      ),
      body: fc.oneof(
        fc.constantFrom(
          '{"country":"US","phone":"2015550123"}',
          'country=US&phone=2015550123',
          '--x\r\nContent-Disposition: form-data; name="0"\r\n\r\n[]\r\n--x--\r\n',
        ),
        replyRoot,
        junkText,
      ),
    })
    .map(({ name, contentType, body }): FuzzRequest => {
      const headers: Record<string, string> = actionHeaders(name, undefined, contentType);
      if (contentType === 'none') delete headers['content-type'];
      return {
        category: 'action-content-type',
        method: 'POST',
        path: '/login',
        headers,
        body: Buffer.from(body, 'utf8'),
      };
    });

  const realId = fc.constantFrom(...Object.values(actionIds));
  const actionId = fc
    .record({
      // Undefined leaves the header out: a multipart post that names no action.
      id: fc.oneof(
        fc.constant(undefined),
        fc.constantFrom('', '0', 'null', 'undefined', '$K1', '0'.repeat(42), 'f'.repeat(42)),
        fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 38, maxLength: 46 }),
        realId.map((id) => id.toUpperCase()),
        realId.map((id) => `${id.slice(0, -1)}${id.endsWith('0') ? '1' : '0'}`),
        realId.map((id) => `${id} `),
        realId.map((id) => `${id},${id}`),
        fc.nat({ max: 3000 }).map((length) => 'a'.repeat(length)),
        junkText.map((text) => headerValue(text.slice(0, 2000))),
      ),
      fields: formFields,
      at: path,
    })
    .map(({ id, fields, at }): FuzzRequest => {
      const { body, contentType } = multipart(
        [
          ...fieldsOf(fields).map(([key, value]) => ({ name: `_1_${key}`, value })),
          { name: '0', value: '[{"status":"idle"},"$K1"]' },
        ],
        'proper',
      );
      const named: Record<string, string> = id === undefined ? {} : { 'next-action': id };
      return {
        category: 'action-id',
        method: 'POST',
        path: at,
        headers: { ...baseHeaders(undefined), ...named, origin, 'content-type': contentType },
        body,
      };
    });

  // What a browser without JavaScript posts: the action named by hidden `$ACTION_…` fields instead of a header.
  const descriptor = fc.oneof(
    { weight: 3, arbitrary: realId.map((id) => JSON.stringify({ id, bound: '$@1' })) },
    realId.map((id) => JSON.stringify({ id, bound: null })),
    realId.map((id) => `{"id":"${id}",`),
    realId.map((id) => `{"id":"${id}","bound":"$@9"}`),
    realId.map((id) => `{"id":"${id}","bound":${JSON.stringify(NASTY_STRINGS)}}`),
    junkText,
  );
  const formPost = fc
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
      cookie: cookieHeader(),
      withOrigin: fc.boolean(),
    })
    .map(({ kind, id, descriptor: described, bound, fields, shape, at, cookie, withOrigin }): FuzzRequest => {
      const hidden: Part[] =
        kind === 'id'
          ? [{ name: `$ACTION_ID_${id}`, value: '' }]
          : kind === 'none'
            ? []
            : Array.from({ length: kind === 'three-refs' ? 3 : 1 }, (_, index) => [
                { name: `$ACTION_REF_${index + 1}`, value: '' },
                { name: `$ACTION_${index + 1}:0`, value: described },
                { name: `$ACTION_${index + 1}:1`, value: bound },
              ]).flat();
      // A no-JS post of sign-out would end the shared session; those get the second user's instead.
      const safeCookie =
        cookie?.includes(cookies.signedIn) && kind !== 'none'
          ? cookie.replace(cookies.signedIn, cookies.disposable)
          : cookie;
      const { body, contentType } = multipart(
        [
          ...hidden,
          { name: '$ACTION_KEY', value: 'k0' },
          ...fieldsOf(fields).map(([name, value]) => ({ name, value })),
        ],
        shape,
      );
      return {
        category: 'form-post',
        method: 'POST',
        path: at,
        headers: baseHeaders(safeCookie, { 'content-type': contentType, ...(withOrigin ? { origin } : {}) }),
        body,
      };
    });

  const cookieCategory = fc
    .record({ action: fc.option(actionName, { nil: undefined }), at: path, tampered: tamper, fields: formFields })
    .map(({ action, at, tampered: [operation, position, junk, which], fields }): FuzzRequest => {
      const cookie = tamperedCookie(
        which === 'signedIn' ? sessionFor(action) : cookies.challenge,
        operation,
        position,
        junk,
      );
      if (!action) return { category: 'cookie', method: 'GET', path: at, headers: baseHeaders(cookie) };
      const { body, contentType } = multipart(
        [
          ...fieldsOf(fields).map(([key, value]) => ({ name: `_1_${key}`, value })),
          { name: '0', value: '[{"status":"idle"},"$K1"]' },
        ],
        'proper',
      );
      return {
        category: 'cookie',
        method: 'POST',
        path: at,
        headers: actionHeaders(action, cookie, contentType),
        body,
      };
    });

  // Not TRACE: Next cannot build the proxy's Request for it (fetch forbids the method) and answers 500, which no app
  // code runs early enough to change. A front proxy (Vercel's, nginx's default) refuses TRACE before it gets here.
  const method = fc
    .record({
      method: fc.constantFrom('PUT', 'DELETE', 'PATCH', 'OPTIONS', 'PROPFIND', 'FOO', 'get', 'post'),
      at: path,
      action: fc.option(actionName, { nil: undefined }),
      body: fc.option(junkText, { nil: undefined }),
    })
    .map(({ method: verb, at, action, body }): FuzzRequest => ({
      category: 'method',
      method: verb,
      path: at,
      headers: action ? actionHeaders(action, undefined, 'text/plain;charset=UTF-8') : baseHeaders(undefined),
      body: body === undefined ? undefined : Buffer.from(body, 'utf8'),
    }));

  const routerTree = fc.oneof(
    fc.constantFrom('%', '%5B', '[]', '{}', 'null', '["",{"children":["login",{}]}]', '[[[[[[[[[[', 'x'.repeat(8000)),
    fc.jsonValue().map((value) => percentEncode(JSON.stringify(value))),
  );
  const header = fc
    .record({
      kind: fc.constantFrom('origin', 'origin', 'router', 'forwarded', 'info', 'huge'),
      badOrigin: fc.oneof(
        fc.constantFrom(...BAD_ORIGINS),
        junkText.map((text) => headerValue(text.slice(0, 200))),
      ),
      tree: routerTree,
      junk: junkText.map((text) => headerValue(text.slice(0, 4000))),
      action: actionName,
      at: path,
      fields: formFields,
    })
    .map(({ kind, badOrigin, tree, junk, action, at, fields }): FuzzRequest => {
      const { body, contentType } = multipart(
        [
          ...fieldsOf(fields).map(([key, value]) => ({ name: `_1_${key}`, value })),
          { name: '0', value: '[{"status":"idle"},"$K1"]' },
        ],
        'proper',
      );
      switch (kind) {
        case 'origin':
          return {
            category: 'header',
            method: 'POST',
            path: at,
            headers: { ...actionHeaders(action, undefined, contentType), origin: badOrigin },
            body,
          };
        case 'router':
          return {
            category: 'header',
            method: 'GET',
            path: at,
            headers: baseHeaders(undefined, {
              rsc: '1',
              'next-router-state-tree': tree,
              'next-router-prefetch': '1',
              'next-url': junk.slice(0, 200),
            }),
          };
        case 'forwarded':
          return {
            category: 'header',
            method: 'GET',
            path: at,
            headers: baseHeaders(`__Host-${cookieName}=${cookies.signedIn}`, {
              'x-forwarded-proto': junk.length % 2 ? 'https' : junk.slice(0, 20),
              'x-forwarded-host': junk.slice(0, 100) || host,
              'x-forwarded-for': junk.slice(0, 100),
            }),
            spoofedHost: true,
          };
        case 'info':
          return {
            category: 'header',
            method: 'GET',
            path: at,
            headers: baseHeaders(undefined, {
              'accept-language': junk,
              'x-vercel-ip-country': junk.slice(0, 10),
              'user-agent': junk,
            }),
          };
        default:
          return {
            category: 'header',
            method: 'GET',
            path: at,
            headers: baseHeaders(undefined, { 'x-junk': 'j'.repeat(17_000) }),
          };
      }
    });

  const bodySize = fc
    .record({
      size: fc.constantFrom(0, 16_000, 17_000, 70_000, 300_000),
      chunked: fc.boolean(),
      action: actionName,
      text: fc.boolean(),
    })
    .map(({ size, chunked, action, text }): FuzzRequest => {
      // Size 0 is an empty body; the others carry a field of that many bytes.
      const { body, contentType } =
        size === 0
          ? {
              body: Buffer.alloc(0),
              contentType: text ? 'text/plain;charset=UTF-8' : 'multipart/form-data; boundary=x',
            }
          : text
            ? {
                body: Buffer.from(JSON.stringify([{ status: 'idle' }, 'p'.repeat(size)]), 'utf8'),
                contentType: 'text/plain;charset=UTF-8',
              }
            : multipart(
                [
                  { name: '_1_phone', value: 'p'.repeat(size) },
                  { name: '0', value: '[{"status":"idle"},"$K1"]' },
                ],
                'proper',
              );
      return {
        category: 'body-size',
        method: 'POST',
        path: '/login',
        headers: actionHeaders(action, undefined, contentType),
        body,
        chunked,
      };
    });

  // Actions take most of the budget: they are where request bodies are decoded. A page render costs several
  // refused actions, so pages get a smaller share that still covers each of them hundreds of times.
  return fc.oneof(
    { weight: 6, arbitrary: page },
    { weight: 4, arbitrary: nextParam },
    { weight: 18, arbitrary: actionMultipart },
    { weight: 14, arbitrary: actionText },
    { weight: 6, arbitrary: actionContentType },
    { weight: 7, arbitrary: actionId },
    { weight: 8, arbitrary: formPost },
    { weight: 8, arbitrary: cookieCategory },
    { weight: 5, arbitrary: method },
    { weight: 10, arbitrary: header },
    { weight: 4, arbitrary: bodySize },
  );
}
