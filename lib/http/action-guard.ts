/**
 * Guards every request before Next.js handles it: a body over 16 KB, a cross-site server action, or an action body
 * Next would fail to decode is answered with a 4xx here, where Next would answer a 500 and log a stack.
 *
 * It mirrors Next 16.4 and React 19 internals, not a documented API:
 * - next/src/server/lib/server-action-request-meta.ts: which POSTs are actions (header, multipart, urlencoded);
 * - next/src/server/app-render/action-handler.ts and csrf-protection.ts: the Origin check, `allowedOrigins`;
 * - react-server ReactFlightReplyServer.js / ReactFlightActionServer.js: the reply format (./flight-format.ts);
 * - next/src/server/app-render/parse-and-validate-flight-router-state.tsx: the router state header, which the proxy
 *   sees only because next.config.js sets `skipProxyUrlNormalize` (next/src/server/web/adapter.ts strips it otherwise).
 * On a Next or React upgrade, read the diff of those files, then run `npx vitest run lib/http` and `npm run fuzz`
 * (which fails on any 5xx); a check Next itself now does can go.
 */
import 'server-only';
import allowedOrigins from './allowed-origins.json';
import { hasValidBoundActions, isReply, isRouterStateHeaderValid } from './flight-format';

// The forms post a phone number or a six-digit code: a body near this size is not a person signing in.
const MAX_BODY_BYTES = 16 * 1024;
// next.config.js reads the same list as `serverActions.allowedOrigins`.
const ALLOWED_ORIGINS: readonly string[] = allowedOrigins;

type RequestRefusal = { status: 400 | 403 | 413; message: string };

const CROSS_ORIGIN: RequestRefusal = { status: 403, message: 'Cross-origin request refused' };
const TOO_LARGE: RequestRefusal = { status: 413, message: 'Request body too large' };
const MALFORMED: RequestRefusal = { status: 400, message: 'Malformed server action request' };
const MALFORMED_ROUTER_STATE: RequestRefusal = { status: 400, message: 'Malformed router state' };

/**
 * Null when Next may handle `request`, else the refusal to answer with. It lets through exactly what this app's forms
 * send, with JavaScript (a `next-action` header) or without (a multipart post whose hidden `$ACTION_…` fields name
 * the action).
 */
export async function guardRequest(request: Request): Promise<RequestRefusal | null> {
  if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY_BYTES) return TOO_LARGE;
  if (!isRouterStateHeaderValid(request.headers.get('next-router-state-tree'))) return MALFORMED_ROUTER_STATE;
  if (request.method !== 'POST') return null;
  const actionId = request.headers.get('next-action');
  const contentType = request.headers.get('content-type') ?? '';
  // Next's own tests of what is an action (server-action-request-meta.ts), so both agree on how it is read.
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

// Next's rule: an Origin names this host (as reached, or as the proxy in front forwards it) or an allowed origin.
// A wildcard pattern leaves other hosts to Next; a request without Origin is not from a browser and passes, as there.
function isAllowedOrigin(headers: Headers): boolean {
  const origin = headers.get('origin');
  if (origin === null) return true;
  const originHost = URL.canParse(origin) ? new URL(origin).host : null;
  if (!originHost) return false;
  const forwardedHost = headers.get('x-forwarded-host')?.split(',')[0]?.trim();
  if (originHost === forwardedHost || originHost === headers.get('host')) return true;
  return ALLOWED_ORIGINS.some((pattern) => pattern.includes('*') || pattern.toLowerCase() === originHost.toLowerCase());
}

// Reads the body, giving up past the limit (a body streamed without Content-Length too). The proxy gets its own copy
// of the body, so reading it takes nothing from the action.
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
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}
