import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { Clock } from './clock';
import {
  DEFAULT_LIMITS,
  DEFAULT_SMS_ALLOWED_COUNTRIES,
  type EmulatorContext,
  type Limits,
  type SmsAllowedCountries,
} from './context';
import { controlRoutes } from './control-routes';
import { ApiError, errorBody, type ErrorBody } from './errors';
import { CallCounter, FaultQueue } from './faults';
import { hasValidCredentials, parseJson, readBody, sendHtml, sendJson } from './http';
import { loadOrCreateSigningKey } from './keys';
import { otpRoutes } from './otp-routes';
import { Outbox } from './outbox';
import { DEFAULT_UNSUPPORTED_CALLING_CODES } from './phone';
import { matchRoute, routeKey, type Route, type RouteReply } from './router';
import { sessionRoutes } from './session-routes';
import { Store } from './store';
import { userRoutes } from './user-routes';

/** Loopback only: the emulator accepts a well-known secret and must never be reachable from the network. */
const HOST = '127.0.0.1';

export type EmulatorOptions = {
  /** 0 (the default) picks a free port. */
  port?: number;
  projectId: string;
  secret: string;
  /** Where the signing key is kept between runs. */
  dataDir: string;
  /** Receives the SMS lines and one line per API call; defaults to console.log. */
  log?: (line: string) => void;
  limits?: Partial<Limits>;
  unsupportedCallingCodes?: readonly string[];
  /** Countries that may be texted (ISO 3166 alpha-2), or `*`; defaults to US and CA, as a new Stytch project. */
  smsAllowedCountries?: SmsAllowedCountries;
  /** Where the inbox page links back to; defaults to http://127.0.0.1:3000, `npm run dev`'s app. */
  appUrl?: string;
};

export type RunningEmulator = {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:4010`. */
  url: string;
  port: number;
  close(): Promise<void>;
};

/** A Stytch error reply; the type is kept beside the body for the log line. */
type ErrorOutcome = {
  status: number;
  json: ErrorBody;
  errorType: string;
  headers?: Record<string, string>;
};

/** What one request gets: a route's reply, an error, or a connection cut without an answer. */
type Outcome = RouteReply | ErrorOutcome | { dropped: true };

function errorOutcome(status: number, type: string, message: string, headers?: Record<string, string>): ErrorOutcome {
  return { status, json: errorBody(status, type, message), errorType: type, headers };
}

function failure(error: ApiError, headers?: Record<string, string>): ErrorOutcome {
  return errorOutcome(error.status, error.type, error.message, headers);
}

function summarize(outcome: Outcome): string {
  if ('dropped' in outcome) return 'dropped';
  return 'errorType' in outcome ? `${outcome.status} ${outcome.errorType}` : String(outcome.status);
}

/** Starts a Stytch-compatible API, inbox page and test controls on 127.0.0.1. */
export async function startEmulator(options: EmulatorOptions): Promise<RunningEmulator> {
  const log = options.log ?? ((line: string) => console.log(line));
  const ctx: EmulatorContext = {
    projectId: options.projectId,
    clock: new Clock(),
    store: new Store(),
    outbox: new Outbox(log),
    key: await loadOrCreateSigningKey(options.dataDir),
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    unsupportedCallingCodes: options.unsupportedCallingCodes ?? DEFAULT_UNSUPPORTED_CALLING_CODES,
    smsAllowedCountries: options.smsAllowedCountries ?? DEFAULT_SMS_ALLOWED_COUNTRIES,
  };
  const faults = new FaultQueue();
  const calls = new CallCounter();
  const apiRoutes = [...otpRoutes(ctx), ...sessionRoutes(ctx), ...userRoutes(ctx)];
  const routes: Route[] = [
    ...apiRoutes,
    ...controlRoutes({
      ctx,
      faults,
      calls,
      appUrl: options.appUrl ?? 'http://127.0.0.1:3000',
      apiRouteKeys: apiRoutes.map(routeKey),
      reset() {
        ctx.store.reset();
        ctx.outbox.clear();
        ctx.clock.reset();
        faults.clear();
        calls.clear();
      },
    }),
  ];

  /** Decides the reply; errors thrown by handlers become Stytch error bodies in `respond`. */
  async function dispatch(request: IncomingMessage, url: URL): Promise<Outcome> {
    // HEAD is answered as GET (Node leaves the body out), so `curl -I` and health probes work.
    const method = request.method === 'HEAD' ? 'GET' : (request.method ?? 'GET');
    const match = matchRoute(routes, method, url.pathname);
    if (!match.found && match.allowedMethods.length > 0) {
      const allowed = match.allowedMethods.join(', ');
      return failure(new ApiError('method_not_allowed', `${url.pathname} accepts ${allowed}.`), { allow: allowed });
    }
    if (!match.found) return failure(new ApiError('route_not_found', `No route matches ${method} ${url.pathname}.`));

    const { route, params } = match;
    if (route.kind === 'api') {
      const key = routeKey(route);
      calls.record(key);
      const fault = faults.take(key);
      if (fault?.kind === 'drop') return { dropped: true };
      if (fault?.kind === 'error') return errorOutcome(fault.status, fault.error_type, fault.error_message);
      if (fault?.kind === 'delay') await sleep(fault.delay_ms);
    }

    if (route.auth && !hasValidCredentials(request.headers.authorization, options.projectId, options.secret)) {
      throw new ApiError('unauthorized_credentials');
    }
    const body = method === 'GET' ? undefined : parseJson(await readBody(request));
    if (route.kind === 'api') ctx.store.expire(ctx.clock.now());
    return route.handle({ params, query: url.searchParams, body });
  }

  async function respond(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', `http://${HOST}`);
    let outcome: Outcome;
    try {
      outcome = await dispatch(request, url);
    } catch (error) {
      if (error instanceof ApiError) {
        outcome = failure(error);
      } else {
        log(`Unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        outcome = failure(new ApiError('internal_server_error'));
      }
    }

    if ('dropped' in outcome) request.socket.destroy();
    else if ('html' in outcome) sendHtml(response, outcome.status, outcome.html);
    else sendJson(response, outcome.status, outcome.json, outcome.headers);

    // One line per Stytch call; the inbox page polls and would drown the log.
    if (url.pathname.startsWith('/v1/')) log(`${request.method} ${url.pathname} → ${summarize(outcome)}`);
  }

  const server = createServer((request, response) => void respond(request, response));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('The emulator is not listening on a TCP port.');
  const { port } = address;

  return {
    url: `http://${HOST}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive sockets would otherwise hold close() open until the client lets go.
        server.closeAllConnections();
      }),
  };
}
