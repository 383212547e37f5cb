/**
 * Server cost under load (autocannon against `next start`, the emulator answering at once), at 1, 10 and 100
 * connections, on the benchmark build (BENCH_BUILD=1), whose baselines the product never contains. Each route runs
 * right after its baseline on the same server, so the comparison holds even as the shared machine's speed drifts:
 *
 * - GET /account, signed in with a fresh JWT, against /bench, a trivial dynamic page in the same layouts with the
 *   same cookie: their throughput ratio, and the Stytch calls /account made (none);
 * - sendCode and verifyCode, each number and code used once, against a no-op action with the same redirect (the
 *   target page Next renders into the answer) and the emulator route they call, measured right after: what is left
 *   is the actions' own cost; and their tail (p99 against p50) at 10 and 100 connections. At 1 connection the
 *   budget is measured once more with the no-op's requests and the action's in turn, which no drift can split;
 * - the server's CPU time per request in each run (GET /bench/cpu before and after), beside latency.
 *
 * Each number of connections gets BENCH_LOAD_ROUNDS rounds (5) back to back; a budget holds each same-round ratio
 * or difference's median over them, since one round on a shared machine moves by 30–50 %.
 */
import autocannon from 'autocannon';
import { Agent, request } from 'undici';
import { stytchAuthorization } from '../../emulator/client';
import {
  actionIdsIn,
  formActionRequest,
  nextTestPhone,
  redirectTarget,
  sessionCookieFrom,
  type HttpRequest,
} from '../lib/app-client';
import { TEST_STYTCH_CREDENTIALS } from '../lib/stack-env';
import { markdownTable, milliseconds, type Findings, type Measurement } from './report';
import { app, BENCH, emulator } from './stack';

const CONNECTIONS = [1, 10, 100] as const;
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_LOAD_ROUNDS ?? 5);
const ACCOUNT_MIN_RATIO = 0.8;
const OVERHEAD_MAX_MS = 5;
const TAIL_MAX_RATIO = 4;
const NO_OP_ACTIONS = ['redirectToVerify', 'redirectToAccount'] as const;
const NO_OP_ACTIONS_FILE = 'app/(app)/bench/no-op-actions.ts';
const MIN_CODES_PER_CONNECTION = 3;
// Pairs of one no-op request and one action request, taken in turn at 1 connection.
const PAIRS = Number(process.env.BENCH_LOAD_PAIRS ?? 100);

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
  /** The same, by kind, when there were any: "3 timeouts, 2 non-2xx". */
  errorKinds: string;
  /** The server's CPU time per answered request during the run; absent for the emulator's routes. */
  cpuPerRequest?: number;
  /** The server's longest event-loop stall during the run (one task holding the loop); absent as above. */
  longestStall?: number;
  /** Requests per second as a share of its baseline's run just before this one. */
  versusBaseline?: number;
};

/**
 * One action's run beside its no-op baseline and the emulator route it calls, all in one round; at 1 connection,
 * also the no-op's requests and the action's in turn.
 */
type ActionRuns = {
  action: string;
  withApp: LoadResult;
  noOp: LoadResult;
  alone: LoadResult;
  inTurn?: { noOp: LoadResult; withApp: LoadResult };
};

/** What one round found at one number of connections. */
type Round = {
  connections: number;
  runs: LoadResult[];
  accountRatio: number;
  stytchCalls: number;
  actions: ActionRuns[];
};

