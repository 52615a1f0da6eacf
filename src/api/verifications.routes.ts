import { Router } from 'express';
import { principalOf } from './request-context.js';
import { parseRequest, verificationParamsSchema } from './schemas.js';
import type { VerificationsPort } from '../jobs/verifications.port.js';

/** `/verifications/:id`, mounted there: a background verification's progress, then its result. */
export function verificationsRouter(verifications: VerificationsPort): Router {
  const router = Router();
  router.get('/:id', async (req, res) => {
    const { id } = parseRequest(verificationParamsSchema, req.params, 'params');
    res.json(await verifications.get(id, principalOf(res)));
  });
  return router;
}
