import { Router } from 'express';
import type { Engine } from '../engine/engine.types.js';
import { principalOf } from './request-context.js';
import { meSchema } from './response.schemas.js';
import { parseRequest, workQuerySchema } from './schemas.js';
import { encodeCursor } from './page-cursor.js';

/**
 * `GET /me` (mounted at `/me`): who the token belongs to and where to start. The answer goes
 * through its response schema, so nothing beyond the documented fields (never the token or its hash)
 * can leave by accident.
 */
export function meRouter(engine: Engine): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    res.json(meSchema.parse(await engine.me(principalOf(res))));
  });
  // What the caller can do now across its scope, by due time (the dashboard's waiting list).
  router.get('/work', async (req, res) => {
    const { limit, cursor } = parseRequest(workQuerySchema, req.query, 'query');
    const page = await engine.myWork(principalOf(res), { limit, offset: cursor?.offset ?? 0 });
    res.json({
      items: page.items,
      nextCursor: encodeCursor(page.nextOffset === null ? null : { offset: page.nextOffset }),
    });
  });
  return router;
}
