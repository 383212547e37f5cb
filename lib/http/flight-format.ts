// Shape checks of the wire formats Next and React decode (React's reply encoding, Next's router state), so that what
// they would choke on with a 500 is refused with a 400 first. Mirrors code, not a spec: see action-guard.ts's header.

// The app's forms send nothing nested deeper than the form state object inside the arguments array.
const MAX_REPLY_DEPTH = 8;
// Deeper than any route of this app nests (root, group, page, segment…), far below a stack overflow.
const MAX_ROUTER_STATE_DEPTH = 32;

/**
 * React's reply for this app's actions: a JSON array of the arguments, where a string starting with "$" is escaped
 * ("$$…"), `undefined` ("$undefined") or the form's FormData ("$K1"). Any other "$" marker (promises, server
 * references, Maps, dates, outlined rows) is nothing these forms send, and a malformed one is what throws in Next.
 */
export function isReply(text: unknown): boolean {
  const root = parseJson(text);
  return Array.isArray(root) && isPlainValue(root, 0);
}

/**
 * A no-JS form names its action with `$ACTION_REF_n`, whose descriptor `$ACTION_n:0` is {"id", "bound": "$@k"} and
 * whose bound arguments (the form's previous state) are the reply in `$ACTION_n:k`. `$ACTION_ID_…` carries no
 * payload to decode.
 */
export function hasValidBoundActions(form: FormData): boolean {
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
 * The router state a client navigation sends (Next's FlightRouterState): [segment, {slot: state}, url?, …], the
 * segment a string or a [param, value, type] triple. Null (no header) passes.
 */
export function isRouterStateHeaderValid(header: string | null): boolean {
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

function isPlainValue(value: unknown, depth: number): boolean {
  if (depth > MAX_REPLY_DEPTH) return false;
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
