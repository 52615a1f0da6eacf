import { get, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';

/** An open SSE response and a reader of its next non-comment frame. */
export interface OpenStream {
  res: IncomingMessage;
  next: () => Promise<string>;
}

/**
 * Opens `GET /api/v1/alerts/stream` and resolves once the server says it is subscribed (`: connected`);
 * rejects with the status when the server refuses the stream.
 */
export function openStream(
  server: Server,
  token: string,
  headers: Record<string, string> = {},
): Promise<OpenStream> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const req = get({
      port,
      host: '127.0.0.1',
      path: '/api/v1/alerts/stream',
      headers: { Authorization: `Bearer ${token}`, ...headers },
    });
    req.on('error', reject);
    req.on('response', (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        reject(Object.assign(new Error(`stream answered ${res.statusCode}`), { res }));
        return;
      }
      let buffer = '';
      const frames: string[] = [];
      const waiters: ((frame: string) => void)[] = [];
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (frame.startsWith(': connected')) resolve({ res, next });
          else if (!frame.startsWith(':')) {
            const waiter = waiters.shift();
            if (waiter) waiter(frame);
            else frames.push(frame);
          }
        }
      });
      const next = () =>
        new Promise<string>((done) => {
          const ready = frames.shift();
          if (ready !== undefined) done(ready);
          else waiters.push(done);
        });
    });
  });
}

/** The status a refused stream answered with (see openStream). */
export function refusedStatus(error: unknown): IncomingMessage {
  return (error as { res: IncomingMessage }).res;
}
