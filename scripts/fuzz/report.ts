/** What the fuzz makes of its answers: counts per category and status, the failures by kind, and the verdict. */
import type http from 'node:http';
import { CATEGORIES, type Category, type FuzzRequest } from './requests';

export type Answer = { status: number; headers: http.IncomingHttpHeaders; body: Buffer } | { error: string };
export type Outcome = Answer & { ms: number };
type Report = ReturnType<typeof summarize>;

/** Counts the outcomes by category and status, and the failures by kind, each with the first request that showed it. */
export function summarize(requests: FuzzRequest[], outcomes: (Outcome | undefined)[], origin: string) {
  const byCategory = new Map<Category, Map<string, number>>(CATEGORIES.map((category) => [category, new Map()]));
  const timeByCategory = new Map<Category, number[]>(CATEGORIES.map((category) => [category, []]));
  const byStatus = new Map<string, number>();
  const reachedApp = new Set<Category>();
  const failures = new Map<string, { count: number; example: string }>();
  const addFailure = (kind: string, example: () => string) => {
    const seen = failures.get(kind);
    if (seen) seen.count++;
    else failures.set(kind, { count: 1, example: example() });
  };
  let sent = 0;
  requests.forEach((request, index) => {
    const outcome = outcomes[index];
    if (!outcome) return;
    sent++;
    timeByCategory.get(request.category)?.push(outcome.ms);
    const key = 'error' in outcome ? 'no answer' : String(outcome.status);
    const counts = byCategory.get(request.category);
    counts?.set(key, (counts.get(key) ?? 0) + 1);
    byStatus.set(key, (byStatus.get(key) ?? 0) + 1);
    const describe = () => describeRequest(index, request);
    if ('error' in outcome) {
      addFailure(`${request.category} → ${outcome.error}`, describe);
      return;
    }
    if (outcome.status >= 500) addFailure(`${request.category} → ${outcome.status}`, describe);
    else if (outcome.status < 400) reachedApp.add(request.category);
    const offSite = request.spoofedHost ? null : offSiteRedirect(outcome, origin);
    if (offSite) addFailure(`${request.category} → redirect off the site`, () => `${describe()} → ${offSite}`);
  });
  return { byCategory, timeByCategory, byStatus, reachedApp, failures, sent };
}

function describeRequest(index: number, request: FuzzRequest): string {
  const headers = JSON.stringify(request.headers).slice(0, 300);
  const body = `body ${request.body?.length ?? 0} bytes${request.chunked ? ' chunked' : ''}`;
  return `#${index} ${request.category}: ${request.method} ${request.path.slice(0, 120)} ${headers} ${body}`;
}

/** Where a redirect would take the browser, if it leaves the site. */
function offSiteRedirect(answer: { headers: http.IncomingHttpHeaders }, origin: string): string | null {
  const targets = [answer.headers.location, answer.headers['x-action-redirect']]
    .flat()
    .filter((value): value is string => !!value);
  for (const target of targets) {
    // x-action-redirect carries ";push" or ";replace" after the URL.
    const url = target.replace(/;(push|replace)$/, '');
    if (new URL(url, origin).origin !== origin) return url;
  }
  return null;
}

/** One row per category: how many, how fast, and how many of each status; then the totals. */
export function printReport(
  report: Report,
  run: { firingMs: number; totalMs: number; seed: number; concurrency: number },
) {
  const statuses = [...report.byStatus.keys()].sort();
  const width = Math.max(...CATEGORIES.map((category) => category.length));
  const percentile = (times: number[], share: number) =>
    Math.round([...times].sort((a, b) => a - b)[Math.floor(share * (times.length - 1))] ?? 0);
  const row = (label: string, total: string, p50: string, p95: string, counts: (status: string) => string) =>
    [
      label.padEnd(width),
      total.padStart(6),
      p50.padStart(7),
      p95.padStart(7),
      statuses.map((status) => counts(status).padStart(9)).join(''),
    ].join('  ');
  console.log(`\n${row('category', 'total', 'p50 ms', 'p95 ms', (status) => status)}`);
  for (const [category, counts] of report.byCategory) {
    const total = [...counts.values()].reduce((sum, count) => sum + count, 0);
    const times = report.timeByCategory.get(category) ?? [];
    const [p50, p95] = [0.5, 0.95].map((share) => String(percentile(times, share)));
    console.log(row(category, String(total), p50!, p95!, (status) => String(counts.get(status) ?? '')));
  }
  console.log(row('all', String(report.sent), '', '', (status) => String(report.byStatus.get(status) ?? 0)));
  const seconds = run.firingMs / 1000;
  const rate = `${Math.round(report.sent / seconds)}/s, ${run.concurrency} at a time`;
  const whole = `whole run ${(run.totalMs / 1000).toFixed(1)} s; seed ${run.seed}`;
  console.log(`\n${report.sent} requests in ${seconds.toFixed(1)} s (${rate}); ${whole}`);
}

/** Why the run failed, if it did: every check over the report, the log and the session it had to keep. */
export function problemsOf(
  report: Report,
  run: { generated: number; timeLimitMs: number; stillSignedIn: boolean; unexpectedLogEntries: number; kinds: number },
): string[] {
  const problems: string[] = [];
  if (!run.stillSignedIn)
    problems.push(
      'the fuzz session no longer opens /account: some request ended it, so later ones tested signed-out pages',
    );
  if (report.sent < run.generated)
    problems.push(`only ${report.sent} of ${run.generated} requests were sent within ${run.timeLimitMs / 1000} s`);
  const failed = [...report.failures.values()].reduce((sum, { count }) => sum + count, 0);
  if (failed) problems.push(`${failed} requests failed (5xx, no answer, or a redirect off the site)`);
  for (const category of ['page', 'action-multipart', 'action-text', 'form-post'] as const) {
    if (!report.reachedApp.has(category))
      problems.push(`no ${category} request got a 2xx or 3xx: the fuzzer is not reaching the app`);
  }
  if (run.unexpectedLogEntries)
    problems.push(`${run.unexpectedLogEntries} unexpected entries (${run.kinds} kinds) in the server log`);
  return problems;
}
