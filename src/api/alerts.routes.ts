import { Router, type Response } from 'express';
import type { AlertView, AlertsPort } from './alerts.port.js';
import { principalOf } from './request-context.js';
import { alertParamsSchema, alertsQuerySchema, parseRequest } from './schemas.js';

/** Comment lines keep proxies from closing an idle stream. */
const HEARTBEAT_MS = 15_000;

function writeAlert(res: Response, alert: AlertView): void {
  res.write(`id: ${alert.id}\nevent: alert\ndata: ${JSON.stringify(alert)}\n\n`);
}

/**
 * `/alerts`, mounted there: the caller's team feeds, acknowledgement, and a Server-Sent Events
 * stream.
 */
export function alertsRouter(alerts: AlertsPort): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const query = parseRequest(alertsQuerySchema, req.query, 'query');
    res.json({ alerts: await alerts.list(principalOf(res), query) });
  });

  router.get('/stream', async (req, res) => {
    const principal = principalOf(res);
    res.status(200).set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.flushHeaders();
    const unsubscribe = await alerts.subscribe(principal, (alert) => writeAlert(res, alert));
    res.write(': connected\n\n');
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    req.on('close', () => {
      clearInterval(heartbeat);
      void unsubscribe();
    });
  });

  router.post('/:id/ack', async (req, res) => {
    const { id } = parseRequest(alertParamsSchema, req.params, 'params');
    res.json(await alerts.ack(id, principalOf(res)));
  });

  return router;
}
