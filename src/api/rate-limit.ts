import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { AppError } from '../shared/errors.js';
import { principalOf, type RequestLocals } from './request-context.js';

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

/**
 * Per-account limit, keyed by the principal's id: an account holding several tokens (a browser, a
 * script) shares one allowance, so issuing more tokens does not multiply it. The default (1,200 a
 * minute, twice a token's) leaves a person's dashboard and a script of theirs room side by side.
 */
export function perAccountRateLimit(options: RateLimitOptions): RequestHandler {
  return rateLimit({
    windowMs: options.windowMs ?? 60_000,
    limit: options.limit,
    standardHeaders: false,
    legacyHeaders: false,
    keyGenerator: (_req, res) => `account:${principalOf(res).id}`,
    handler: (_req, _res, next) => {
      next(
        new AppError(
          'Rate limit exceeded for this account (all its tokens together); retry after the time in Retry-After',
          429,
          'rate_limited',
        ),
      );
    },
  });
}
