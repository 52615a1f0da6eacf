import type { RequestHandler } from 'express';
import type { RedisAvailability } from '../redis/availability.js';
import { problemFor, RETRY_AFTER_SECONDS, sendProblem, ServiceUnavailableError } from './problem.js';
import type { RequestLocals } from './request-context.js';

/** Answers 503 at once while Redis is known to be unreachable, before any command is queued for it. */
export function redisGate(availability: RedisAvailability): RequestHandler {
  return (_req, _res, next) => {
    if (availability.available()) return next();
    next(ServiceUnavailableError.redis());
  };
}

/**
 * Answers 503 `timeout` when a route has not started its answer within `ms`. Streams (which start at
 * once) are not affected. The route's work is not cancelled: an event write may still land, which a
 * retry with the same Idempotency-Key then reports.
 */
export function requestTimeout(ms: number): RequestHandler {
  return (req, res, next) => {
    const timer = setTimeout(() => {
      if (res.headersSent) return;
      (res.locals as RequestLocals).timedOut = true;
      res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
      const error = new ServiceUnavailableError(
        `No answer within ${ms} ms; retry after the time in Retry-After (event writes with the same Idempotency-Key)`,
        'timeout',
      );
      sendProblem(res, problemFor(error, req.originalUrl));
    }, ms);
    res.on('close', () => clearTimeout(timer));
    res.on('finish', () => clearTimeout(timer));
    next();
  };
}