export async function measureLoad(): Promise<Findings> {
  const ids = app.actionIds;
  const noOps = actionIdsIn(NO_OP_ACTIONS_FILE, NO_OP_ACTIONS);
  await serverClock();
  const { STYTCH_PROJECT_ID, STYTCH_SECRET } = TEST_STYTCH_CREDENTIALS;
  const authorization = stytchAuthorization(STYTCH_PROJECT_ID, STYTCH_SECRET);
  const sandboxPhoneId = await sandboxMethodId();

  // The first requests of each route compile and cache what later ones reuse: a short round, then forgotten.
  await round(10, { seconds: 2 });
  const byConnections: Round[][] = [];
  for (const connections of CONNECTIONS) {
    const rounds: Round[] = [];
    for (let each = 0; each < ROUNDS; each++) rounds.push(await round(connections, { seconds: SECONDS }));
    byConnections.push(rounds);
  }
  const merged = byConnections.map(mergeRounds);

  return {
    measurements: byConnections.flatMap(measurementsOf),
    notes: [
      `Load: ${ROUNDS} rounds at each number of connections; each run lasted ${SECONDS} s, except verifyCode's, ` +
        "which used once each code sendCode's run had just sent. Every route ran right after its baseline " +
        '("÷ baseline" compares their requests per second). Budgets hold the median over the rounds of each ' +
        "round's own ratio or difference (the rounds' values in brackets). At 1 connection the actions' own cost " +
        `is held by ${PAIRS} pairs of requests in turn, one no-op then one action, timed by the bench's own client ` +
        '("in turn" in the tables). The tables show each run\'s median over ' +
        'the rounds (requests and errors: their sum; longest stall: the longest). "CPU/req" is the server ' +
        'process\'s CPU time (user + system) during the run divided by its requests; "longest stall" its longest ' +
        'event-loop delay in the run (monitorEventLoopDelay).',
    ],
    tables: [scalingTable(merged), detailTable(merged)],
  };

  async function round(connections: number, stop: Stop): Promise<Round> {
    const runs: LoadResult[] = [];
    const actions: ActionRuns[] = [];
    const measure = async (target: Target, until: Stop = stop) => {
      const result = await fire(target, connections, until);
      runs.push(result);
      return result;
    };
    // The baseline, then the route: back to back, so both see the machine in one state.
    const measureBeside = async (baseline: Target, target: Target, until: Stop = stop) => {
      const base = await measure(baseline);
      const result = await measure(target, until);
      result.versusBaseline = result.perSecond / base.perSecond;
      return { base, result };
    };
    // At 1 connection, the baseline's requests and the route's in turn: each pair sees the machine in one state.
    const measureInTurn = async (baseline: Target, target: Target, pairs: number) => {
      if (connections !== 1) return undefined;
      const inTurn = await fireInTurn(baseline, target, pairs);
      runs.push(inTurn.noOp, inTurn.withApp);
      return inTurn;
    };

    await measure({ name: 'GET /health', url: BENCH.appUrl, next: () => ({ method: 'GET', path: '/health' }) });

    // A signed-in page: close to a trivial page's throughput, and with a fresh JWT no call to Stytch at all.
    const { challenge: someChallenge, signedIn: cookie } = await app.signIn();
    const account: Target = {
      name: 'GET /account (signed in)',
      url: BENCH.appUrl,
      next: () => ({ method: 'GET', path: '/account', headers: { cookie } }),
    };
    const trivialPage: Target = {
      name: 'GET /bench (trivial page, same layouts and cookie)',
      url: BENCH.appUrl,
      next: () => ({ method: 'GET', path: '/bench', headers: { cookie } }),
    };
    // The first check of a JWT in each of the server's module copies fetches Stytch's signing keys, once.
    await fire(account, 1, { requests: 5 });
    const callsBefore = await stytchCallCount();
    const { result: page } = await measureBeside(trivialPage, account);
    const stytchCalls = (await stytchCallCount()) - callsBefore;

    // sendCode, a new number each time, after the no-op with its redirect (the target page rendered for a pending
    // code, as sendCode's is); then the emulator's login_or_create alone, as the action calls it.
    const challenges = new Map<string, string>();
    const sendCode: Target = {
      name: 'sendCode action',
      url: BENCH.appUrl,
      next: (connection) => {
        const phone = nextTestPhone();
        connection.e164 = phone.e164;
        return formActionRequest(BENCH.appUrl, '/login', ids.sendCode, { country: 'US', phone: phone.national });
      },
      check: (_status, headers, connection) => {
        const challenge = sessionCookieFrom(headers['set-cookie']);
        if (challenge && connection.e164) challenges.set(connection.e164, challenge);
        return redirectTarget(headers['x-action-redirect']) === '/login/verify';
      },
    };
    const sendNoOpAction = noOpAction(
      'no-op action → /login/verify',
      '/login',
      noOps.redirectToVerify,
      someChallenge,
      '/login/verify',
    );
    const { base: sendNoOp, result: sent } = await measureBeside(sendNoOpAction, sendCode);
    const sentInTurn = await measureInTurn(sendNoOpAction, sendCode, PAIRS);
    const sentAlone = await measure({
      name: 'emulator login_or_create',
      url: BENCH.emulatorUrl,
      next: () =>
        stytchRequest('/v1/otps/sms/login_or_create', {
          phone_number: nextTestPhone().e164,
          expiration_minutes: 10,
          create_user_as_pending: true,
          attributes: {},
        }),
    });
    actions.push({ action: 'sendCode', withApp: sent, noOp: sendNoOp, alone: sentAlone, inTurn: sentInTurn });

    // verifyCode with the codes just sent, each once, after the no-op with its redirect (/account for a session);
    // then the emulator's authenticate alone. Its sandbox number's code works any number of times and starts a
    // session like any other. A slow round may leave too few codes for every connection to verify a few: more are
    // sent first, unmeasured. At 1 connection, PAIRS of them are kept for the run in turn.
    const kept = connections === 1 ? PAIRS : 0;
    const wanted = MIN_CODES_PER_CONNECTION * connections + kept;
    if (challenges.size < wanted)
      await fire(sendCode, connections, { requests: Math.max(connections, wanted - challenges.size) });
    const codes = await outboxCodes();
    const pending = [...challenges].map(([e164, challenge]) => ({ challenge, code: codes.get(e164) ?? '' }));
    const keptForTurns = pending.splice(0, kept);
    const verifyNoOpAction = noOpAction(
      'no-op action → /account',
      '/login/verify',
      noOps.redirectToAccount,
      cookie,
      '/account',
    );
    const verifyFrom = (codes: typeof pending): Target => ({
      name: 'verifyCode action',
      url: BENCH.appUrl,
      next: () => {
        const { challenge, code } = codes.pop() ?? { challenge: '', code: '' };
        return formActionRequest(BENCH.appUrl, '/login/verify', ids.verifyCode, { code }, challenge);
      },
      check: (_status, headers) => redirectTarget(headers['x-action-redirect']) === '/account',
    });
    const { base: verifyNoOp, result: verified } = await measureBeside(
      verifyNoOpAction,
      verifyFrom(pending),
      // One request per code (autocannon needs at least one per connection; a missing code shows as an error).
      { requests: Math.max(connections, pending.length) },
    );
    const verifiedInTurn = await measureInTurn(verifyNoOpAction, verifyFrom(keptForTurns), keptForTurns.length);
    const verifiedAlone = await measure({
      name: 'emulator otps/authenticate',
      url: BENCH.emulatorUrl,
      next: () =>
        stytchRequest('/v1/otps/authenticate', {
          method_id: sandboxPhoneId,
          code: '000000',
          session_duration_minutes: 60,
        }),
    });
    actions.push({
      action: 'verifyCode',
      withApp: verified,
      noOp: verifyNoOp,
      alone: verifiedAlone,
      inTurn: verifiedInTurn,
    });
    return { connections, runs, accountRatio: page.versusBaseline ?? 0, stytchCalls, actions };
  }

  /** A benchmark-build action that only redirects, posted from `path` as the real one is, with `cookie`. */
  function noOpAction(name: string, path: string, actionId: string, cookie: string, redirect: string): Target {
    return {
      name,
      url: BENCH.appUrl,
      next: () => formActionRequest(BENCH.appUrl, path, actionId, {}, cookie),
      check: (_status, headers) => redirectTarget(headers['x-action-redirect']) === redirect,
    };
  }

  function stytchRequest(path: string, body: object): HttpRequest {
    return {
      method: 'POST',
      path,
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    };
  }

  /** The phone id of Stytch's sandbox number, whose code 000000 always authenticates. */
  async function sandboxMethodId(): Promise<string> {
    const request = stytchRequest('/v1/otps/sms/login_or_create', { phone_number: '+10000000000' });
    const response = await fetch(`${BENCH.emulatorUrl}${request.path}`, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
    });
    const { phone_id: phoneId } = (await response.json()) as { phone_id?: string };
    if (!phoneId) throw new Error(`The emulator answered ${response.status} for the sandbox number.`);
    return phoneId;
  }
}

