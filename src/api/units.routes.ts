import { Router, type Request, type Response } from 'express';
import type { Engine } from '../engine/engine.types.js';
import type { HttpMetrics } from './http-metrics.js';
import { NotFoundError } from '../shared/errors.js';
import { presentProgress } from '../engine/progress.presenter.js';
import { principalOf } from './request-context.js';
import {
  atRiskQuerySchema,
  childrenQuerySchema,
  dispatchHeadersSchema,
  eventBodySchema,
  exportQuerySchema,
  historyQuerySchema,
  parseRequest,
  stateQuerySchema,
  unitParamsSchema,
  verifyQuerySchema,
} from './schemas.js';
import { sendMinutesExport, streamExport } from './export.stream.js';
import { readUnitMinutes } from '../engine/election-minutes.js';
import { renderUnitMinutes } from '../web/election-minutes.html.js';
import { encodeCursor } from './page-cursor.js';
import { tokenFrom } from './auth.middleware.js';
import type { VerificationsPort, VerificationView } from '../jobs/verifications.port.js';

/** Background verifications and the largest subtree verified within the request (default 1,000 units). */
export interface VerifyOptions {
  verifications?: VerificationsPort;
  syncMaxUnits?: number;
}

/** 202 with the run's resource in Location: poll it for progress and the result. */
function accepted(res: Response, view: VerificationView): void {
  res.status(202).location(`/api/v1/verifications/${view.id}`).json(view);
}

/** Starts a background verification of `unitId`'s subtree (listed in `unitIds`) as the caller. */
function startVerification(
  req: Request,
  res: Response,
  port: VerificationsPort,
  unitId: string,
  unitIds: string[],
) {
  const token = tokenFrom(req.get('authorization') ?? '', false) ?? '';
  return port.start({ unitId, unitIds, principal: principalOf(res), token });
}

const unitId = (params: unknown) => parseRequest(unitParamsSchema, params, 'params').id;

/** Weak-free ETag of a unit: its version (events in its log). */
const setVersion = (res: Response, version: number) => res.setHeader('ETag', `"${version}"`);

/**
 * `/units/:id/...`, mounted at `/units`: each handler parses, calls one engine function and shapes
 * the answer.
 */
export function unitsRouter(engine: Engine, metrics: HttpMetrics, verifyOptions: VerifyOptions = {}): Router {
  const router = Router();
  const { verifications } = verifyOptions;
  const syncMaxUnits = verifyOptions.syncMaxUnits ?? 1_000;

  router.get('/:id', async (req, res) => {
    const view = await engine.getUnit(unitId(req.params), principalOf(res));
    setVersion(res, view.version);
    res.json({
      unit: view.unit,
      version: view.version,
      phase: view.phase,
      flags: view.flags,
      riskReasons: view.riskReasons,
      state: view.value,
      allowedEvents: view.allowedEvents,
      actions: view.actions,
      deadlines: view.deadlines,
      irregularities: view.irregularities,
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

  // A subtree of more than syncMaxUnits units is verified in the background (202), so one request
  // cannot hold the server's CPU for tens of seconds.
  router.get('/:id/verify', async (req, res) => {
    const { subtree } = parseRequest(verifyQuerySchema, req.query, 'query');
    const id = unitId(req.params);
    const principal = principalOf(res);
    if (!subtree) {
      const reports = await engine.verify(id, principal);
      return void res.json({ ok: reports.every((r) => r.ok), reports });
    }
    const ids = await engine.subtreeIds(id, principal);
    if (ids.length > syncMaxUnits && verifications)
      return accepted(res, await startVerification(req, res, verifications, id, ids));
    const reports = await engine.verifyUnits(ids, principal);
    res.json({ ok: reports.every((r) => r.ok), reports });
  });

  router.post('/:id/verifications', async (req, res) => {
    const id = unitId(req.params);
    if (!verifications) throw new NotFoundError('Background verifications are not available on this server');
    const ids = await engine.subtreeIds(id, principalOf(res));
    accepted(res, await startVerification(req, res, verifications, id, ids));
  });

  router.get('/:id/progress', async (req, res) => {
    res.json(presentProgress(await engine.progress(unitId(req.params), principalOf(res))));
  });

  router.get('/:id/children', async (req, res) => {
    const { cursor, ...query } = parseRequest(childrenQuerySchema, req.query, 'query');
    const page = await engine.childrenPage(
      unitId(req.params),
      { ...query, ...(cursor ? { after: cursor } : {}) },
      principalOf(res),
    );
    res.json({ children: page.children, nextCursor: encodeCursor(page.next) });
  });

  router.get('/:id/at-risk', async (req, res) => {
    const { limit, cursor } = parseRequest(atRiskQuerySchema, req.query, 'query');
    const page = await engine.atRisk(
      unitId(req.params),
      { limit, ...(cursor ? { after: cursor.after } : {}) },
      principalOf(res),
    );
    res.json({
      units: page.units,
      nextCursor: encodeCursor(page.next === null ? null : { after: page.next }),
    });
  });

  router.get('/:id/export', async (req, res) => {
    const { format } = parseRequest(exportQuerySchema, req.query, 'query');
    const id = unitId(req.params);
    if (format === 'minutes') {
      const { unit, rounds } = await readUnitMinutes(engine, id, principalOf(res));
      return void sendMinutesExport(res, id, renderUnitMinutes(unit, rounds));
    }
    await streamExport(res, id, format, engine.exportHistory(id, format, principalOf(res)));
  });

  return router;
}
