import { cookies, headers } from 'next/headers';
import type { NextRequest, NextResponse } from 'next/server';
import 'server-only';

/** A one-shot line for the next page: set by an action, shown once, cleared by the proxy as it hands it over. */
type Notice =
  | 'signed-out'
  | 'account-created'
  | 'signed-in'
  | 'device-signed-out'
  | 'device-not-found'
  | 'other-devices-signed-out'
  | 'try-again'
  | 'account-deleted'
  | 'number-changed'
  | 'slow-down';

/** Not HttpOnly: the page that shows the notice drops it from the browser (components/ui/notice.tsx). */
export const NOTICE_COOKIE = 'passcode-notice';
// How the proxy hands the notice to the page it lets through, having cleared the cookie.
const NOTICE_HEADER = 'x-passcode-notice';
// One letter each, so the cookie is the same size whether the account is new or not.
const CODES: Record<Notice, string> = {
  'signed-out': 'o',
  'account-created': 'c',
  'signed-in': 'i',
  'device-signed-out': 'd',
  'device-not-found': 'g',
  'other-devices-signed-out': 'a',
  'try-again': 'f',
  'account-deleted': 'x',
  'number-changed': 'n',
  'slow-down': 's',
};
const NOTICES = Object.keys(CODES) as Notice[];
const MAX_AGE_SECONDS = 60;

/** Leaves `notice` for the page this action redirects to. */
export async function setNotice(notice: Notice): Promise<void> {
  const secure = (await headers()).get('x-forwarded-proto') === 'https';
  (await cookies()).set(NOTICE_COOKIE, CODES[notice], {
    httpOnly: false,
    secure,
    sameSite: 'lax',
    path: '/',
    maxAge: MAX_AGE_SECONDS,
  });
}

/** The notice left for this page, if any; a forged value is only ever one of the fixed lines. */
export async function getNotice(): Promise<Notice | null> {
  // The header on a page load (the proxy took the cookie); the cookie on the page an action renders at once.
  const code = (await headers()).get(NOTICE_HEADER) ?? (await cookies()).get(NOTICE_COOKIE)?.value;
  return NOTICES.find((notice) => CODES[notice] === code) ?? null;
}

/**
 * For the proxy, before it lets a request through: a page load takes the notice from its cookie into a request
 * header, and the returned function clears the cookie on the response.
 */
export function takeNotice(request: NextRequest): (response: NextResponse) => void {
  request.headers.delete(NOTICE_HEADER);
  const code = request.cookies.get(NOTICE_COOKIE)?.value;
  // Not on a POST: the action may be leaving a new one.
  if (request.method !== 'GET' || code === undefined) return () => {};
  request.headers.set(NOTICE_HEADER, code);
  return (response) => {
    // Not on a redirect: the page that shows it is yet to come.
    if (!response.headers.has('location')) response.cookies.delete(NOTICE_COOKIE);
  };
}
