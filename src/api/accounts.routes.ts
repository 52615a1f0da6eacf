import { Router } from 'express';
import { z } from 'zod';
import type { AccountAdmin } from '../auth/account-admin.js';
import {
  accountCreateSchema,
  ASSIGNMENT_ID,
  assignmentRequestSchema,
  passwordSchema,
  usernameSchema,
} from '../auth/account.schema.js';
import { requireRole } from './auth.middleware.js';
import { principalOf } from './request-context.js';
import { parseRequest } from './schemas.js';

const accountParams = z.object({ username: usernameSchema });
const assignmentParams = accountParams.extend({
  assignmentId: z.string().regex(ASSIGNMENT_ID, 'an assignment id such as asg_0123456789ab'),
});
export const passwordResetSchema = z.strictObject({ password: passwordSchema });

/**
 * Accounts, for admins (all) and account admins (their subtree; account-scope.ts decides). Each
 * change is appended to the administration log; `GET /admin-log/verify` checks its chain.
 */
export function accountsRouter(admin: AccountAdmin): Router {
  const router = Router();
  const managers = requireRole('admin', 'account_admin');
  router.get('/accounts', managers, async (_req, res) => {
    res.json({ accounts: await admin.list(principalOf(res)) });
  });
  router.post('/accounts', managers, async (req, res) => {
    const request = parseRequest(accountCreateSchema, req.body ?? {}, 'body');
    res.status(201).json(await admin.create(principalOf(res), request));
  });
  for (const [action, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const)
    router.post(`/accounts/:username/${action}`, managers, async (req, res) => {
      const { username } = parseRequest(accountParams, req.params, 'params');
      res.json(await admin.setDisabled(principalOf(res), username, disabled));
    });
  router.put('/accounts/:username/password', managers, async (req, res) => {
    const { username } = parseRequest(accountParams, req.params, 'params');
    const { password } = parseRequest(passwordResetSchema, req.body ?? {}, 'body');
    res.json(await admin.resetPassword(principalOf(res), username, password));
  });
  router.post('/accounts/:username/assignments', managers, async (req, res) => {
    const { username } = parseRequest(accountParams, req.params, 'params');
    const request = parseRequest(assignmentRequestSchema, req.body ?? {}, 'body');
    res.status(201).json(await admin.assign(principalOf(res), username, request));
  });
  router.delete('/accounts/:username/assignments/:assignmentId', managers, async (req, res) => {
    const { username, assignmentId } = parseRequest(assignmentParams, req.params, 'params');
    res.json(await admin.unassign(principalOf(res), username, assignmentId));
  });
  router.get('/admin-log/verify', requireRole('admin'), async (_req, res) => {
    res.json(await admin.verifyLog(principalOf(res)));
  });
  return router;
}
