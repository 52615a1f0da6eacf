import { pino, type Logger, type LoggerOptions } from 'pino';

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
