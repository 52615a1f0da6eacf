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

/**
 * Per-client-address limit on failed authentications, applied before the token lookup so guessing tokens
 * is slow and cheap to refuse. Only answered 401s count. (express-rate-limit's skipSuccessfulRequests
 * counts every request while it is in flight, so more concurrent requests than the limit from one proxy
 * address were refused even though they authenticated; hence this small fixed-window counter.)
 */
export function failedAuthRateLimit(options: RateLimitOptions): RequestHandler {
  const windowMs = options.windowMs ?? 60_000;
  const failures = new Map<string, { count: number; resetAt: number }>();
  return (req, res, next) => {
    const key = req.ip ?? 'unknown';
    const now = Date.now();
    const entry = failures.get(key);
    if (entry && entry.resetAt <= now) failures.delete(key);
    const current = failures.get(key);
    if (current && current.count >= options.limit) {
      res.setHeader('Retry-After', String(Math.ceil((current.resetAt - now) / 1000)));
      next(
        new AppError('Too many failed authentications from this address; retry later', 429, 'rate_limited'),
      );
      return;
    }
    res.on('finish', () => {
      if (res.statusCode !== 401) return;
      const open = failures.get(key) ?? { count: 0, resetAt: Date.now() + windowMs };
      open.count += 1;
      failures.set(key, open);
    });
    next();
  };
}
