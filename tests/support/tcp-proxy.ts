import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy in front of a real server, which can cut one connection at a chosen moment: after the
 * server answered a request that contained a marker, before the answer reaches the client. The client
 * then sees a connection that dropped with its command unanswered, although the server ran it.
 */
export interface CuttingProxy {
  url: string;
  /** The next time a client sends bytes containing `marker`, drop the server's next answer and cut that connection. */
  cutAnswerTo(marker: string): void;
  /** How many connections were cut so far. */
  cuts(): number;
  close(): Promise<void>;
}

/** Starts a proxy on a spare loopback port towards `target` (host:port). */
export async function startCuttingProxy(targetPort: number): Promise<CuttingProxy> {
  let marker: string | null = null;
  let cuts = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    let armed = false;
    client.on('data', (chunk: Buffer) => {
      if (marker !== null && chunk.includes(marker)) {
        marker = null;
        armed = true;
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (!armed) return void client.write(chunk);
      cuts += 1;
      client.destroy();
      upstream.destroy();
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('proxy has no port');
  return {
    url: `redis://127.0.0.1:${address.port}`,
    cutAnswerTo: (m) => void (marker = m),
    cuts: () => cuts,
    close: async () => {
      sockets.forEach((s) => s.destroy());
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
