/**
 * Events in bulk: `POST /events:batch` (JSON rows, or a filled CSV template of one event type) and
 * the CSV template of each event type. Each row is one event; the answer is row by row.
 */
import express, { Router, type Request } from 'express';
import { z } from 'zod';
import { batchTemplate, MAX_BATCH_ROWS, type ReadRow } from '../engine/index.js';
import type { Engine } from '../engine/engine.types.js';
import { AppError } from '../shared/errors.js';
import { principalOf } from './request-context.js';
import { batchBodySchema, batchQuerySchema, batchRowSchema, parseRequest } from './schemas.js';

/** A JSON row: checked here like a single event POST; a bad row is refused alone, with its fields named. */
function readRow(raw: unknown): ReadRow {
  const parsed = batchRowSchema.safeParse(raw);
  if (parsed.success) {
    const { occurredAt, ...row } = parsed.data;
    return { ok: true, row: { ...row, ...(occurredAt === undefined ? {} : { occurredAt }) } };
  }
  const unitId = z.object({ unitId: z.string() }).safeParse(raw);
  const reason = parsed.error.issues.map((i) => `${i.path.join('.') || '(row)'} ${i.message}`).join('; ');
  return { ok: false, unitId: unitId.success ? unitId.data.unitId : '', code: 'invalid_row', reason };
}

function csvBody(req: Request): string | null {
  return req.get('content-type')?.startsWith('text/csv') === true && typeof req.body === 'string'
    ? req.body
    : null;
}

/** Answer of a batch: every row, and the counts a person reads first. */
function summary(results: Awaited<ReturnType<Engine['dispatchBatch']>>) {
  const accepted = results.filter((r) => r.status === 'accepted').length;
  return { accepted, refused: results.length - accepted, results };
}

/** Mounted at the API root: `/events:batch` (the colon escaped, so it is not a parameter) and `/event-templates/:type`. */
export function eventsRouter(engine: Engine, bodyLimit: string | number): Router {
  const router = Router();

  router.post('/events\\:batch', express.text({ type: 'text/csv', limit: bodyLimit }), async (req, res) => {
    const csv = csvBody(req);
    if (csv !== null) {
      const { type } = parseRequest(batchQuerySchema, req.query, 'query');
      return void res.json(summary(await engine.dispatchCsvBatch(csv, type, principalOf(res))));
    }
    if (typeof req.body !== 'object' || req.body === null)
      throw new AppError(
        'Send the rows as application/json ({ rows }) or a filled template as text/csv',
        415,
        'unsupported_media_type',
      );
    const { rows } = parseRequest(batchBodySchema, req.body, 'body');
    res.json(summary(await engine.dispatchBatch(rows.map(readRow), principalOf(res))));
  });

  router.get('/event-templates/:type', (req, res) => {
    const { type } = parseRequest(batchQuerySchema, req.params, 'params');
    const csv = batchTemplate(type);
    res
      .type('text/csv; charset=utf-8')
      .attachment(`${type}.csv`)
      .set('X-Max-Rows', String(MAX_BATCH_ROWS))
      .send(csv);
  });

  return router;
}
