import { beforeEach, describe, expect, it, vi } from 'vitest';
import { getRequestInfo } from './request-info';

const request = vi.hoisted(() => ({ headers: new Headers(), env: { VERCEL: false, TRUST_PROXY_HEADERS: false } }));
vi.mock('next/headers', () => ({ headers: async () => request.headers }));
vi.mock('@/lib/env', () => ({ getEnv: () => request.env }));

beforeEach(() => {
  request.headers = new Headers({ 'x-forwarded-for': '203.0.113.7, 10.0.0.1' });
});

describe('getRequestInfo', () => {
  it.each([
    ['on Vercel', { VERCEL: true, TRUST_PROXY_HEADERS: false }, '203.0.113.7'],
    ['behind a proxy named trusted', { VERCEL: false, TRUST_PROXY_HEADERS: true }, '203.0.113.7'],
    ['anywhere else, where a client could have written it', { VERCEL: false, TRUST_PROXY_HEADERS: false }, undefined],
  ])('takes the client address from X-Forwarded-For %s', async (_, env, ipAddress) => {
    request.env = env;
    expect((await getRequestInfo()).ipAddress).toBe(ipAddress);
  });
});
