// Free of `server-only`: instrumentation-node.ts installs it before any page or action module loads.
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { Server, type IncomingMessage, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { processSingleton } from '../process';

/** The header the Node server writes with the socket's peer address, overwriting any a client sent. */
export const PEER_ADDRESS_HEADER = 'x-passcode-peer-address';

// The one method Node's parser passes on that fetch refuses to build a Request for (Next would answer 500 and a stack);
// TRACK is refused by the parser, CONNECT is a different event.
const FORBIDDEN_METHOD = 'TRACE';
// Next answers anything but GET or HEAD for a file of public/ with a 500.
const FILE_METHODS = new Set(['GET', 'HEAD']);

// A request handled before the stamp was installed carries no token, so its header cannot be a client's.
const stampToken = () => processSingleton('peer-address-token', () => randomUUID());

/**
 * Stamps every request this process's HTTP server receives with its socket's peer address (Next 16 records it only
 * as an `X-Forwarded-For` the client did not send, so a client could choose it). Answers TRACE, and any method but
 * GET or HEAD for a public file, with 405 before Next sees them.
 */
export function installPeerAddressStamp(publicDir = join(process.cwd(), 'public')): void {
  processSingleton('peer-address-stamp', () => {
    const publicFiles = new Set(existsSync(publicDir) ? readdirSync(publicDir).map((name) => `/${name}`) : []);
    const emit = Server.prototype.emit;
    Server.prototype.emit = function (this: Server, event: string | symbol, ...args: unknown[]) {
      if (event === 'request') {
        const [request, response] = args as [IncomingMessage, ServerResponse];
        const method = request.method ?? '';
        const path = request.url?.split('?', 1)[0] ?? '';
        if (method === FORBIDDEN_METHOD || (publicFiles.has(path) && !FILE_METHODS.has(method))) {
          response.writeHead(405, { allow: 'GET, HEAD, POST', 'content-type': 'text/plain' });
          response.end('Method not allowed');
          return true;
        }
        request.headers[PEER_ADDRESS_HEADER] = `${stampToken()} ${request.socket.remoteAddress ?? ''}`;
      }
      return Reflect.apply(emit, this, [event, ...args]) as boolean;
    } as typeof emit;
    return true;
  });
}

/** The peer address the stamp wrote on these headers, or null when this process did not write it. */
export function stampedPeerAddress(headers: Headers): string | null {
  const [token, address] = headers.get(PEER_ADDRESS_HEADER)?.split(' ') ?? [];
  return token === stampToken() && address ? address : null;
}
