import { guardRequest } from '@/lib/http/action-guard';
import { contentSecurityPolicy, createNonce } from '@/lib/http/csp';
import { safeNextPath } from '@/lib/http/next-path';
import { proxyCookieJar } from '@/lib/session/cookie';
import { syncSessionCookie, type CurrentUser } from '@/lib/session/dal';
import { takeNotice } from '@/lib/session/notice';
import { NextResponse, type NextRequest } from 'next/server';

const PROTECTED = /^\/account(\/|$)/;

/**
 * Runs before every page: refuses malformed requests, sets the CSP, keeps the session cookie current (the page sees
 * a refreshed or cleared session in this same request) and makes the quick redirects. The pages still ask the DAL
 * themselves: this is a convenience, not the guard.
 */
export async function proxy(request: NextRequest) {
  const refusal = await guardRequest(request);
  if (refusal)
    return new NextResponse(refusal.message, { status: refusal.status, headers: { 'content-type': 'text/plain' } });
  const jar = proxyCookieJar(request);
  const csp = contentSecurityPolicy(createNonce(), jar.secure);
  // Next reads the policy from the request to put the nonce on the scripts it renders.
  request.headers.set('content-security-policy', csp);
  const user = await syncSessionCookie(jar);
  const clearNotice = takeNotice(request);

  const response = redirectFor(request, user) ?? NextResponse.next({ request: { headers: request.headers } });
  jar.writeTo(response);
  clearNotice(response);
  response.headers.set('content-security-policy', csp);
  return response;
}

function redirectFor(request: NextRequest, user: CurrentUser | null): NextResponse | null {
  const { pathname, searchParams } = request.nextUrl;
  if (!user && PROTECTED.test(pathname)) {
    const login = new URL('/login', request.url);
    // A client navigation's cache-busting parameter belongs to that one request, not to where sign-in leads.
    const back = new URLSearchParams(searchParams);
    back.delete('_rsc');
    login.searchParams.set('next', back.size > 0 ? `${pathname}?${back}` : pathname);
    return NextResponse.redirect(login);
  }
  if (user && pathname === '/login') {
    return NextResponse.redirect(new URL(safeNextPath(searchParams.get('next')) ?? '/account', request.url));
  }
  return null;
}

export const config = {
  matcher: [
    // Pages and actions only: static files and images never carry a decision...
    '/((?!_next/static|_next/image|favicon.ico|icon|apple-icon|apple-touch-icon|robots.txt|manifest.webmanifest).*)',
    // ...but Next runs a server action posted to any path, and renders its 404 for a client navigation to any path,
    // those included, so every one is guarded.
    { source: '/:path*', has: [{ type: 'header', key: 'next-action' }] },
    { source: '/:path*', has: [{ type: 'header', key: 'next-router-state-tree' }] },
    { source: '/:path*', has: [{ type: 'header', key: 'content-type', value: 'multipart/form-data.*' }] },
  ],
};
