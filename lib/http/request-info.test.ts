import { beforeEach, describe, expect, it, vi } from 'vitest';
import { installPeerAddressStamp, PEER_ADDRESS_HEADER, stampedPeerAddress } from './peer-address';
import { clientAddress, clientKeyOf, getRequestInfo, UNREADABLE_CLIENT } from './request-info';

const DIRECT = { VERCEL: false, TRUST_PROXY_HEADERS: false, TRUSTED_PROXY_HOPS: 1 };
const request = vi.hoisted(() => ({ headers: new globalThis.Headers(), env: {} as Record<string, unknown> }));
vi.mock('next/headers', () => ({ headers: async () => request.headers }));
vi.mock('@/lib/env', () => ({ getEnv: () => request.env }));

// What the Node server's stamp writes for a request whose socket peer is `peer`.
async function stamped(peer: string, forwardedFor?: string): Promise<globalThis.Headers> {
  installPeerAddressStamp();
  const { createServer, request: send } = await import('node:http');
  const server = createServer((incoming, response) => {
    response.end(String(incoming.headers[PEER_ADDRESS_HEADER]));
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const port = (server.address() as { port: number }).port;
  const stamp = await new Promise<string>((answered) => {
    const headers = {
      [PEER_ADDRESS_HEADER]: 'forged 198.51.100.9',
      ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}),
    };
    send({ host: '127.0.0.1', port, headers }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk));
      response.on('end', () => answered(body));
    }).end();
  });
  server.close();
  // The socket was loopback; the test's peer stands in for it.
  const headers = new globalThis.Headers({ [PEER_ADDRESS_HEADER]: stamp.replace('127.0.0.1', peer) });
  if (forwardedFor) headers.set('x-forwarded-for', forwardedFor);
  return headers;
}

beforeEach(() => {
  request.env = DIRECT;
});

describe('the client address', () => {
  it('of an app exposed directly is the socket peer, whatever X-Forwarded-For the client wrote', async () => {
    const headers = await stamped('203.0.113.7', '198.51.100.1');
    expect(clientAddress(headers, DIRECT)).toBe('203.0.113.7');
  });

  it('is not a peer-address header a client wrote itself', () => {
    const forged = new globalThis.Headers({ [PEER_ADDRESS_HEADER]: 'forged 198.51.100.9' });
    expect(stampedPeerAddress(forged)).toBeNull();
    expect(clientAddress(forged, DIRECT)).toBeNull();
  });

  it.each([
    ['one trusted proxy: the hop it appended', 1, '192.0.2.1, 203.0.113.7', '203.0.113.7'],
    ['two trusted proxies: the hop before the second', 2, '192.0.2.1, 203.0.113.7, 10.0.0.2', '203.0.113.7'],
    ['fewer hops than trusted proxies: unreadable', 2, '203.0.113.7', null],
  ])('behind %s', async (_, hops, forwardedFor, address) => {
    const env = { ...DIRECT, TRUST_PROXY_HEADERS: true, TRUSTED_PROXY_HOPS: hops };
    expect(clientAddress(await stamped('10.0.0.1', forwardedFor), env)).toBe(address);
  });

  it('on Vercel is the address the platform wrote', () => {
    const headers = new globalThis.Headers({ 'x-forwarded-for': '203.0.113.7' });
    expect(clientAddress(headers, { ...DIRECT, VERCEL: true })).toBe('203.0.113.7');
  });

  it.each([
    ['over-long', `${'1'.repeat(2000)}, 203.0.113.7`],
    ['not an address', 'not-an-ip'],
    ['empty', ''],
  ])('an %s X-Forwarded-For is unreadable, and every such request shares one key', async (_, forwardedFor) => {
    request.env = { ...DIRECT, VERCEL: true };
    request.headers = new globalThis.Headers({ 'x-forwarded-for': forwardedFor });
    expect(await getRequestInfo()).toMatchObject({ ipAddress: undefined, clientKey: UNREADABLE_CLIENT });
  });

  it('an IPv4 client of a dual-stack server is keyed as IPv4', async () => {
    request.headers = await stamped('::ffff:203.0.113.7');
    expect(await getRequestInfo()).toMatchObject({ ipAddress: '203.0.113.7', clientKey: '203.0.113.7' });
  });
});

describe('the per-client key', () => {
  it.each([
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:0DB8:0001:0002:ffff::1', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['203.0.113.7', '203.0.113.7'],
  ])('of %s is %s: one IPv6 subscriber holds a whole /64', (address, key) => {
    expect(clientKeyOf(address)).toBe(key);
  });
});
