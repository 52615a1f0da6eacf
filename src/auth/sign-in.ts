import type { Principal } from '../domain/index.js';
import { AppError, ForbiddenError, UnauthorizedError } from '../shared/errors.js';
import type { Account, Assignment } from './account.schema.js';
import type { AccountStore } from './account-store.js';
import { decoyHash, verifyPassword } from './password.js';
import type { SignInLockout } from './sign-in-lockout.js';

/** 429 while an account is locked; `retryAfterSeconds` feeds the Retry-After header. */
export class AccountLockedError extends AppError {
  constructor(
    readonly until: Date,
    now: Date,
  ) {
    const retryAfterSeconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
    super(
      `Too many failed sign-ins to this account; it is locked until ${until.toISOString()}. Wait, or ask your account admin`,
      429,
      'account_locked',
      { retryAfterSeconds },
    );
  }
}

const wrongCredentials = () =>
  new UnauthorizedError(
    'Wrong username or password; check both, or ask your account admin to reset the password',
  );

/**
 * Checks a username and password. Unknown users cost an argon2 verification too (decoyHash), and
 * every failure (unknown user included) counts towards the lock, so the answer does not tell which
 * usernames exist. A disabled account is named only once the password is right.
 */
export async function signIn(
  deps: { accounts: AccountStore; lockout: SignInLockout; now: () => Date },
  username: string,
  password: string,
): Promise<Account> {
  const locked = await deps.lockout.lockedUntil(username);
  if (locked !== null) throw new AccountLockedError(locked, deps.now());
  const account = await deps.accounts.byUsername(username);
  const ok = await verifyPassword(account?.passwordHash ?? (await decoyHash()), password);
  if (account === null || !ok) {
    const lockedNow = await deps.lockout.recordFailure(username);
    if (lockedNow !== null) throw new AccountLockedError(lockedNow, deps.now());
    throw wrongCredentials();
  }
  if (account.disabled)
    throw new ForbiddenError('This account is disabled; ask your account admin to enable it');
  await deps.lockout.clear(username);
  return account;
}

/** The principal of `account` acting through `assignment`: the account's id, the assignment's role and scope. */
export function principalOf(account: Account, assignment: Assignment): Principal {
  const { role, unitId, workingGroup, subtreeOf } = assignment;
  return JSON.parse(
    JSON.stringify({
      id: account.id,
      kind: 'account',
      assignmentId: assignment.id,
      role,
      unitId,
      workingGroup,
      subtreeOf,
    }),
  ) as Principal;
}

/**
 * The assignment a request acts through: the one asked for (`X-Assignment-Id`), else the session's
 * current choice, else the account's first. Null when the account has none, or the one asked for
 * is not the account's.
 */
export function chooseAssignment(account: Account, asked: string | undefined, current: string | undefined) {
  if (asked !== undefined) return account.assignments.find((a) => a.id === asked) ?? null;
  return account.assignments.find((a) => a.id === current) ?? account.assignments[0] ?? null;
}

/**
 * The account an identity proven elsewhere (OpenID Connect) signs in as: an existing, enabled
 * account with that username. Accounts are never created here: who may act is decided by account
 * admins, not by the identity provider.
 */
export async function accountForIdentity(accounts: AccountStore, username: string): Promise<Account> {
  const account = await accounts.byUsername(username);
  if (account === null)
    throw new UnauthorizedError(
      `Your organisation signed you in as "${username}", but no account here has that username; ask your account admin to create it`,
    );
  if (account.disabled)
    throw new ForbiddenError(`The account "${username}" is disabled; ask your account admin to enable it`);
  return account;
}
