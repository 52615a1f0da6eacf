import type { Request, RequestHandler, Response } from 'express';
import type { RedisAvailability } from '../redis/availability.js';
import { problemFor, RETRY_AFTER_SECONDS, sendProblem, ServiceUnavailableError } from './problem.js';
import type { RequestLocals } from './request-context.js';

/** Answers `error` now, unless the answer has started; whatever the route answers later is dropped. */
function answerEarly(req: Request, res: Response, error: ServiceUnavailableError): void {
  if (res.headersSent) return;
  (res.locals as RequestLocals).timedOut = true;
  res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
  sendProblem(res, problemFor(error, req.originalUrl));
}

/**
 * Answers 503 at once while Redis is known to be unreachable, before any command is queued for it;
 * and answers requests already in progress as soon as a stall is detected. (The client sends one
 * pipeline at a time, so a command queued behind a stalled one would only start its own time-out
 * when that one gives up: without this, a request could wait twice REDIS_COMMAND_TIMEOUT_MS.)
 */
export function redisGate(availability: RedisAvailability): RequestHandler {
  return (req, res, next) => {
    if (!availability.available()) return next(ServiceUnavailableError.redis());
    const stop = availability.onStall(() => answerEarly(req, res, ServiceUnavailableError.redis()));
    res.on('finish', stop);
    res.on('close', stop);
    next();
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
      const error = new ServiceUnavailableError(
        `No answer within ${ms} ms; retry after the time in Retry-After (event writes with the same Idempotency-Key)`,
        'timeout',
      );
      answerEarly(req, res, error);
    }, ms);
    res.on('close', () => clearTimeout(timer));
    res.on('finish', () => clearTimeout(timer));
    next();
  };
}
