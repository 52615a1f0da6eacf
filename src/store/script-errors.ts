import { AppError, ConflictError, NotFoundError } from '../shared/errors.js';

/** Negative return codes of the Lua scripts in src/store/lua, as documented in their headers. */
export const SCRIPT_CODES = {
  versionConflict: -1,
  idempotencyMismatch: -2,
  unitMissing: -3,
  unitClosed: -4,
  organisationChanged: -5,
} as const;

/** What a refusing script was doing, to word the error. */
export interface ScriptContext {
  script: string;
  subject: string;
  expectedVersion?: number;
}

/**
 * The one mapping of script return codes to application errors. `reply` is the script's array
 * reply whose first element is the negative code; extra elements carry details (current version).
 */
export function scriptError(reply: readonly unknown[], ctx: ScriptContext): AppError {
  const code = Number(reply[0]);
  switch (code) {
    case SCRIPT_CODES.versionConflict: {
      const currentVersion = Number(reply[1]);
      return new ConflictError(
        `${ctx.subject} is at version ${currentVersion}, not ${ctx.expectedVersion ?? '?'}: re-read and retry`,
        'version_conflict',
        { currentVersion, expectedVersion: ctx.expectedVersion },
      );
    }
    case SCRIPT_CODES.idempotencyMismatch:
      return new ConflictError(
        `idempotency key already used on ${ctx.subject} with a different request body`,
        'idempotency_mismatch',
      );
    case SCRIPT_CODES.unitMissing:
      return new NotFoundError(`unit ${ctx.subject} not found`);
    case SCRIPT_CODES.unitClosed:
      return new ConflictError(
        `unit ${ctx.subject} is ${String(reply[1])}: it accepts no further events`,
        'not_allowed',
        {
          allowed: [],
          status: reply[1],
        },
      );
    case SCRIPT_CODES.organisationChanged:
      return new ConflictError(
        `${ctx.subject} was moved or changed by an organisation update: re-read and retry`,
        'organisation_changed',
        { currentRevision: Number(reply[1]) },
      );
    default:
      return new AppError(`${ctx.script} returned unknown code ${code}`, 500, 'script_error', { code });
  }
}
