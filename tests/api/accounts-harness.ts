import { createAccountAdmin, type AccountAdmin } from '../../src/auth/account-admin.js';
import type { AssignmentRequest } from '../../src/auth/account.schema.js';
import { createAccountStore, type AccountStore } from '../../src/auth/account-store.js';
import { LOCAL_ADMIN } from '../../src/auth/principal.schema.js';
import { createTokenStore, type TokenStore } from '../../src/auth/token-store.js';
import { createSignInLockout } from '../../src/auth/sign-in-lockout.js';
import { createScopeOracle } from '../../src/engine/scope-oracle.js';
import { createManualClock } from '../../src/shared/clock.js';
import type { AppDeps } from '../../src/api/app.js';
import type { AccountsDeps } from '../../src/api/session-config.js';
import { startTestApp, type TestApp } from './api-harness.js';

export const PASSWORD = 'correct horse battery';

export interface AccountsTestApp extends TestApp {
  accounts: AccountStore;
  admin: AccountAdmin;
  clock: ReturnType<typeof createManualClock>;
  /** Creates an account (as the local admin) with the test password and the given assignments. */
  person(username: string, ...assignments: AssignmentRequest[]): Promise<string>;
}

/** The API test app with accounts and cookie sessions on, on a manual clock. */
export async function startAccountsApp(
  options: AppDeps['options'] = {},
  /** More of the accounts' dependencies (OpenID Connect sign-in). */
  more: Partial<AccountsDeps> = {},
): Promise<AccountsTestApp> {
  const clock = createManualClock('2026-03-02T08:00:00Z');
  const built: { accounts?: AccountStore; tokens?: TokenStore } = {};
  const app = await startTestApp(options, ({ redis, prefix, engine }) => {
    const accounts = createAccountStore(redis, prefix, clock);
    built.accounts = accounts;
    // The same keys as the harness's store, read on the manual clock (expiry, lastUsedAt).
    built.tokens = createTokenStore(redis, prefix, clock);
    return {
      clock,
      tokens: built.tokens,
      accounts: {
        store: accounts,
        lockout: createSignInLockout(redis, prefix, clock),
        oracle: createScopeOracle(engine),
        sessionRedis: redis,
        secret: 'a test secret of at least thirty-two characters',
        idleMinutes: 30,
        absoluteHours: 12,
        ...more,
      },
    };
  });
  const accounts = built.accounts!;
  const tokens = built.tokens!;
  const oracle = createScopeOracle(app.engine);
  const admin = createAccountAdmin({ accounts, tokens, oracle, clock });
  return {
    ...app,
    tokens,
    accounts,
    admin,
    clock,
    async person(username, ...assignments) {
      const [first, ...rest] = assignments;
      const made = await admin.create(LOCAL_ADMIN, {
        username,
        displayName: `Person ${username}`,
        password: PASSWORD,
        assignment: first,
      });
      for (const more of rest) await admin.assign(LOCAL_ADMIN, username, more);
      return made.id;
    },
  };
}
