import { Router, type Response } from 'express';
import type { Engine } from '../engine/engine.types.js';
import type { HttpMetrics } from './http-metrics.js';
import { presentProgress } from '../engine/progress.presenter.js';
import { principalOf } from './request-context.js';
import {
  dispatchHeadersSchema,
  eventBodySchema,
  exportQuerySchema,
  historyQuerySchema,
  parseRequest,
  stateQuerySchema,
  unitParamsSchema,
  verifyQuerySchema,
} from './schemas.js';
import { streamExport } from './export.stream.js';

const unitId = (params: unknown) => parseRequest(unitParamsSchema, params, 'params').id;

/** Weak-free ETag of a unit: its version (events in its log). */
const setVersion = (res: Response, version: number) => res.setHeader('ETag', `"${version}"`);

/**
 * `/units/:id/...`, mounted at `/units`: each handler parses, calls one engine function and shapes
 * the answer.
 */
export function unitsRouter(engine: Engine, metrics: HttpMetrics): Router {
  const router = Router();

  router.get('/:id', async (req, res) => {
    const view = await engine.getUnit(unitId(req.params), principalOf(res));
    setVersion(res, view.version);
    res.json({
      unit: view.unit,
      version: view.version,
      phase: view.phase,
      flags: view.flags,
      state: view.value,
      allowedEvents: view.allowedEvents,
      deadlines: view.deadlines,
      lastHash: view.lastHash,
    });
  });

  router.post('/:id/events', async (req, res) => {
    const id = unitId(req.params);
    const headers = parseRequest(dispatchHeadersSchema, req.headers, 'headers');
    const body = parseRequest(eventBodySchema, req.body ?? {}, 'body');
    const event = { type: body.type, payload: body.payload, at: body.occurredAt };
    const options = { idempotencyKey: headers['idempotency-key'], expectedVersion: headers['if-match'] };
    const result = await engine.dispatch(id, event, principalOf(res), options).catch((err: unknown) => {
      metrics.dispatches.inc({ outcome: (err as { code?: string }).code ?? 'error' });
      throw err;
    });
    metrics.dispatches.inc({ outcome: result.duplicate ? 'duplicate' : 'appended' });
    setVersion(res, result.version);
    res.status(result.duplicate ? 200 : 201).json(result);
  });

  router.get('/:id/history', async (req, res) => {
    const page = parseRequest(historyQuerySchema, req.query, 'query');
    res.json(await engine.history(unitId(req.params), page, principalOf(res)));
  });

  router.get('/:id/state', async (req, res) => {
    const at = parseRequest(stateQuerySchema, req.query, 'query');
    res.json(await engine.replay(unitId(req.params), at, principalOf(res)));
  });

  router.get('/:id/verify', async (req, res) => {
    const { subtree } = parseRequest(verifyQuerySchema, req.query, 'query');
    const reports = await engine.verify(unitId(req.params), principalOf(res), { subtree });
    res.json({ ok: reports.every((r) => r.ok), reports });
  });

  router.get('/:id/progress', async (req, res) => {
    res.json(presentProgress(await engine.progress(unitId(req.params), principalOf(res))));
  });

  router.get('/:id/children', async (req, res) => {
    res.json({ children: await engine.childrenWithStatus(unitId(req.params), principalOf(res)) });
  });

  router.get('/:id/export', async (req, res) => {
    const { format } = parseRequest(exportQuerySchema, req.query, 'query');
    const id = unitId(req.params);
    await streamExport(res, id, format, engine.exportHistory(id, format, principalOf(res)));
  });

  return router;
}
