import { createServer, request as send, type IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installPeerAddressStamp, PEER_ADDRESS_HEADER, stampedPeerAddress } from './peer-address';

const seen: IncomingHttpHeaders[] = [];
const server = createServer((incoming, response) => {
  seen.push(incoming.headers);
  response.end('handled');
});
let port = 0;

beforeAll(async () => {
  installPeerAddressStamp(join(process.cwd(), 'public'));
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  port = (server.address() as { port: number }).port;
});
afterAll(() => {
  server.close();
});

function ask(method: string, headers: Record<string, string> = {}, path = '/login') {
  return new Promise<{ status: number; body: string }>((answered, failed) => {
    send({ host: '127.0.0.1', port, method, headers, path }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk));
      response.on('end', () => answered({ status: response.statusCode ?? 0, body }));
    })
      .on('error', failed)
      .end();
  });
}

describe('the Node server stamp', () => {
  it("writes the socket's peer address over any the client sent", async () => {
    await ask('GET', { [PEER_ADDRESS_HEADER]: 'forged 198.51.100.9' });
    const headers = new Headers({ [PEER_ADDRESS_HEADER]: String(seen.at(-1)?.[PEER_ADDRESS_HEADER]) });
    expect(stampedPeerAddress(headers)).toBe('127.0.0.1');
  });

  it('answers TRACE with 405 before the app sees it', async () => {
    const before = seen.length;
    expect(await ask('TRACE')).toEqual({ status: 405, body: 'Method not allowed' });
    expect(seen.length).toBe(before);
  });

  it.each(['POST', 'PUT', 'DELETE'])(
    'answers %s for a public file with 405, and GET reaches the app',
    async (method) => {
      expect(await ask(method, {}, '/robots.txt?x=1')).toEqual({ status: 405, body: 'Method not allowed' });
      expect(await ask('GET', {}, '/robots.txt')).toEqual({ status: 200, body: 'handled' });
      expect(await ask(method, {}, '/login')).toEqual({ status: 200, body: 'handled' });
    },
  );
});
