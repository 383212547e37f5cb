import nextConfig from '@/next.config';

// The forms post a phone number or a six-digit code: a body near this size is not a person signing in.
const MAX_BODY_BYTES = 16 * 1024;

export type RequestRefusal = { status: 400 | 403 | 413; message: string };

const CROSS_ORIGIN: RequestRefusal = { status: 403, message: 'Cross-origin request refused' };
const TOO_LARGE: RequestRefusal = { status: 413, message: 'Request body too large' };
const MALFORMED: RequestRefusal = { status: 400, message: 'Malformed server action request' };
const MALFORMED_ROUTER_STATE: RequestRefusal = { status: 400, message: 'Malformed router state' };
// Deeper than any route of this app nests (root, group, page, segment…), far below a stack overflow.
const MAX_ROUTER_STATE_DEPTH = 32;

// The app's forms send nothing nested deeper than the form state object inside the arguments array.
const MAX_DEPTH = 8;

/**
 * Screens a request before Next.js handles it. A body declared over the limit is refused outright. A POST that Next
 * would run as a server action is checked before Next decodes it: Next answers a malformed one with a 500 and an
 * error stack in the log (an Origin it cannot parse or that names another site, a body that is not React's reply
 * format, a streamed body over the limit), and this refuses each with a 4xx instead. It lets through exactly what
 * this app's forms send, with JavaScript (a `next-action` header) or without (a multipart post whose hidden
 * `$ACTION_…` fields name the action).
 */
export async function screenRequest(request: Request): Promise<RequestRefusal | null> {
  if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY_BYTES) return TOO_LARGE;
  if (!isRouterStateHeaderValid(request.headers.get('next-router-state-tree'))) return MALFORMED_ROUTER_STATE;
  if (request.method !== 'POST') return null;
  const actionId = request.headers.get('next-action');
  const contentType = request.headers.get('content-type') ?? '';
  // The tests Next itself applies (server-action-request-meta.ts), so both agree on what is an action and how it is read.
  const multipart = contentType.startsWith('multipart/form-data');
  if (actionId === null && !multipart) return null;
  // Next takes an empty header for a fetch action too, and then trips over its own "missing header" invariant.
  if (actionId === '') return MALFORMED;
  // Next answers an urlencoded action with a 404 of its own, without decoding it.
  if (contentType === 'application/x-www-form-urlencoded') return null;

  if (!isAllowedOrigin(request.headers)) return CROSS_ORIGIN;
  const body = await readBody(request);
  if (!body) return TOO_LARGE;

  if (!multipart) return isReply(new TextDecoder().decode(body)) ? null : MALFORMED;
  const form = await new Request(request.url, { method: 'POST', headers: { 'content-type': contentType }, body })
    .formData()
    .catch(() => null);
  // No form here has a file input or a nameless field; React's decoder throws on the latter.
  if (!form || [...form].some(([name, value]) => name === '' || typeof value !== 'string')) return MALFORMED;
  if (actionId !== null) return isReply(form.get('0')) ? null : MALFORMED;
  return hasValidBoundActions(form) ? null : MALFORMED;
}

// Next's own check (action-handler.ts): an Origin must name this host, as the browser reached it or as the proxy in
// front says, or be listed in next.config.js's `serverActions.allowedOrigins` (behind a proxy that rewrites the
// host). Next also takes wildcard patterns there; with one listed, origins of other hosts are left for Next to judge.
// A request without Origin is not from a browser, and Next lets it through, as this does.
function isAllowedOrigin(headers: Headers): boolean {
  const origin = headers.get('origin');
  if (origin === null) return true;
  const originHost = URL.canParse(origin) ? new URL(origin).host : null;
  if (!originHost) return false;
  const forwardedHost = headers.get('x-forwarded-host')?.split(',')[0]?.trim();
  if (originHost === forwardedHost || originHost === headers.get('host')) return true;
  const allowed = nextConfig.experimental?.serverActions?.allowedOrigins ?? [];
  return allowed.some((pattern) => pattern.includes('*') || pattern.toLowerCase() === originHost.toLowerCase());
}

