import { timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import type { AccountStore } from '../auth/account-store.js';
import { chooseAssignment, principalOf } from '../auth/sign-in.js';
import type { Principal } from '../domain/index.js';
import type { Clock } from '../shared/clock.js';
import { AppError, ForbiddenError } from '../shared/errors.js';

export interface SessionAuthOptions {
  accounts: AccountStore;
  idleMs: number;
  absoluteMs: number;
  clock: Clock;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const ended = (message: string) => new AppError(message, 401, 'session_expired');

function sameToken(given: string | undefined, expected: string): boolean {
  if (given === undefined || given.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

async function destroy(req: Request): Promise<void> {
  await new Promise<void>((resolve) => req.session.destroy(() => resolve()));
}

/**
 * The principal of a request carrying a session cookie, or null when it carries none. Checks, in
 * order: the idle and absolute limits on the app's clock; that the account still exists and is
 * enabled (so disabling bites on the next request even where a session outlived `endSessions`); the
 * CSRF header on state-changing methods; and which assignment acts.
 */
export async function sessionPrincipal(req: Request, options: SessionAuthOptions): Promise<Principal | null> {
  const data = req.session as Partial<typeof req.session> | undefined;
  if (data?.accountId === undefined) return null;
  const now = options.clock.now().getTime();
  if (now - (data.lastSeenAt ?? 0) >= options.idleMs) {
    await destroy(req);
    throw ended('Your session ended after a period without activity; sign in again');
  }
  if (now - (data.createdAt ?? 0) >= options.absoluteMs) {
    await destroy(req);
    throw ended('Your session reached its maximum length; sign in again');
  }
  const account = await options.accounts.get(data.accountId);
  if (account === null || account.disabled) {
    await destroy(req);
    throw ended('This account is disabled; ask your account admin');
  }
  if (!SAFE_METHODS.has(req.method) && !sameToken(req.get('x-csrf-token'), data.csrfToken ?? ''))
    throw new AppError(
      'Send the X-CSRF-Token header given at sign-in (GET /api/v1/session shows it); reload the page if unsure',
      403,
      'csrf_failed',
    );
  const assignment = chooseAssignment(account, req.get('x-assignment-id'), data.assignmentId);
  if (assignment === null)
    throw new ForbiddenError(
      account.assignments.length === 0
        ? 'Your account has no assignment yet; ask your account admin for one'
        : 'X-Assignment-Id names none of your assignments; GET /api/v1/session lists them',
    );
  req.session.lastSeenAt = now;
  return principalOf(account, assignment);
}
