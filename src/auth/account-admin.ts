import type { Principal } from '../domain/index.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../shared/errors.js';
import type { AdminActor, AdminLogReport } from './admin-log.js';
import { verifyAdminLog } from './admin-log.js';
import {
  scopeLabel,
  viewOf,
  type Account,
  type AccountCreate,
  type AccountView,
  type AssignmentRequest,
} from './account.schema.js';
import { refuseAccount, refuseAssignment, type ScopeOracle } from './account-scope.js';
import { newAccountId, newAssignmentId, type AccountStore } from './account-store.js';
import { hashPassword } from './password.js';
import { revokeTokensOf, type TokenStore } from './token-store.js';
import type { Clock } from '../shared/clock.js';
import { systemClock } from '../shared/clock.js';

export interface AccountAdminDeps {
  accounts: AccountStore;
  tokens: TokenStore;
  oracle: ScopeOracle;
  clock?: Clock;
}

function actorOf(principal: Principal): AdminActor {
  const kind = principal.kind ?? (principal.role === 'system' ? 'system' : 'token');
  return {
    kind,
    principalId: principal.id,
    role: principal.role,
    ...(principal.assignmentId === undefined ? {} : { assignmentId: principal.assignmentId }),
  };
}

const forbid = (refusal: string | null) => {
  if (refusal !== null) throw new ForbiddenError(refusal);
};

/**
 * Creating, disabling and assigning accounts, for admins (everything) and account admins (their
 * subtree). Every change goes through the account store with its administration-log entry.
 */
export function createAccountAdmin(deps: AccountAdminDeps) {
  const { accounts, tokens, oracle } = deps;
  const clock = deps.clock ?? systemClock;

  async function load(actor: Principal, username: string): Promise<Account> {
    const account = await accounts.byUsername(username);
    if (account === null)
      throw new NotFoundError(`No account ${username}; check the name with the account list`);
    forbid(await refuseAccount(actor, account, oracle));
    return account;
  }

  const assignmentDetails = (a: AssignmentRequest & { id: string }) => ({
    assignmentId: a.id,
    role: a.role,
    scope: scopeLabel(a),
  });

  return {
    /** Accounts the actor may manage (all for an admin). */
    async list(actor: Principal): Promise<AccountView[]> {
      const all = await accounts.list();
      const visible: AccountView[] = [];
      for (const account of all)
        if ((await refuseAccount(actor, account, oracle)) === null) visible.push(viewOf(account));
      return visible;
    },

    async create(actor: Principal, request: AccountCreate): Promise<AccountView> {
      if (actor.role !== 'admin' && request.assignment === undefined)
        throw new ValidationError('An account admin gives the new account its first assignment', [
          { path: 'assignment', message: 'required for an account admin' },
        ]);
      if (request.assignment !== undefined) forbid(await refuseAssignment(actor, request.assignment, oracle));
      const assignment = request.assignment && { id: newAssignmentId(), ...request.assignment };
      const account: Account = {
        id: newAccountId(),
        username: request.username,
        displayName: request.displayName,
        passwordHash: await hashPassword(request.password),
        disabled: false,
        createdAt: clock.now().toISOString(),
        assignments: assignment ? [assignment] : [],
      };
      const details = assignment ? assignmentDetails(assignment) : {};
      await accounts.apply(
        { actor: actorOf(actor), action: 'account.created', account, details },
        { isNew: true },
      );
      return viewOf(account);
    },

    /** Disables the account, ends its sessions and revokes its tokens, at once. */
    async setDisabled(actor: Principal, username: string, disabled: boolean) {
      const account = await load(actor, username);
      const action = disabled ? 'account.disabled' : 'account.enabled';
      await accounts.apply({ actor: actorOf(actor), action, account: { ...account, disabled } });
      if (!disabled)
        return { account: viewOf({ ...account, disabled }), sessionsEnded: 0, tokensRevoked: [] };
      const sessionsEnded = await accounts.endSessions(account.id);
      const tokensRevoked = await revokeTokensOf(tokens, account.id);
      return { account: viewOf({ ...account, disabled }), sessionsEnded, tokensRevoked };
    },

    /** Sets a new password and ends the account's sessions (whoever held the old one is signed out). */
    async resetPassword(actor: Principal, username: string, password: string): Promise<AccountView> {
      const account = await load(actor, username);
      const changed = { ...account, passwordHash: await hashPassword(password) };
      await accounts.apply({ actor: actorOf(actor), action: 'account.password_reset', account: changed });
      await accounts.endSessions(account.id);
      return viewOf(changed);
    },

    async assign(actor: Principal, username: string, request: AssignmentRequest): Promise<AccountView> {
      const account = await load(actor, username);
      forbid(await refuseAssignment(actor, request, oracle));
      const assignment = { id: newAssignmentId(), ...request };
      const changed = { ...account, assignments: [...account.assignments, assignment] };
      const details = assignmentDetails(assignment);
      await accounts.apply({ actor: actorOf(actor), action: 'assignment.added', account: changed, details });
      return viewOf(changed);
    },

    async unassign(actor: Principal, username: string, assignmentId: string): Promise<AccountView> {
      const account = await load(actor, username);
      const assignment = account.assignments.find((a) => a.id === assignmentId);
      if (assignment === undefined)
        throw new NotFoundError(
          `Account ${username} has no assignment ${assignmentId}; list its assignments`,
        );
      const changed = { ...account, assignments: account.assignments.filter((a) => a.id !== assignmentId) };
      const details = assignmentDetails(assignment);
      await accounts.apply({
        actor: actorOf(actor),
        action: 'assignment.removed',
        account: changed,
        details,
      });
      return viewOf(changed);
    },

    /** Admins only: the whole log checked link by link. */
    async verifyLog(actor: Principal): Promise<AdminLogReport> {
      if (actor.role !== 'admin') throw new ForbiddenError('Only an admin verifies the administration log');
      return verifyAdminLog(await accounts.adminLog());
    },
  };
}

export type AccountAdmin = ReturnType<typeof createAccountAdmin>;
