import express, { Router, type Request, type RequestHandler } from 'express';
import { z } from 'zod';
import type { Account } from '../auth/account.schema.js';
import { chooseAssignment, signIn } from '../auth/sign-in.js';
import type { Clock } from '../shared/clock.js';
import { NotFoundError } from '../shared/errors.js';
import { authFailureGuard } from './auth-failures.js';
import { oidcRouter, postLogoutUriOf } from './oidc.routes.js';
import { principalOf } from './request-context.js';
import type { AccountsDeps } from './session-config.js';
import { SESSION_COOKIE } from './session-config.js';
import { establishSession, promisify } from './session-establish.js';
import { parseRequest } from './schemas.js';

export const signInSchema = z.strictObject({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(200),
});

export const chooseAssignmentSchema = z.strictObject({ assignmentId: z.string().min(1).max(64) });

/** What the dashboard needs to know about the signed-in person: never the password hash. */
function sessionView(req: Request, account: Account, absoluteMs: number) {
  const s = req.session;
  const current = chooseAssignment(account, undefined, s.assignmentId);
  return {
    account: { id: account.id, username: account.username, displayName: account.displayName },
    assignments: account.assignments,
    assignmentId: current?.id ?? null,
    csrfToken: s.csrfToken,
    expiresAt: new Date((s.createdAt ?? 0) + absoluteMs).toISOString(),
  };
}

/** A session request (GET, PUT, DELETE): its account, or 404 when the request came with a token. */
async function sessionAccount(req: Request, deps: AccountsDeps): Promise<Account> {
  const id = (req.session as Partial<typeof req.session> | undefined)?.accountId;
  const account = id === undefined ? null : await deps.store.get(id);
  if (account === null) throw new NotFoundError('No session here: this request used a bearer token');
  return account;
}

/**
 * `POST /session` signs in (before authentication: it is how one authenticates). Failed attempts
 * count per address (the usual 401 limit, keyed by username so one person's typos do not lock out a
 * colleague behind the same address) and per account (sign-in-lockout.ts).
 */
export function signInRouter(deps: AccountsDeps, clock: Clock, perAddress: number): Router {
  const router = Router();
  const absoluteMs = deps.absoluteHours * 3_600_000;
  const guard = authFailureGuard({
    perAddress,
    perToken: Number.MAX_SAFE_INTEGER,
    // An OIDC callback's credential is its state: single use, so one success exempts nothing else.
    credentialOf: (req) =>
      req.path.startsWith('/session/oidc')
        ? `oidc:${new URL(req.originalUrl, 'http://local').searchParams.get('state')}`
        : `signin:${String((req.body as { username?: unknown } | undefined)?.username)}`,
  });
  // Public: tells the dashboard's sign-in page which ways of signing in this server offers.
  router.get('/session/options', (_req, res) => {
    res.json({ password: true, oidc: deps.oidc !== undefined });
  });
  const { oidc } = deps;
  if (oidc !== undefined) router.use(oidcRouter({ ...deps, oidc }, clock, guard));
  router.post('/session', express.json({ limit: '4kb' }), guard, async (req, res) => {
    const { username, password } = parseRequest(signInSchema, req.body ?? {}, 'body');
    const now = () => clock.now();
    const account = await signIn({ accounts: deps.store, lockout: deps.lockout, now }, username, password);
    await establishSession(req, res, deps, clock, account);
    res.status(201).json(sessionView(req, account, absoluteMs));
  });
  return router;
}

/** `GET`, `PUT` (choose the acting assignment) and `DELETE` (sign out) `/session`, behind authentication. */
export function sessionRouter(deps: AccountsDeps): RequestHandler {
  const router = Router();
  const absoluteMs = deps.absoluteHours * 3_600_000;
  router.get('/session', async (req, res) => {
    res.json(sessionView(req, await sessionAccount(req, deps), absoluteMs));
  });
  router.put('/session', async (req, res) => {
    const account = await sessionAccount(req, deps);
    const { assignmentId } = parseRequest(chooseAssignmentSchema, req.body ?? {}, 'body');
    if (chooseAssignment(account, assignmentId, undefined) === null)
      throw new NotFoundError(`You hold no assignment ${assignmentId}; GET /api/v1/session lists yours`);
    req.session.assignmentId = assignmentId;
    res.json(sessionView(req, account, absoluteMs));
  });
  // Signing out ends the session here; after an OpenID Connect sign-in it also answers where to send
  // the browser so the provider ends its own (else the next "sign in with your organisation" would
  // pass straight through, on a shared computer too).
  router.delete('/session', async (req, res) => {
    await sessionAccount(req, deps);
    principalOf(res);
    const { oidcIdToken } = req.session;
    await promisify((done) => req.session.destroy(done));
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    const oidc = deps.oidc;
    const providerSignOutUrl =
      oidc === undefined || oidcIdToken === undefined
        ? null
        : await oidc.client
            .endSessionUrl(oidcIdToken, postLogoutUriOf(req, oidc.redirectUrl))
            .catch(() => null);
    if (providerSignOutUrl === null) res.status(204).end();
    else res.status(200).json({ providerSignOutUrl });
  });
  return router;
}
