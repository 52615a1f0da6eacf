import type { RequestHandler } from 'express';
import type { PrincipalRole } from '../engine/engine.types.js';
import type { TokenStore } from '../auth/token-store.js';
import { ForbiddenError, UnauthorizedError } from '../shared/errors.js';
import { principalOf, type RequestLocals } from './request-context.js';

const BEARER = /^Bearer ([A-Za-z0-9_-]{16,128})$/;

/**
 * Resolves `Authorization: Bearer <token>` to a principal through the token store.
 * Missing, malformed, unknown and revoked tokens all answer 401 with the same message, so the
 * response does not reveal which tokens ever existed.
 */
export function authenticate(tokens: TokenStore): RequestHandler {
  return async (req, res, next) => {
    const match = BEARER.exec(req.get('authorization') ?? '');
    const record = match?.[1] === undefined ? null : await tokens.resolve(match[1]);
    if (record === null) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="congress"');
      throw new UnauthorizedError('A valid bearer token is required (Authorization: Bearer <token>)');
    }
    const locals = res.locals as RequestLocals;
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
