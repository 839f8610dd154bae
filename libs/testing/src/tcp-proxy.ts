import { createServer, connect, Server, Socket } from 'node:net';
import { AddressInfo } from 'node:net';

export interface TcpProxy {
  port: number;
  /** Connections accepted so far. */
  connections: () => number;
  /** Drops every open connection and stops listening: the upstream looks gone. */
  stop: () => Promise<void>;
  /** Listens again on the same port: the upstream is back. */
  start: () => Promise<void>;
  /**
   * Holds every byte, both ways, until `thaw`: the upstream looks frozen (SIGSTOP), connections
   * stay open. What a client sent before hanging up still reaches the upstream on `thaw`, as it
   * would sit in a stopped server's socket buffer.
   */
  freeze: () => void;
  thaw: () => void;
}

/**
 * A loopback TCP proxy to a local server, so a test can make "the database" disappear and return
 * without touching the real server other users share.
 */
export async function startTcpProxy(
  targetPort: number,
  options: {
    host?: string;
    /** Holds every client-to-server chunk this long: a slow server. */ delayMs?: number;
  } = {},
): Promise<TcpProxy> {
  const { host: targetHost = '127.0.0.1', delayMs = 0 } = options;
  let accepted = 0;
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;
  let held: Array<() => void> | undefined;
  const whenThawed = (action: () => void) => (held ? held.push(action) : action());

  const listen = async (): Promise<void> => {
    server = createServer((client) => {
      accepted++;
      const upstream = connect(targetPort, targetHost);
      sockets.add(client).add(upstream);
      const drop = () => {
        client.destroy();
        upstream.destroy();
        sockets.delete(client);
        sockets.delete(upstream);
      };
      client.on('error', drop).on('close', () => (held ? held.push(() => upstream.end()) : drop()));
      upstream.on('error', drop).on('close', drop);
      upstream.on('data', (chunk: Buffer) => whenThawed(() => client.write(chunk)));
      upstream.on('end', () => whenThawed(() => client.end()));
      client.on('data', (chunk: Buffer) =>
        whenThawed(() => {
          if (delayMs === 0) upstream.write(chunk);
          else setTimeout(() => upstream.write(chunk), delayMs);
        }),
      );
    });
    await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  };

  await listen();
  return {
    port,
    connections: () => accepted,
    stop: async () => {
      held = undefined;
      for (const s of sockets) s.destroy();
      sockets.clear();
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    },
    start: listen,
    freeze: () => {
      held ??= [];
    },
    thaw: () => {
      const actions = held ?? [];
      held = undefined;
      for (const action of actions) action();
    },
  };
}
