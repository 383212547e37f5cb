import { NextResponse, type NextRequest } from 'next/server';
import { syncSessionCookie } from '@/lib/dal';
import { safeNextPath } from '@/lib/next-path';
import type { CookieJar, CookieOptions } from '@/lib/session';

const PROTECTED = /^\/account(\/|$)/;

/**
 * Runs before every page: keeps the session cookie current (a JWT Stytch refreshed is stored, a session that is
 * over is cleared, and the page sees either in this same request) and makes the quick redirects. The pages still
 * ask the DAL themselves: this is a convenience, not the guard.
 */
export async function proxy(request: NextRequest) {
  const written: { name: string; value: string; options: CookieOptions }[] = [];
  const jar: CookieJar = {
    secure: request.headers.get('x-forwarded-proto') === 'https',
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
    response = NextResponse.redirect(new URL(safeNextPath(request.nextUrl.searchParams.get('next')) ?? '/account', request.url));
  } else {
    response = NextResponse.next({ request: { headers: request.headers } });
  }
  for (const { name, value, options } of written) response.cookies.set(name, value, options);
  return response;
}

export const config = {
  // Pages and actions only: static files and images never carry a decision.
  matcher: ['/((?!_next/static|_next/image|favicon.ico|icon|apple-icon|robots.txt).*)'],
};
