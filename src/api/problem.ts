import type { ErrorRequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import type { ZodError } from 'zod';
import { isRedisUnavailable } from '../redis/request-client.js';
import type { RedisAvailability } from '../redis/availability.js';
import { AppError, type FieldIssue } from '../shared/errors.js';
import type { RequestLocals } from './request-context.js';

/** RFC 9457 problem details, with the field-level `errors` list clients show next to inputs. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: string;
  errors?: FieldIssue[];
  [extension: string]: unknown;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** 400 for malformed requests (bad query, header or JSON syntax), as opposed to 422 for invalid content. */
export class BadRequestError extends AppError {
  constructor(message: string, issues: FieldIssue[] = []) {
    super(message, 400, 'bad_request', { issues });
  }
}

/** Seconds a client is told to wait before retrying after a 503. */
export const RETRY_AFTER_SECONDS = 2;

/** 503: the store did not answer in time; the request may be retried (writes with the same Idempotency-Key). */
export class ServiceUnavailableError extends AppError {
  constructor(message: string, code = 'unavailable') {
    super(message, 503, code);
  }

  /** Redis is down, stalled or did not answer within REDIS_COMMAND_TIMEOUT_MS. */
  static redis(): ServiceUnavailableError {
    return new ServiceUnavailableError(
      'The database is not answering; retry after the time in Retry-After (event writes with the same Idempotency-Key)',
    );
  }
}

/** zod issues → `{ path, message }` with a dotted path prefixed by where the value came from. */
export function zodIssues(error: ZodError, root: string): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: [root, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
}

/** Errors body-parser raises carry `type` and `status`; map the ones a client can cause. */
function fromBodyParser(err: unknown): AppError | null {
  if (typeof err !== 'object' || err === null || !('type' in err)) return null;
  const { type } = err;
  if (type === 'entity.parse.failed') return new BadRequestError('Request body is not valid JSON', []);
  if (type === 'entity.too.large') return new AppError('Request body is too large', 413, 'too_large');
  const status = (err as { status?: unknown }).status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new AppError('Request body could not be read', status, String(type).replaceAll('.', '_'));
  }
  return null;
}

/**
 * Errors a client caused are mapped, and Redis not answering (503); a failed parse of data read back
 * from Redis stays a 500.
 */
function toAppError(err: unknown): AppError | null {
  if (err instanceof AppError) return err;
  if (isRedisUnavailable(err)) return ServiceUnavailableError.redis();
  return fromBodyParser(err);
}

/** Builds the problem body for an AppError; `details` become extension members (e.g. `allowedEvents`). */
export function problemFor(error: AppError, instance: string): Problem {
  const { issues, ...extensions } = error.details as { issues?: FieldIssue[] };
  return {
    ...extensions,
    type: `urn:congress:problem:${error.code}`,
    title: TITLES[error.status] ?? 'Error',
    status: error.status,
    detail: error.message,
    instance,
    code: error.code,
    errors: issues ?? [],
  };
}

/** Sends a problem+json response. */
export function sendProblem(res: Response, problem: Problem): void {
  res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
}

/**
 * The one error-mapping middleware: known errors become their status (a 503 with Retry-After, and
 * Redis reported unavailable to `availability`); anything else is logged with its stack and answered
 * with a bare 500, so internals never reach a client. A route failing after `requestTimeout` already
 * answered is dropped.
 */
export function errorHandler(logger: Logger, availability?: RedisAvailability): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (isRedisUnavailable(err)) availability?.report(err);
    if (res.headersSent) return (res.locals as RequestLocals).timedOut === true ? undefined : next(err);
    const known = toAppError(err);
    if (known?.status === 503) res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    const retryAfter = known?.details.retryAfterSeconds;
    if (typeof retryAfter === 'number') res.setHeader('Retry-After', String(retryAfter));
    if (known !== null) return sendProblem(res, problemFor(known, req.originalUrl));
    logger.error({ err, requestId: res.locals.requestId as unknown }, 'unhandled error');
    const internal = new AppError('An unexpected error occurred; it has been logged.', 500, 'internal');
    sendProblem(res, problemFor(internal, req.originalUrl));
  };
}
