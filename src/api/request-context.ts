import { randomUUID } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import type { Principal } from '../domain/index.js';
import { UnauthorizedError } from '../shared/errors.js';

/** What the middlewares leave on `res.locals` for the routes. */
export interface RequestLocals {
  requestId: string;
  principal?: Principal;
  tokenHash?: string;
  /** Set when requestTimeout answered 503: the route's own answer, if it comes, is dropped. */
  timedOut?: boolean;
}

/** The authenticated principal; routes behind `authenticate` always have one. */
export function principalOf(res: Response): Principal {
  const principal = (res.locals as RequestLocals).principal;
  if (principal === undefined) throw new UnauthorizedError('Authentication required');
  return principal;
}

const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Echoes a well-formed `X-Request-Id` from the caller (so traces join up), or mints one. */
export function requestId(): RequestHandler {
  return (req, res, next) => {
    const given = req.get('x-request-id');
    const id = given !== undefined && CLIENT_REQUEST_ID.test(given) ? given : randomUUID();
    (res.locals as RequestLocals).requestId = id;
    res.setHeader('X-Request-Id', id);
    next();
  };
}
