import { z } from 'zod';
import { timestamp } from './clock';
import type { EmulatorContext } from './context';
import { ApiError, defaultErrorMessage } from './errors';
import type { CallCounter, Fault, FaultQueue } from './faults';
import { parseWith } from './http';
import { renderInboxPage } from './inbox-page';
import type { HttpMethod, Route, RouteReply, RouteRequest } from './router';

const MAX_ADVANCE_SECONDS = 100 * 365 * 24 * 3600;

const clockBody = z.object({ advance_seconds: z.number().min(0).max(MAX_ADVANCE_SECONDS) });
const faultTarget = { route: z.string(), count: z.int().min(1).default(1) };
const faultBody = z.discriminatedUnion('kind', [
  z.object({
    ...faultTarget,
    kind: z.literal('error'),
    status: z.int().min(400).max(599).default(500),
    error_type: z.string().min(1).default('internal_server_error'),
    error_message: z.string().optional(),
  }),
  z.object({ ...faultTarget, kind: z.literal('delay'), delay_ms: z.int().min(0).max(60_000) }),
  z.object({ ...faultTarget, kind: z.literal('drop') }),
]);
/** What POST /__emulator/faults takes (client.ts builds it). */
export type FaultBody = z.input<typeof faultBody>;

export type ControlDeps = {
  ctx: EmulatorContext;
  /** The app the inbox page links back to. */
  appUrl: string;
  faults: FaultQueue;
  calls: CallCounter;
  /** Route keys a fault may target, e.g. `POST /v1/otps/authenticate`. */
  apiRouteKeys: readonly string[];
  reset(): void;
};

/** The inbox page, the health check and the test controls: no auth, never under /v1/. */
export function controlRoutes(deps: ControlDeps): Route[] {
  const { ctx, faults, calls } = deps;
  return [
    control('GET', '/', () => ({
      status: 200,
      html: renderInboxPage(ctx.outbox.list(), ctx.clock.now(), {
        appUrl: deps.appUrl,
        isUsed: (message) => ctx.outbox.isUsed(message),
      }),
    })),
    control('GET', '/health', () => ok({ status: 'ok' })),
    control('GET', '/__emulator/messages', ({ query }) => ok({ messages: ctx.outbox.list(phoneFilter(query)) })),
    control('POST', '/__emulator/reset', () => {
      deps.reset();
      return ok({ status: 'ok' });
    }),
    control('GET', '/__emulator/clock', () => ok({ now: timestamp(ctx.clock.now()) })),
    control('POST', '/__emulator/clock', ({ body }) => {
      const { advance_seconds } = parseWith(clockBody, body);
      return ok({ now: timestamp(ctx.clock.advance(advance_seconds)) });
    }),
    control('GET', '/__emulator/faults', () => ok({ faults: faults.list() })),
    control('POST', '/__emulator/faults', ({ body }) => {
      const request = parseWith(faultBody, body);
      if (!deps.apiRouteKeys.includes(request.route)) {
        const known = deps.apiRouteKeys.join(', ');
        throw new ApiError('bad_request', `Unknown route "${request.route}". Use one of: ${known}.`);
      }
      faults.add(request.route, request.count, toFault(request));
      return ok({ faults: faults.list() });
    }),
    control('GET', '/__emulator/calls', () => ok({ calls: calls.snapshot() })),
  ];
}

function control(method: HttpMethod, path: string, handle: (request: RouteRequest) => RouteReply): Route {
  return { method, path, kind: 'control', auth: false, handle };
}

function ok(json: object): RouteReply {
  return { status: 200, json };
}

/** A raw `+` in a query string decodes to a space and callers rarely encode it, so the `+` is put back. */
function phoneFilter(query: URLSearchParams): string | undefined {
  const value = query.get('phone_number')?.trim();
  return value ? value.replace(/^(?=\d)/, '+') : undefined;
}

function toFault(request: z.output<typeof faultBody>): Fault {
  switch (request.kind) {
    case 'error':
      return {
        kind: 'error',
        status: request.status,
        error_type: request.error_type,
        error_message: request.error_message ?? defaultErrorMessage(request.error_type),
      };
    case 'delay':
      return { kind: 'delay', delay_ms: request.delay_ms };
    case 'drop':
      return { kind: 'drop' };
  }
}
