import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { RequestLocals } from './request-context.js';

/** One line per request: id, method, full path (no query string), status, duration, principal id (never the token). */
export function accessLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    // At warn and above (as under load) the line would be dropped: skip the listener and the timing.
    if (!logger.isLevelEnabled('info')) return next();
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const locals = res.locals as RequestLocals;
      logger.info(
        {
          requestId: locals.requestId,
          method: req.method,
          // originalUrl: a router sees only its own remainder in req.path ('/').
          path: req.originalUrl.split('?', 1)[0],
          status: res.statusCode,
          ms: Number(process.hrtime.bigint() - started) / 1e6,
          principal: locals.principal?.id,
        },
        'request',
      );
    });
    next();
  };
}
