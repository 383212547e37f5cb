import { monitorEventLoopDelay } from 'node:perf_hooks';

// Benchmark build only (BENCH_BUILD=1): the server's own CPU time so far and its longest event-loop stall since the
// last read, which the bench reads before and after a run to report CPU per request (what a serverless bill counts)
// and whether anything blocks the loop, beside latency.
const loopDelay = monitorEventLoopDelay({ resolution: 5 });
loopDelay.enable();

export function GET() {
  const { user, system } = process.cpuUsage();
  const longestStallMs = loopDelay.max / 1e6;
  loopDelay.reset();
  return Response.json(
    { cpuMicroseconds: user + system, longestStallMs },
    { headers: { 'cache-control': 'no-store' } },
  );
}
