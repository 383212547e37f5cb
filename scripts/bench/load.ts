/**
 * Server cost under load (autocannon against `next start`, the emulator answering at once), at 1, 10 and 100
 * connections. Each measured route runs right after the trivial GET /health of the same server, so the ratio
 * between them holds even as the shared machine's speed drifts between rounds:
 *
 * - GET /account, signed in with a fresh JWT: its throughput against /health's, and the Stytch calls it made (none);
 * - the sendCode and verifyCode actions, each number and code used once: their latency minus that of the emulator
 *   route they call, measured directly right after, is the actions' own overhead.
 */
import autocannon from 'autocannon';
import {
  formActionRequest,
  nextTestPhone,
  outboxCodes,
  readActionIds,
  redirectTarget,
  sessionCookieFrom,
  signIn,
  stytchCallCount,
  type HttpRequest,
} from './app-client';
import { markdownTable, milliseconds, type Findings, type Measurement } from './report';
import { BENCH } from './servers';

const CONNECTIONS = [1, 10, 100] as const;
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 5);
const ACCOUNT_MIN_RATIO = 0.8;
const OVERHEAD_MAX_MS = 5;
const MIN_CODES_PER_CONNECTION = 3;

/** What one connection remembers between building a request and reading its answer (one request is in flight). */
type Connection = { e164?: string };

type Target = {
  name: string;
  url: string;
  next: (connection: Connection) => HttpRequest | { method: 'GET'; path: string; headers?: Record<string, string> };
  /** Whether an answer did what its request was for; by default, any 2xx does. */
  check?: (status: number, headers: ResponseHeaders, connection: Connection) => boolean;
};
type Stop = { seconds: number } | { requests: number };
type ResponseHeaders = Record<string, string | string[] | undefined>;

type LoadResult = {
  name: string;
  connections: number;
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  /** Connection errors, timeouts, non-2xx answers and answers that did not do what the request was for. */
  errors: number;
};

