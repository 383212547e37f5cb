/**
 * A trivial route: for health checks (it answers once the server is up, without touching Stytch or the database),
 * and as the baseline the load benchmark compares the real pages and actions against.
 */
export function GET() {
  return new Response('ok', { headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });
}
