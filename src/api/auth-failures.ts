import { createHash } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { AppError } from '../shared/errors.js';
import type { RequestLocals } from './request-context.js';

/** Failed authentications allowed per window before 429. */
export interface AuthFailureLimits {
  /** 401s one client address may collect (AUTH_FAILURES_PER_MINUTE). */
  perAddress: number;
  /** 401s one credential may collect, whatever the address (AUTH_FAILURES_PER_TOKEN_PER_MINUTE). */
  perToken: number;
  windowMs?: number;
  /** What identifies the credential (default: the Authorization header, else the cookies). */
  credentialOf?: (req: Request) => string;
}

/** Entries kept per counter at most, so a flood of distinct junk credentials cannot grow memory. */
const MAX_ENTRIES = 100_000;

/** Fixed-window counters with an expiry, oldest dropped first when full. */
function windowCounter(windowMs: number) {
  const entries = new Map<string, { count: number; resetAt: number }>();
  const live = (key: string, now: number) => {
    const entry = entries.get(key);
    if (entry && entry.resetAt <= now) entries.delete(key);
    return entry && entry.resetAt > now ? entry : undefined;
  };
  return {
    get: (key: string, now: number) => live(key, now),
    add(key: string, now: number) {
      const entry = live(key, now) ?? { count: 0, resetAt: now + windowMs };
      entry.count += 1;
      entries.delete(key);
      entries.set(key, entry);
      if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
    },
    /** Marks `key` as seen now, for a whole window from now. */
    touch(key: string, now: number) {
      entries.delete(key);
      entries.set(key, { count: 1, resetAt: now + windowMs });
      if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
    },
  };
}

function tooMany(message: string): AppError {
  return new AppError(message, 429, 'rate_limited');
}

/**
 * Limits failed authentications per client address and per credential, before the token lookup so
 * guessing is slow and cheap to refuse. Only answered 401s count (requests in flight do not).
 * One credential refused again and again (a client with a revoked token) is stopped by its own limit
 * without touching the others behind the same address. An address over its limit is refused only
 * for credentials that have not authenticated in the current window, so colleagues behind one office
 * proxy keep working while new guesses from there are refused. Which address a request comes from
 * follows Express's `trust proxy` (TRUST_PROXY), so a client cannot pick its own by sending
 * X-Forwarded-For. Counters live in process memory (per replica).
 */
export function authFailureGuard(limits: AuthFailureLimits): RequestHandler {
  const windowMs = limits.windowMs ?? 60_000;
  const byAddress = windowCounter(windowMs);
  const byCredential = windowCounter(windowMs);
  const recentlyGood = windowCounter(windowMs);
  return (req, res, next) => {
    const address = req.ip ?? 'unknown';
    // A session cookie is the credential of a request without Authorization.
    const credential = createHash('sha256')
      .update(limits.credentialOf?.(req) ?? req.get('authorization') ?? req.get('cookie') ?? '')
      .digest('base64url');
    const now = Date.now();
    const own = byCredential.get(credential, now);
    const fromAddress = byAddress.get(address, now);
    const refuse = (resetAt: number, message: string) => {
      res.setHeader('Retry-After', String(Math.ceil((resetAt - now) / 1000)));
      next(tooMany(message));
    };
    if (own && own.count >= limits.perToken)
      return refuse(own.resetAt, 'This token was refused too often; check it, then retry after Retry-After');
    if (fromAddress && fromAddress.count >= limits.perAddress && !recentlyGood.get(credential, now))
      return refuse(fromAddress.resetAt, 'Too many failed authentications from this address; retry later');
    res.on('finish', () => {
      const at = Date.now();
      if (res.statusCode === 401) {
        byAddress.add(address, at);
        byCredential.add(credential, at);
      } else if ((res.locals as RequestLocals).principal !== undefined) recentlyGood.touch(credential, at);
    });
    next();
  };
}