export async function measureLoad(): Promise<Findings> {
  const ids = readActionIds();
  const stytchAuthorization = `Basic ${Buffer.from(`${BENCH.stytchProjectId}:${BENCH.stytchSecret}`).toString('base64')}`;
  let results: LoadResult[] = [];
  let measurements: Measurement[] = [];

  // The first requests of each route compile and cache what later ones reuse: a short round, then forgotten.
  await round(10, { seconds: 2 });
  results = [];
  measurements = [];
  for (const connections of CONNECTIONS) await round(connections, { seconds: SECONDS });

  return {
    measurements,
    notes: [`Each run lasted ${SECONDS} s, except verifyCode's, which used each code sendCode's run had just sent once.`],
    tables: [
      markdownTable(
        ['route', 'connections', 'requests', 'req/s', 'p50', 'p99', 'errors'],
        results.map((r) => [r.name, String(r.connections), String(r.requests), r.perSecond.toFixed(0), milliseconds(r.p50), milliseconds(r.p99), String(r.errors)]),
      ),
    ],
  };

  async function round(connections: number, stop: Stop) {
    const measure = async (target: Target, until: Stop = stop) => {
      const result = await fire(target, connections, until);
      results.push(result);
      measurements.push({
        area: 'Load errors',
        subject: `${result.name}, ${connections} conn.`,
        metric: 'failed requests',
        value: `${result.errors} of ${result.requests}`,
        budget: '0',
        ok: result.errors === 0 && result.requests > 0,
      });
      return result;
    };
    const health: Target = { name: 'GET /health', url: BENCH.appUrl, next: () => ({ method: 'GET', path: '/health' }) };

    // A signed-in page: close to a trivial route's throughput, and with a fresh JWT no call to Stytch at all.
    const cookie = await signIn();
    const account: Target = { name: 'GET /account (signed in)', url: BENCH.appUrl, next: () => ({ method: 'GET', path: '/account', headers: { cookie } }) };
    // The first check of a JWT in each of the server's module copies fetches Stytch's signing keys, once.
    await fire(account, 1, { requests: 5 });
    const baseline = await measure(health);
    const callsBefore = await stytchCallCount();
    const page = await measure(account);
    const stytchCalls = (await stytchCallCount()) - callsBefore;
    const ratio = page.perSecond / baseline.perSecond;
    measurements.push(
      {
        area: 'Server cost',
        subject: `/account, ${connections} conn.`,
        metric: 'req/s ÷ /health req/s',
        value: `${ratio.toFixed(2)} (${page.perSecond.toFixed(0)} ÷ ${baseline.perSecond.toFixed(0)})`,
        budget: `≥ ${ACCOUNT_MIN_RATIO.toFixed(2)}`,
        ok: ratio >= ACCOUNT_MIN_RATIO,
      },
      {
        area: 'Server cost',
        subject: `/account, ${connections} conn.`,
        metric: 'Stytch calls during the run',
        value: String(stytchCalls),
        budget: '0',
        ok: stytchCalls === 0,
      },
    );

    // sendCode, a new number each time; then the emulator's login_or_create alone, as the action calls it.
    const challenges = new Map<string, string>();
    const sendCode: Target = {
      name: 'sendCode action',
      url: BENCH.appUrl,
      next: (connection) => {
        const phone = nextTestPhone();
        connection.e164 = phone.e164;
        return formActionRequest('/login', ids.sendCode, { country: 'US', phone: phone.national });
      },
      check: (_status, headers, connection) => {
        const challenge = sessionCookieFrom(headers['set-cookie']);
        if (challenge && connection.e164) challenges.set(connection.e164, challenge);
        return redirectTarget(headers['x-action-redirect']) === '/login/verify';
      },
    };
    await measure(health);
    const sent = await measure(sendCode);
    const sentAlone = await measure({
      name: 'emulator login_or_create',
      url: BENCH.emulatorUrl,
      next: () => stytchRequest('/v1/otps/sms/login_or_create', {
        phone_number: nextTestPhone().e164,
        expiration_minutes: 10,
        create_user_as_pending: true,
        attributes: {},
      }),
    });
    overhead('sendCode', connections, sent, sentAlone);

    // verifyCode with the codes just sent, each once; then the emulator's authenticate alone. Its sandbox number's
    // code works any number of times and starts a session like any other.
    // The page sendCode's answer renders (its redirect target), alone: how much of the action's time it takes.
    const [someChallenge] = challenges.values();
    await measure({ name: 'GET /login/verify (a code pending)', url: BENCH.appUrl, next: () => ({ method: 'GET', path: '/login/verify', headers: { cookie: someChallenge ?? '' } }) });

    // A slow round may leave too few codes for every connection to verify a few: more are sent, unmeasured.
    const wanted = MIN_CODES_PER_CONNECTION * connections;
    if (challenges.size < wanted) await fire(sendCode, connections, { requests: Math.max(connections, wanted - challenges.size) });
    const codes = await outboxCodes();
    const pending = [...challenges].map(([e164, challenge]) => ({ challenge, code: codes.get(e164) ?? '' }));
    await measure(health);
    const verified = await measure(
      {
        name: 'verifyCode action',
        url: BENCH.appUrl,
        next: () => {
          const { challenge, code } = pending.pop() ?? { challenge: '', code: '' };
          return formActionRequest('/login/verify', ids.verifyCode, { code }, challenge);
        },
        check: (_status, headers) => redirectTarget(headers['x-action-redirect']) === '/account',
      },
      // One request per code (autocannon needs at least one per connection; a missing code shows as an error).
      { requests: Math.max(connections, pending.length) },
    );
    const sandboxPhoneId = await sandboxMethodId();
    const verifiedAlone = await measure({
      name: 'emulator otps/authenticate',
      url: BENCH.emulatorUrl,
      next: () => stytchRequest('/v1/otps/authenticate', { method_id: sandboxPhoneId, code: '000000', session_duration_minutes: 60 }),
    });
    overhead('verifyCode', connections, verified, verifiedAlone);
  }

  function overhead(action: string, connections: number, withApp: LoadResult, alone: LoadResult) {
    const own = withApp.p50 - alone.p50;
    // Uncontended, the difference is the action's own work; with many connections it is mostly queueing.
    const enforced = connections === 1;
    measurements.push({
      area: 'Server cost',
      subject: `${action}, ${connections} conn.`,
      metric: 'p50 minus the emulator’s p50',
      value: `${milliseconds(own)} (${milliseconds(withApp.p50)} − ${milliseconds(alone.p50)})`,
      ...(enforced ? { budget: `≤ ${OVERHEAD_MAX_MS} ms`, ok: own <= OVERHEAD_MAX_MS } : {}),
    });
  }

  function stytchRequest(path: string, body: object): HttpRequest {
    return {
      method: 'POST',
      path,
      headers: { authorization: stytchAuthorization, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    };
  }

  /** The phone id of Stytch's sandbox number, whose code 000000 always authenticates. */
  async function sandboxMethodId(): Promise<string> {
    const request = stytchRequest('/v1/otps/sms/login_or_create', { phone_number: '+10000000000' });
    const response = await fetch(`${BENCH.emulatorUrl}${request.path}`, { method: 'POST', headers: request.headers, body: request.body });
    const { phone_id: phoneId } = (await response.json()) as { phone_id?: string };
    if (!phoneId) throw new Error(`The emulator answered ${response.status} for the sandbox number.`);
    return phoneId;
  }
}

/** One autocannon run; latencies kept per response (autocannon's own histogram rounds them to whole milliseconds). */
function fire(target: Target, connections: number, stop: Stop): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    let unexpected = 0;
    const check = target.check ?? ((status: number) => status >= 200 && status < 300);
    const instance = autocannon(
      {
        url: target.url,
        connections,
        timeout: 10,
        ...('seconds' in stop ? { duration: stop.seconds } : { amount: stop.requests }),
        requests: [
          {
            // Built afresh for every request: a new number, the next code.
            setupRequest: (request, connection) => ({ ...request, ...target.next(connection as Connection) }),
            onResponse: (status, _body, connection, headers) => {
              // autocannon keeps header names as the server wrote them (`Set-Cookie`, `x-action-redirect`).
              const named = Object.fromEntries(Object.entries(headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]));
              if (!check(status, named, connection as Connection)) unexpected++;
            },
          },
        ],
      },
      (error: unknown, result: autocannon.Result) => {
        if (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
          return;
        }
        latencies.sort((a, b) => a - b);
        const at = (quantile: number) => latencies[Math.min(latencies.length - 1, Math.floor(quantile * latencies.length))] ?? NaN;
        resolve({
          name: target.name,
          connections,
          requests: latencies.length,
          perSecond: latencies.length / result.duration,
          p50: at(0.5),
          p99: at(0.99),
          errors: result.errors + result.non2xx + unexpected,
        });
      },
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
}
