import { Router, type Request, type Response } from 'express';
import type { AlertView, AlertsPort } from './alerts.port.js';
import { principalOf, type RequestLocals } from './request-context.js';
import {
  alertParamsSchema,
  alertsQuerySchema,
  bulkAckBodySchema,
  parseRequest,
  streamHeadersSchema,
} from './schemas.js';
import { encodeCursor } from './page-cursor.js';
import { createStreamSlots, type StreamLimits, type StreamSlots } from './stream-slots.js';

/** Comment lines keep proxies from closing an idle stream. */
const HEARTBEAT_MS = 15_000;

function writeAlert(res: Response, alert: AlertView): void {
  res.write(`id: ${alert.id}\nevent: alert\ndata: ${JSON.stringify(alert)}\n\n`);
}

/** The reconnecting client's last alert was trimmed from the live stream: it should reload its feed. */
function writeGap(res: Response): void {
  const detail = 'Some alerts since your last one can no longer be replayed; reload GET /api/v1/alerts';
  res.write(`event: gap\ndata: ${JSON.stringify({ detail })}\n\n`);
}

function startStream(res: Response): void {
  res.status(200).set({
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
}

/** A stream slot for `token`; a refusal carries Retry-After, since streams close all the time. */
function acquireSlot(slots: StreamSlots, res: Response, token: string): () => void {
  try {
    return slots.acquire(token);
  } catch (error) {
    res.setHeader('Retry-After', '5');
    throw error;
  }
}

/**
 * The live stream. The close handler is attached before anything is awaited, so a client that drops
 * while the subscription is being made leaves nothing behind; the subscription itself is an entry in
 * the process's hub (no Redis connection of its own).
 */
function streamHandler(alerts: AlertsPort, limits: StreamLimits) {
  const slots = createStreamSlots(limits);
  return async (req: Request, res: Response) => {
    const principal = principalOf(res);
    const { 'last-event-id': after } = parseRequest(streamHeadersSchema, req.headers, 'headers');
    const release = acquireSlot(slots, res, (res.locals as RequestLocals).tokenHash ?? principal.id);
    // What the close handler must undo; filled in as the stream is set up.
    const open = {
      closed: false,
      unsubscribe: () => undefined as void,
      heartbeat: undefined as NodeJS.Timeout | undefined,
    };
    res.on('close', () => {
      open.closed = true;
      release();
      clearInterval(open.heartbeat);
      open.unsubscribe();
    });
    startStream(res);
    const unsubscribe = await alerts.subscribe(
      principal,
      { alert: (alert) => writeAlert(res, alert), gap: () => writeGap(res) },
      after,
    );
    if (open.closed) return unsubscribe();
    open.unsubscribe = unsubscribe;
    res.write(': connected\n\n');
    open.heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
  };
}

/**
 * `/alerts`, mounted there: the caller's team feeds, acknowledgement, and a Server-Sent Events
 * stream (at most `limits.perToken` per token and `limits.perProcess` in all).
 */
export function alertsRouter(alerts: AlertsPort, limits: StreamLimits): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const { cursor, includeAcked, acknowledged, ...query } = parseRequest(
      alertsQuerySchema,
      req.query,
      'query',
    );
    // The older includeAcked=true means both; neither given means open alerts only, as it always did.
    const shown = acknowledged ?? (includeAcked === true ? undefined : false);
    const page = await alerts.list(principalOf(res), {
      ...query,
      ...(cursor ? { after: cursor } : {}),
      ...(shown === undefined ? {} : { acknowledged: shown }),
    });
    res.json({ alerts: page.alerts, nextCursor: encodeCursor(page.next) });
  });

  router.post('/ack', async (req, res) => {
    const { ids } = parseRequest(bulkAckBodySchema, req.body ?? {}, 'body');
    res.json({ results: await alerts.ackMany(ids, principalOf(res)) });
  });

  router.get('/stream', streamHandler(alerts, limits));

  router.post('/:id/ack', async (req, res) => {
    const { id } = parseRequest(alertParamsSchema, req.params, 'params');
    res.json(await alerts.ack(id, principalOf(res)));
  });

  return router;
}
