import { screenRequest } from '@/lib/http/action-guard';
import { safeNextPath } from '@/lib/http/next-path';
import type { CookieJar, CookieOptions } from '@/lib/session/cookie';
import { syncSessionCookie } from '@/lib/session/dal';
import { NextResponse, type NextRequest } from 'next/server';

const PROTECTED = /^\/account(\/|$)/;

/**
 * Runs before every page: keeps the session cookie current (a JWT Stytch refreshed is stored, a session that is
 * over is cleared, and the page sees either in this same request) and makes the quick redirects. The pages still
 * ask the DAL themselves: this is a convenience, not the guard.
 */
export async function proxy(request: NextRequest) {
  const refusal = await screenRequest(request);
  if (refusal)
    return new NextResponse(refusal.message, { status: refusal.status, headers: { 'content-type': 'text/plain' } });
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
  const secure = request.headers.get('x-forwarded-proto') === 'https';
  const csp = contentSecurityPolicy(nonce, secure);
  // Next reads the policy from the request to put the nonce on the scripts it renders.
  request.headers.set('content-security-policy', csp);
  const written: { name: string; value: string; options: CookieOptions }[] = [];
  const jar: CookieJar = {
    secure,
    get: (name) => request.cookies.get(name),
    set: (name, value, options) => {
      if (value) request.cookies.set(name, value);
      else request.cookies.delete(name);
      written.push({ name, value, options });
    },
  };
  const user = await syncSessionCookie(jar);

  const { pathname, search } = request.nextUrl;
  let response: NextResponse;
  if (!user && PROTECTED.test(pathname)) {
    const login = new URL('/login', request.url);
    login.searchParams.set('next', `${pathname}${search}`);
    response = NextResponse.redirect(login);
  } else if (user && pathname === '/login') {
    response = NextResponse.redirect(
      new URL(safeNextPath(request.nextUrl.searchParams.get('next')) ?? '/account', request.url),
    );
  } else {
    response = NextResponse.next({ request: { headers: request.headers } });
  }
  for (const { name, value, options } of written) response.cookies.set(name, value, options);
  response.headers.set('content-security-policy', csp);
  return response;
}

/**
 * Scripts run only with this response's nonce (and what they load, through 'strict-dynamic'); nothing may frame
 * the page or take a form elsewhere. Styles allow inline attributes, which React and Next's route announcer use.
 */
function contentSecurityPolicy(nonce: string, secure: boolean) {
  const development = process.env.NODE_ENV === 'development';
  return [
    "default-src 'self'",
    // React's development build evaluates code for its debugging aids; production never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${development ? ' ws:' : ''}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(secure ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
}

export const config = {
  matcher: [
    // Pages and actions only: static files and images never carry a decision...
    '/((?!_next/static|_next/image|favicon.ico|icon|apple-icon|apple-touch-icon|robots.txt|manifest.webmanifest).*)',
    // ...but Next runs a server action posted to any path, those included, so every one is screened.
    { source: '/:path*', has: [{ type: 'header', key: 'next-action' }] },
    { source: '/:path*', has: [{ type: 'header', key: 'content-type', value: 'multipart/form-data.*' }] },
  ],
};
