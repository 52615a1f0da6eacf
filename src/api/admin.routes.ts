import express, { Router } from 'express';
import type { Engine } from '../engine/engine.types.js';
import { tokenRequestSchema } from '../auth/principal.schema.js';
import type { TokenStore } from '../auth/token-store.js';
import { AppError, NotFoundError } from '../shared/errors.js';
import { requireRole } from './auth.middleware.js';
import { principalOf } from './request-context.js';
import { parseRequest, tokenParamsSchema } from './schemas.js';

/** The import format follows the body's Content-Type. */
function importInput(
  contentType: string | undefined,
  body: unknown,
): { format: 'csv' | 'json'; content: string } {
  if (contentType?.startsWith('text/csv') === true && typeof body === 'string')
    return { format: 'csv', content: body };
  if (contentType?.startsWith('application/json') === true && typeof body === 'object' && body !== null) {
    return { format: 'json', content: JSON.stringify(body) };
  }
  throw new AppError('Send the tree as text/csv or application/json', 415, 'unsupported_media_type', {
    issues: [{ path: 'headers.content-type', message: 'must be text/csv or application/json' }],
  });
}

/** Administration: importing the organisation tree (the engine checks the role) and managing tokens. */
export function adminRouter(engine: Engine, tokens: TokenStore, bodyLimit: string | number): Router {
  const router = Router();

  // Only the import takes CSV; other routes parse JSON alone (see app.ts).
  router.post('/import', express.text({ type: 'text/csv', limit: bodyLimit }), async (req, res) => {
    const input = importInput(req.get('content-type'), req.body);
    res.json(await engine.importTree(input, principalOf(res)));
  });

  router.get('/tokens', requireRole('admin'), async (_req, res) => {
    const records = await tokens.list();
    res.json({ tokens: records.map(({ hash: _hash, ...rest }) => rest) });
  });

  router.post('/tokens', requireRole('admin'), async (req, res) => {
    const request = parseRequest(tokenRequestSchema, req.body ?? {}, 'body');
    const { token, record } = await tokens.create(request);
    const { hash: _hash, ...shown } = record;
    res.status(201).json({ token, ...shown });
  });

  router.delete('/tokens/:id', requireRole('admin'), async (req, res) => {
    const { id } = parseRequest(tokenParamsSchema, req.params, 'params');
    if (!(await tokens.revoke(id))) throw new NotFoundError(`No token with id ${id}`);
    res.status(204).end();
  });

  return router;
}
