import { Router } from 'express';
import { readRoundMinutes } from '../engine/election-minutes.js';
import type { Engine } from '../engine/engine.types.js';
import { renderRoundMinutes } from '../web/election-minutes.html.js';
import { principalOf } from './request-context.js';
import { minutesParamsSchema, parseRequest } from './schemas.js';
import { evaluateElection } from '../../machines/election/evaluate.js';
import { ValidationError } from '../shared/errors.js';

/**
 * `/elections/...`, mounted at `/elections`: tools for the counting committee that record nothing.
 * Any signed-in principal may use them (authentication runs before this router).
 */
export function electionsRouter(): Router {
  const router = Router();
  router.post('/evaluate', (req, res) => {
    const outcome = evaluateElection(req.body);
    if (!outcome.ok) {
      throw new ValidationError(
        'The round cannot be counted: correct the fields named below',
        outcome.issues,
      );
    }
    res.json(outcome.result);
  });
  return router;
}

/**
 * `GET /units/:id/elections/:election/rounds/:round/minutes` (mounted at `/units`): the vote-count
 * minutes of a recorded round as a printable Vietnamese HTML page, for those who may read the unit.
 */
export function electionMinutesRouter(engine: Engine): Router {
  const router = Router();
  router.get('/:id/elections/:election/rounds/:round/minutes', async (req, res) => {
    const { id, election, round } = parseRequest(minutesParamsSchema, req.params, 'params');
    const minutes = await readRoundMinutes(engine, id, election, round, principalOf(res));
    res.type('html').send(renderRoundMinutes(minutes));
  });
  return router;
}
