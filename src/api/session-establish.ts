import { randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import type { Account } from '../auth/account.schema.js';
import { principalOf as accountPrincipal } from '../auth/sign-in.js';
import type { Clock } from '../shared/clock.js';
import type { RequestLocals } from './request-context.js';
import type { AccountsDeps } from './session-config.js';

/** express-session's callback methods as promises (they call back with an Error or nothing). */
export const promisify = (run: (done: (err?: unknown) => void) => void) =>
  new Promise<void>((resolve, reject) =>
    run((err) =>
      err instanceof Error ? reject(err) : err ? reject(new Error('session store failed')) : resolve(),
    ),
  );

/**
 * Signs `account` in on this request: a fresh session id (no fixation), a CSRF token, the first
 * assignment acting, and the session listed under the account so disabling it ends the session.
 * Password and OpenID Connect sign-in both end here.
 */
export async function establishSession(
  req: Request,
  res: Response,
  deps: AccountsDeps,
  clock: Clock,
  account: Account,
): Promise<void> {
  await promisify((done) => req.session.regenerate(done));
  const at = clock.now().getTime();
  Object.assign(req.session, {
    accountId: account.id,
    assignmentId: account.assignments[0]?.id,
    csrfToken: randomBytes(24).toString('base64url'),
    createdAt: at,
    lastSeenAt: at,
  });
  await promisify((done) => req.session.save(done));
  await deps.store.trackSession(account.id, req.sessionID, deps.absoluteHours * 3_600_000);
  const first = account.assignments[0];
  if (first !== undefined) (res.locals as RequestLocals).principal = accountPrincipal(account, first);
}
