import { NextRequest } from 'next/server';
import { describe, expect, it, vi } from 'vitest';
import { proxyCookieJar } from './cookie';

const env = vi.hoisted(() => ({ current: {} as Record<string, unknown> }));
vi.mock('@/lib/env', () => ({ getEnv: () => env.current }));

const claimingHttps = () =>
  new NextRequest('http://127.0.0.1:3000/login', { headers: { 'x-forwarded-proto': 'https' } });

describe("the session cookie's Secure and __Host-", () => {
  it.each([
    ['an http APP_ORIGIN, whatever X-Forwarded-Proto a client sends', { APP_ORIGIN: 'http://127.0.0.1:3000' }, false],
    ['no APP_ORIGIN off Vercel', { VERCEL: false }, false],
    ['an https APP_ORIGIN', { APP_ORIGIN: 'https://login.example.com' }, true],
    ['a Vercel deployment', { VERCEL: true, VERCEL_ENV: 'preview' }, true],
    ['`vercel dev` on a laptop', { VERCEL: true, VERCEL_ENV: 'development' }, false],
  ])('follow %s', (_, config, secure) => {
    env.current = config;
    expect(proxyCookieJar(claimingHttps()).secure).toBe(secure);
  });
});
