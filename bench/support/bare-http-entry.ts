/**
 * The floor under B3's bare Express route: the same route and answer on Node's own `node:http`, with
 * no framework (the body read and parsed by hand). Against bare-express-entry.ts it gives what
 * Express 5 itself costs per request.
 */
import { createServer } from 'node:http';

const ROUTE = /^\/api\/v1\/units\/([^/?]+)\/events(?:\?.*)?$/;

const server = createServer((req, res) => {
  const match = req.method === 'POST' ? ROUTE.exec(req.url ?? '') : null;
  if (!match) {
    res.writeHead(404).end();
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { type?: unknown };
    const text = JSON.stringify({ unitId: decodeURIComponent(match[1]!), type: body.type, duplicate: false });
    res
      .writeHead(201, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': Buffer.byteLength(text),
      })
      .end(text);
  });
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.stdout.write(`listening on http://localhost:${port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
