import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { AppError } from '../shared/errors.js';
import type { RequestLocals } from './request-context.js';

export interface RateLimitOptions {
  /** Requests each token may make per window. */
  limit: number;
  windowMs?: number;
}

/**
 * Per-token limit, keyed by the token's hash (never the token) so one noisy client cannot starve
 * the others behind the same proxy. Counters live in process memory: with several API replicas the
 * effective limit is per replica, which is acceptable for abuse protection.
 */
export function perTokenRateLimit(options: RateLimitOptions): RequestHandler {
  return rateLimit({
    windowMs: options.windowMs ?? 60_000,
    limit: options.limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (_req, res) => (res.locals as RequestLocals).tokenHash ?? 'anonymous',
    handler: (_req, _res, next) => {
      next(
        new AppError(
          'Rate limit exceeded for this token; retry after the time in Retry-After',
          429,
          'rate_limited',
        ),
      );
    },
  });
}
