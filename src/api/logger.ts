import type { RequestHandler } from 'express';
import { pino, type Logger, type LoggerOptions } from 'pino';
import type { RequestLocals } from './request-context.js';

/** Paths pino blanks out wherever they appear, so no token or credential reaches a log line. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'headers.authorization',
  'authorization',
  'token',
  '*.token',
  'password',
  '*.password',
];

/** The process logger: JSON lines on stdout, secrets redacted. */
export function createLogger(level: LoggerOptions['level'] = 'info'): Logger {
  return pino({ level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } });
}

/** One line per request: id, method, path, status, duration, principal id (never the token). */
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
          path: req.path,
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
