import { Router } from 'express';
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
