import type { RequestHandler } from 'express';
import type { PrincipalRole } from '../domain/index.js';
import { isExpired, type TokenStore } from '../auth/token-store.js';
import { systemClock, type Clock } from '../shared/clock.js';
import { AppError, ForbiddenError, UnauthorizedError } from '../shared/errors.js';
import { principalOf, type RequestLocals } from './request-context.js';
import { sessionPrincipal, type SessionAuthOptions } from './session-auth.js';

const BEARER = /^Bearer ([A-Za-z0-9_-]{16,128})$/;
const BASIC = /^Basic ([A-Za-z0-9+/=]{1,400})$/;

/**
 * The token from `Authorization`: a bearer token, or — for pages a browser opens, such as the queue
 * dashboard — the password of HTTP Basic credentials (any user name), which browsers resend by themselves.
 */
export function tokenFrom(header: string, allowBasic: boolean): string | undefined {
  const bearer = BEARER.exec(header)?.[1];
  if (bearer !== undefined || !allowBasic) return bearer;
  const basic = BASIC.exec(header)?.[1];
  if (basic === undefined) return undefined;
  const decoded = Buffer.from(basic, 'base64').toString('utf8');
  return decoded.slice(decoded.indexOf(':') + 1) || undefined;
}

export interface AuthenticateOptions {
  allowBasic?: boolean;
  /** Accept a session cookie when no Authorization header is sent (the dashboard's sign-in). */
  sessions?: SessionAuthOptions;
  clock?: Clock;
}

/**
 * Resolves `Authorization: Bearer <token>` (or Basic, where allowed) to a principal through the token
 * store; without that header, a session cookie (when sessions are on). Missing, malformed, unknown and
 * revoked tokens all answer 401 with the same message, so the response does not reveal which tokens
 * ever existed; an expired token answers 401 `token_expired`, since its holder must ask for a new one.
 */
export function authenticate(tokens: TokenStore, options: AuthenticateOptions = {}): RequestHandler {
  const allowBasic = options.allowBasic === true;
  const clock = options.clock ?? systemClock;
  return async (req, res, next) => {
    const locals = res.locals as RequestLocals;
    const header = req.get('authorization');
    if (header === undefined && options.sessions !== undefined) {
      const principal = await sessionPrincipal(req, options.sessions);
      if (principal !== null) {
        locals.principal = principal;
        locals.tokenHash = `account:${principal.id}`;
        return next();
      }
    }
    const token = tokenFrom(header ?? '', allowBasic);
    const record = token === undefined ? null : await tokens.resolve(token);
    if (record === null) {
      res.setHeader(
        'WWW-Authenticate',
        allowBasic ? 'Basic realm="congress", charset="UTF-8"' : 'Bearer realm="congress"',
      );
      throw new UnauthorizedError(
        options.sessions === undefined
          ? 'A valid bearer token is required (Authorization: Bearer <token>)'
          : 'Sign in (POST /api/v1/session) or send a valid bearer token (Authorization: Bearer <token>)',
      );
    }
    if (isExpired(record, clock.now()))
      throw new AppError(
        `This token expired at ${record.expiresAt ?? ''}; ask an admin for a new one`,
        401,
        'token_expired',
      );
    locals.principal = record.principal;
    locals.tokenHash = record.hash;
    next();
  };
}

/** For edge-only resources (tokens, the queue dashboard) that the engine does not guard itself. */
export function requireRole(...roles: PrincipalRole[]): RequestHandler {
  return (_req, res, next) => {
    const principal = principalOf(res);
    if (!roles.includes(principal.role)) {
      throw new ForbiddenError(
        `Role ${principal.role} may not use this resource (needs ${roles.join(' or ')})`,
      );
    }
    next();
  };
}