// Reads the body, giving up past the limit: a body streamed without Content-Length is stopped here too. The proxy
// is handed its own copy of the body (Next keeps another for the page), so reading it takes nothing from the action.
async function readBody(request: Request): Promise<Uint8Array<ArrayBuffer> | null> {
  const reader = request.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let read = await reader?.read(); read && !read.done; read = await reader?.read()) {
    size += read.value.byteLength;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(read.value);
  }
  const body = new Uint8Array(size);
  chunks.reduce((offset, chunk) => (body.set(chunk, offset), offset + chunk.byteLength), 0);
  return body;
}

// A no-JS form names its action with `$ACTION_REF_n`, whose descriptor `$ACTION_n:0` is {"id", "bound": "$@k"} and
// whose bound arguments (the form's previous state) are the reply in `$ACTION_n:k`. `$ACTION_ID_…` carries no
// payload to decode.
function hasValidBoundActions(form: FormData): boolean {
  for (const key of form.keys()) {
    if (!key.startsWith('$ACTION_REF_')) continue;
    const prefix = `$ACTION_${key.slice('$ACTION_REF_'.length)}:`;
    const descriptor = parseJson(form.get(`${prefix}0`));
    if (!isObject(descriptor) || typeof descriptor.id !== 'string') return false;
    if (!Object.entries(descriptor).every(([name, value]) => name === 'bound' || isPlainValue(value, 1))) return false;
    if (descriptor.bound === null) continue;
    const bound = typeof descriptor.bound === 'string' ? /^\$@([0-9a-f]+)$/.exec(descriptor.bound) : null;
    if (!bound || !isReply(form.get(`${prefix}${bound[1]}`))) return false;
  }
  return true;
}

/**
 * React's reply for this app's actions: a JSON array of the arguments, where a string starting with "$" is escaped
 * ("$$…"), `undefined` ("$undefined") or the form's FormData ("$K1"). Any other "$" marker (promises, server
 * references, Maps, dates, outlined rows) is nothing these forms send, and a malformed one is what throws in Next.
 */
function isReply(text: unknown): boolean {
  const root = parseJson(text);
  return Array.isArray(root) && isPlainValue(root, 0);
}

function isPlainValue(value: unknown, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  if (typeof value === 'string')
    return !value.startsWith('$') || value.startsWith('$$') || value === '$undefined' || /^\$K[0-9a-f]+$/.test(value);
  if (Array.isArray(value)) return value.every((item) => isPlainValue(item, depth + 1));
  if (isObject(value)) return Object.values(value).every((item) => isPlainValue(item, depth + 1));
  return true;
}

function parseJson(text: unknown): unknown {
  if (typeof text !== 'string') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// The router state a client navigation sends (Next's FlightRouterState): [segment, {slot: state}, url?, …], the
// segment a string or a [param, value, type] triple. Next answers one it cannot parse with a 500 on pages rendered
// per request; this shape check, as Next's own validation reads it, turns that into a 400.
function isRouterStateHeaderValid(header: string | null): boolean {
  if (header === null) return true;
  try {
    return isRouterState(JSON.parse(decodeURIComponent(header)), 0);
  } catch {
    return false;
  }
}

function isRouterState(value: unknown, depth: number): boolean {
  if (depth > MAX_ROUTER_STATE_DEPTH || !Array.isArray(value) || value.length < 2) return false;
  const [segment, slots] = value as unknown[];
  const segmentOk =
    typeof segment === 'string' ||
    (Array.isArray(segment) && segment.length >= 3 && segment.slice(0, 3).every((part) => typeof part === 'string'));
  if (!segmentOk || typeof slots !== 'object' || slots === null || Array.isArray(slots)) return false;
  return Object.values(slots).every((slot) => isRouterState(slot, depth + 1));
}
