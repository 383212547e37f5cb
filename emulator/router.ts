import { newId } from './ids';

export type HttpMethod = 'GET' | 'POST' | 'DELETE';

export type RouteRequest = {
  params: Readonly<Record<string, string>>;
  query: URLSearchParams;
  body: unknown;
};

export type RouteReply =
  { status: number; json: unknown; headers?: Record<string, string> } | { status: number; html: string };

export type Route = {
  method: HttpMethod;
  /** A path template such as `/v1/users/{user_id}`; `{name}` matches one non-empty segment. */
  path: string;
  /** API routes are counted, can be faulted and answer like Stytch; control routes are the emulator's own. */
  kind: 'api' | 'control';
  auth: boolean;
  handle(request: RouteRequest): RouteReply | Promise<RouteReply>;
};

export type RouteMatch =
  { found: true; route: Route; params: Record<string, string> } | { found: false; allowedMethods: HttpMethod[] };

/** The name faults and call counts use for a route, e.g. `GET /v1/users/{user_id}`. */
export function routeKey(route: Pick<Route, 'method' | 'path'>): string {
  return `${route.method} ${route.path}`;
}

export function matchRoute(routes: readonly Route[], method: string, pathname: string): RouteMatch {
  const allowedMethods: HttpMethod[] = [];
  for (const route of routes) {
    const params = matchPath(route.path, pathname);
    if (!params) continue;
    if (route.method === method) return { found: true, route, params };
    allowedMethods.push(route.method);
  }
  return { found: false, allowedMethods };
}

function matchPath(template: string, pathname: string): Record<string, string> | undefined {
  const expected = template.split('/');
  const actual = pathname.split('/');
  if (expected.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, part] of expected.entries()) {
    const segment = actual[index] ?? '';
    const name = /^\{(\w+)\}$/.exec(part)?.[1];
    if (name === undefined) {
      if (part !== segment) return undefined;
      continue;
    }
    if (segment === '') return undefined;
    try {
      params[name] = decodeURIComponent(segment);
    } catch {
      return undefined;
    }
  }
  return params;
}

/** A handler's result without the envelope fields every success body carries. */
export type ApiData<T> = Omit<T, 'request_id' | 'status_code'>;

/** A Stytch API route: the handler returns the body fields, and the envelope is added here. */
export function apiRoute(
  method: HttpMethod,
  path: string,
  handler: (request: RouteRequest) => object | Promise<object>,
  options: { auth: boolean } = { auth: true },
): Route {
  return {
    method,
    path,
    kind: 'api',
    auth: options.auth,
    async handle(request) {
      const data = await handler(request);
      return { status: 200, json: { request_id: newId('request-id'), ...data, status_code: 200 } };
    },
  };
}
