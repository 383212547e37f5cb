// Benchmark build only (BENCH_BUILD=1): the server's own CPU time so far, which the bench reads before and after a
// run to report CPU per request (what a serverless bill counts) beside latency.
export function GET() {
  const { user, system } = process.cpuUsage();
  return Response.json({ cpuMicroseconds: user + system }, { headers: { 'cache-control': 'no-store' } });
}