/** The budgets at one number of connections: each round's own figure, held by its median over the rounds. */
function measurementsOf(rounds: Round[]): Measurement[] {
  const connections = rounds[0]?.connections ?? 0;
  const accountRatio = overRounds(rounds.map((r) => r.accountRatio));
  const stytchCalls = rounds.reduce((sum, r) => sum + r.stytchCalls, 0);
  const runs = rounds.flatMap((r) => r.runs);
  const failed = runs.reduce((sum, run) => sum + run.errors, 0);
  const total = runs.reduce((sum, run) => sum + run.requests, 0);
  const actionNames = [...new Set(rounds.flatMap((r) => r.actions.map((a) => a.action)))];
  return [
    {
      area: 'Server cost',
      subject: `/account, ${connections} conn.`,
      metric: 'req/s ÷ trivial page req/s',
      value: accountRatio.text((ratio) => ratio.toFixed(2)),
      budget: `≥ ${ACCOUNT_MIN_RATIO.toFixed(2)}`,
      ok: accountRatio.median >= ACCOUNT_MIN_RATIO,
    },
    {
      area: 'Server cost',
      subject: `/account, ${connections} conn.`,
      metric: 'Stytch calls during the runs',
      value: String(stytchCalls),
      budget: '0',
      ok: stytchCalls === 0,
    },
    ...actionNames.flatMap((action) =>
      actionCost(
        action,
        connections,
        rounds.flatMap((r) => r.actions.filter((a) => a.action === action)),
      ),
    ),
    {
      area: 'Scaling',
      subject: `every route, ${connections} conn.`,
      metric: 'failed requests',
      value: `${failed} of ${total}`,
      budget: '0',
      ok: failed === 0 && runs.every((run) => run.requests > 0),
    },
  ];
}

