import { Router } from 'express';
import type { Engine } from '../engine/engine.types.js';
import { principalOf } from './request-context.js';
import { meSchema } from './response.schemas.js';

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
  return router;
}
