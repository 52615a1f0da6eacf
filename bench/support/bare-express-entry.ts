/**
 * The floor of the HTTP stack for B3: an Express 5 app with nothing but the events route, parsing the
 * JSON body and answering 201 with a small fixed JSON body. No authentication, no engine, no Redis.
 */
import express from 'express';

const app = express();
app.disable('x-powered-by');
app.post('/api/v1/units/:id/events', express.json(), (req, res) => {
  const body = req.body as { type?: unknown };
  res.status(201).json({ unitId: req.params.id, type: body.type, duplicate: false });
});
const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.stdout.write(`listening on http://localhost:${port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