/** An action's own cost at 1 connection (beyond its redirect and Stytch), and its tail under load. */
function actionCost(action: string, connections: number, rounds: ActionRuns[]): Measurement[] {
  const subject = `${action}, ${connections} conn.`;
  if (connections === 1) {
    // Uncontended, what is left is the action's own work; with many connections it is mostly queueing. The budget
    // holds the runs in turn; the runs back to back are shown beside them, as the drift they are exposed to.
    const own = overRounds(
      rounds.map(({ inTurn, alone }) => (inTurn ? inTurn.withApp.p50 - inTurn.noOp.p50 - alone.p50 : NaN)),
    );
    const ownBackToBack = overRounds(rounds.map(({ withApp, noOp, alone }) => withApp.p50 - noOp.p50 - alone.p50));
    const cpu = overRounds(rounds.map(({ withApp }) => withApp.cpuPerRequest ?? NaN));
    const noOpCpu = overRounds(rounds.map(({ noOp }) => noOp.cpuPerRequest ?? NaN));
    return [
      {
        area: 'Server cost',
        subject,
        metric: 'p50 − no-op action’s p50 − emulator’s p50, their requests in turn',
        value: own.text(milliseconds),
        budget: `≤ ${OVERHEAD_MAX_MS} ms`,
        ok: own.median <= OVERHEAD_MAX_MS,
      },
      {
        area: 'Server cost',
        subject,
        metric: 'the same, their runs back to back',
        value: ownBackToBack.text(milliseconds),
      },
      {
        area: 'Server cost',
        subject,
        metric: 'CPU per request (no-op action’s)',
        value: `${milliseconds(cpu.median)} (${milliseconds(noOpCpu.median)})`,
      },
    ];
  }
  const tail = overRounds(rounds.map(({ withApp }) => withApp.p99 / withApp.p50));
  return [
    {
      area: 'Scaling',
      subject,
      metric: 'p99 ÷ p50',
      value: tail.text((ratio) => ratio.toFixed(1)),
      budget: `≤ ${TAIL_MAX_RATIO}`,
      ok: tail.median <= TAIL_MAX_RATIO,
    },
  ];
}

