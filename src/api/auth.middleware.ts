import type { RequestHandler } from 'express';
import type { PrincipalRole } from '../domain/index.js';
import type { TokenStore } from '../auth/token-store.js';
import { ForbiddenError, UnauthorizedError } from '../shared/errors.js';
import { principalOf, type RequestLocals } from './request-context.js';

const BEARER = /^Bearer ([A-Za-z0-9_-]{16,128})$/;
const BASIC = /^Basic ([A-Za-z0-9+/=]{1,400})$/;

/**
 * The token from `Authorization`: a bearer token, or — for pages a browser opens, such as the queue
 * dashboard — the password of HTTP Basic credentials (any user name), which browsers resend by themselves.
 */
function tokenFrom(header: string, allowBasic: boolean): string | undefined {
  const bearer = BEARER.exec(header)?.[1];
  if (bearer !== undefined || !allowBasic) return bearer;
  const basic = BASIC.exec(header)?.[1];
  if (basic === undefined) return undefined;
  const decoded = Buffer.from(basic, 'base64').toString('utf8');
  return decoded.slice(decoded.indexOf(':') + 1) || undefined;
}

/**
 * Resolves `Authorization: Bearer <token>` (or Basic, where allowed) to a principal through the token store.
 * Missing, malformed, unknown and revoked tokens all answer 401 with the same message, so the
 * response does not reveal which tokens ever existed.
 */
export function authenticate(tokens: TokenStore, options: { allowBasic?: boolean } = {}): RequestHandler {
  const allowBasic = options.allowBasic === true;
  return async (req, res, next) => {
    const token = tokenFrom(req.get('authorization') ?? '', allowBasic);
    const record = token === undefined ? null : await tokens.resolve(token);
    if (record === null) {
      res.setHeader(
        'WWW-Authenticate',
        allowBasic ? 'Basic realm="congress", charset="UTF-8"' : 'Bearer realm="congress"',
      );
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
