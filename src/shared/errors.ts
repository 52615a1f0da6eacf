/**
 * The one error family of the application. Edges (HTTP, CLI) map these once:
 * validation 422, not found 404, conflict 409, forbidden 403, unauthorized 401.
 */
export interface FieldIssue {
  /** Dotted path of the offending field (`payload.votes.0`), or a row/line reference for imports. */
  path: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends AppError {
  constructor(
    message: string,
    readonly issues: FieldIssue[],
  ) {
    super(message, 422, 'invalid_input', { issues });
  }
}

export class NotFoundError extends AppError {
  constructor(message: string) {
    super(message, 404, 'not_found');
  }
}

/** 409: the event is not allowed in this state, the expected version is stale, or an idempotency key was reused with another body. */
export class ConflictError extends AppError {
  constructor(
    message: string,
    readonly reason: 'not_allowed' | 'version_conflict' | 'idempotency_mismatch' | 'organisation_changed',
    details: Record<string, unknown> = {},
  ) {
    super(message, 409, reason, details);
  }
}

export class ForbiddenError extends AppError {
  constructor(message: string) {
    super(message, 403, 'forbidden');
  }
}

export class UnauthorizedError extends AppError {
  constructor(message: string) {
    super(message, 401, 'unauthorized');
  }
}