/** A figure's median over the rounds, written with each round's value beside it. */
function overRounds(values: number[]) {
  const median = medianOf(values);
  return {
    median,
    text: (format: (value: number) => string) =>
      values.length > 1 ? `${format(median)} (${values.map(format).join(', ')})` : format(median),
  };
}

function medianOf(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return NaN;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The rounds at one number of connections as one: each run's median over them, its requests and errors summed. */
function mergeRounds(rounds: Round[]): Round {
  const [first] = rounds;
  if (!first) throw new Error('No load round ran.');
  const runs = first.runs.map((run, index) => {
    const same = rounds.map((r) => r.runs[index]).filter((each): each is LoadResult => each?.name === run.name);
    const medianBy = (pick: (each: LoadResult) => number | undefined) => {
      const values = same.map(pick).filter((value): value is number => value !== undefined);
      return values.length > 0 ? medianOf(values) : undefined;
    };
    const merged: LoadResult = {
      ...run,
      requests: same.reduce((sum, each) => sum + each.requests, 0),
      perSecond: medianBy((each) => each.perSecond) ?? 0,
      p50: medianBy((each) => each.p50) ?? NaN,
      p99: medianBy((each) => each.p99) ?? NaN,
      errors: same.reduce((sum, each) => sum + each.errors, 0),
      errorKinds: same
        .map((each) => each.errorKinds)
        .filter(Boolean)
        .join('; '),
    };
    const cpuPerRequest = medianBy((each) => each.cpuPerRequest);
    const stalls = same.flatMap((each) => (each.longestStall === undefined ? [] : [each.longestStall]));
    const versusBaseline = medianBy((each) => each.versusBaseline);
    if (cpuPerRequest !== undefined) merged.cpuPerRequest = cpuPerRequest;
    if (stalls.length > 0) merged.longestStall = Math.max(...stalls);
    if (versusBaseline !== undefined) merged.versusBaseline = versusBaseline;
    return merged;
  });
  return { ...first, runs };
}

function cpuText(run: LoadResult): string {
  return run.cpuPerRequest === undefined ? '' : `${milliseconds(run.cpuPerRequest)}`;
}

/** Each route's throughput, latency and CPU at each number of connections, side by side (the first run of each). */
function scalingTable(rounds: Round[]): string {
  const names = [...new Set(rounds.flatMap((r) => r.runs.map((run) => run.name)))];
  return markdownTable(
    ['route', ...rounds.map((r) => `${r.connections} conn.: req/s, p50, p99, CPU/req`)],
    names.map((name) => [
      name,
      ...rounds.map((r) => {
        const run = r.runs.find((candidate) => candidate.name === name);
        if (!run) return '—';
        const cpu = run.cpuPerRequest === undefined ? '' : `, ${cpuText(run)}`;
        return `${run.perSecond.toFixed(0)}, ${milliseconds(run.p50)}, ${milliseconds(run.p99)}${cpu}`;
      }),
    ]),
  );
}

function detailTable(rounds: Round[]): string {
  return markdownTable(
    ['route', 'connections', 'requests', 'req/s', '÷ baseline', 'p50', 'p99', 'CPU/req', 'longest stall', 'errors'],
    rounds.flatMap((r) =>
      r.runs.map((run) => [
        run.name,
        String(run.connections),
        String(run.requests),
        run.perSecond.toFixed(0),
        run.versusBaseline?.toFixed(2) ?? '',
        milliseconds(run.p50),
        milliseconds(run.p99),
        cpuText(run),
        run.longestStall === undefined ? '' : milliseconds(run.longestStall),
        run.errors > 0 ? `${run.errors} (${run.errorKinds})` : '0',
      ]),
    ),
  );
}

/** One autocannon run, with the server's CPU time per request when the target is the app. */
async function fire(target: Target, connections: number, stop: Stop): Promise<LoadResult> {
  if (target.url !== BENCH.appUrl) return fireAutocannon(target, connections, stop);
  const before = await serverClock();
  const result = await fireAutocannon(target, connections, stop);
  const after = await serverClock();
  const used = after.cpuMicroseconds - before.cpuMicroseconds;
  return { ...result, cpuPerRequest: used / 1000 / Math.max(1, result.requests), longestStall: after.longestStallMs };
}

/** The app's CPU time so far and its longest event-loop stall since the last read, from the benchmark build. */
async function serverClock(): Promise<{ cpuMicroseconds: number; longestStallMs: number }> {
  const response = await fetch(`${BENCH.appUrl}/bench/cpu`);
  if (!response.ok)
    throw new Error(
      `GET /bench/cpu answered ${response.status}: the load bench needs a build made with BENCH_BUILD=1.`,
    );
  return (await response.json()) as { cpuMicroseconds: number; longestStallMs: number };
}

/**
 * `pairs` times, one request of `baseline` and then one of `target`, on one connection and one at a time; each
 * latency is kept, from sending the request to reading the last byte of its answer.
 */
async function fireInTurn(
  baseline: Target,
  target: Target,
  pairs: number,
): Promise<{ noOp: LoadResult; withApp: LoadResult }> {
  const dispatcher = new Agent({ connections: 1 });
  const connection: Connection = {};
  const runs = [baseline, target].map((each) => ({ target: each, latencies: [] as number[], unexpected: 0 }));
  try {
    for (let pair = 0; pair < pairs; pair++) {
      for (const run of runs) {
        const { path, ...init } = run.target.next(connection);
        const started = performance.now();
        const response = await request(new URL(path, run.target.url), { ...init, dispatcher });
        await response.body.arrayBuffer();
        run.latencies.push(performance.now() - started);
        const check = run.target.check ?? ((status: number) => status >= 200 && status < 300);
        if (!check(response.statusCode, response.headers, connection)) run.unexpected++;
      }
    }
  } finally {
    await dispatcher.close();
  }
  const [noOp, withApp] = runs.map(({ target: { name }, latencies, unexpected }) =>
    loadResult(`${name}, in turn`, 1, latencies, latencies.reduce((sum, each) => sum + each, 0) / 1000, [
      [unexpected, 'unexpected answers'],
    ]),
  );
  return { noOp: noOp!, withApp: withApp! };
}

/** A run's figures from its latencies (ms), its length (s) and its failures by kind. */
function loadResult(
  name: string,
  connections: number,
  latencies: number[],
  seconds: number,
  failures: [count: number, kind: string][],
): LoadResult {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (quantile: number) => sorted[Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))] ?? NaN;
  const failed = failures.filter(([count]) => count > 0);
  return {
    name,
    connections,
    requests: latencies.length,
    perSecond: latencies.length / seconds,
    p50: at(0.5),
    p99: at(0.99),
    errors: failed.reduce((sum, [count]) => sum + count, 0),
    errorKinds: failed.map(([count, kind]) => `${count} ${kind}`).join(', '),
  };
}

/** Latencies kept per response (autocannon's own histogram rounds them to whole milliseconds). */
function fireAutocannon(target: Target, connections: number, stop: Stop): Promise<LoadResult> {
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
              const named = Object.fromEntries(
                Object.entries(headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
              );
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
        resolve(
          loadResult(target.name, connections, latencies, result.duration, [
            [result.timeouts, 'timeouts'],
            [result.errors - result.timeouts, 'connection errors'],
            [result.non2xx, 'non-2xx'],
            [unexpected, 'unexpected answers'],
          ]),
        );
      },
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
}

/** Stytch API calls the emulator has answered since it started, all routes together. */
async function stytchCallCount(): Promise<number> {
  return Object.values(await emulator.calls()).reduce((sum, count) => sum + count, 0);
}

/** The newest code the emulator sent to each number. */
async function outboxCodes(): Promise<Map<string, string>> {
  const codes = new Map<string, string>();
  // Newest first: the first code seen for a number is its current one.
  for (const message of await emulator.messages()) {
    if (!codes.has(message.phone_number)) codes.set(message.phone_number, message.code);
  }
  return codes;
}
