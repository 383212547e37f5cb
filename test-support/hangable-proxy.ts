// Test support (no test of its own): a TCP proxy that can go silent, the way a hung database server or a dead network
// path looks to a client: connections are accepted, and nothing comes back.
import net from 'node:net';

export type HangableProxy = {
  port: number;
  /** Stops forwarding in both directions; new connections are accepted and left unanswered. */
  hang(): void;
  /** Forwards again (connections opened during the hang stay dead; clients drop them). */
  resume(): void;
  close(): Promise<void>;
};

export async function startHangableProxy(target: { host: string; port: number }, port: number): Promise<HangableProxy> {
  let hung = false;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    if (hung) return;
    const upstream = net.connect(target);
    sockets.add(upstream);
    upstream.on('close', () => {
      sockets.delete(upstream);
      client.destroy();
    });
    upstream.on('error', () => upstream.destroy());
    client.on('close', () => upstream.destroy());
    client.on('data', (chunk) => {
      if (!hung) upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      if (!hung) client.write(chunk);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    port,
    hang: () => {
      hung = true;
    },
    resume: () => {
      hung = false;
    },
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
