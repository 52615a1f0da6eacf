import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import { createAccountAdmin, type AccountAdmin } from '../auth/account-admin.js';
import {
  accountCreateSchema,
  assignmentRequestSchema,
  passwordSchema,
  scopeLabel,
  type AccountView,
} from '../auth/account.schema.js';
import { ASSIGNMENT_ROLES } from '../auth/principal.schema.js';
import type { Principal } from '../domain/index.js';
import { createScopeOracle } from '../engine/scope-oracle.js';
import type { Runtime } from '../config/runtime.js';
import type { CliContext } from './cli-context.js';
import { EXIT, UsageError } from './exit-codes.js';
import { renderTable } from './table.js';

type Run = (action: (ctx: CliContext, runtime: Runtime) => Promise<void>) => Promise<void>;

interface ScopeOptions {
  role?: string;
  unit?: string;
  workingGroup?: string;
  subtree?: string;
}

interface PasswordOptions {
  passwordStdin?: boolean;
}

/** Reads a password from stdin (first line), for scripts; otherwise one is drawn and printed once. */
async function passwordFrom(options: PasswordOptions): Promise<{ password: string; generated: boolean }> {
  if (options.passwordStdin !== true)
    return { password: randomBytes(12).toString('base64url'), generated: true };
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const password = Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  const parsed = passwordSchema.safeParse(password);
  if (!parsed.success) throw new UsageError(`password: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return { password, generated: false };
}

function assignmentOf(opts: ScopeOptions) {
  const parsed = assignmentRequestSchema.safeParse({
    role: opts.role,
    unitId: opts.unit,
    workingGroup: opts.workingGroup,
    subtreeOf: opts.subtree,
  });
  if (!parsed.success)
    throw new UsageError(
      parsed.error.issues.map((i) => `${i.path.join('.') || 'role'}: ${i.message}`).join('; '),
    );
  return parsed.data;
}

const scopeOptions = (command: Command) =>
  command
    .option('--role <role>', ASSIGNMENT_ROLES.join(' | '))
    .option('--unit <id>', 'secretary: the unit')
    .option('--working-group <id>', 'working_group: the group')
    .option('--subtree <id>', 'standing_committee, inspection, auditor, account_admin: the subtree root');

function describeAccount(a: AccountView): string[] {
  const roles = a.assignments.map((s) => `${s.role}@${scopeLabel(s)} (${s.id})`).join(', ');
  return [a.username, a.displayName, a.disabled ? 'disabled' : 'active', roles || '-'];
}

/** `congress accounts …`: people's accounts, for admins (all) and account admins (their subtree). */
export function registerAccountCommands(program: Command, run: Run): void {
  const withAdmin = (action: (admin: AccountAdmin, actor: Principal, ctx: CliContext) => Promise<void>) =>
    run(async (ctx, runtime) => {
      const admin = createAccountAdmin({
        accounts: runtime.accounts,
        tokens: ctx.tokens,
        oracle: createScopeOracle(ctx.engine),
      });
      await action(admin, await ctx.principal(), ctx);
    });
  const accounts = program
    .command('accounts')
    .description(
      'people who sign in to the dashboard: create, list, disable, assign (admins, account admins)',
    );

  scopeOptions(
    accounts.command('create <username>').description('create an account; a drawn password is printed once'),
  )
    .requiredOption('--name <display name>', 'the name shown in the dashboard')
    .option('--password-stdin', 'read the password from the first line of stdin instead of drawing one')
    .action((username: string, opts: ScopeOptions & PasswordOptions & { name: string }) =>
      withAdmin(async (admin, actor, ctx) => {
        const { password, generated } = await passwordFrom(opts);
        const request = accountCreateSchema.safeParse({
          username,
          displayName: opts.name,
          password,
          assignment: opts.role === undefined ? undefined : assignmentOf(opts),
        });
        if (!request.success)
          throw new UsageError(
            request.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
          );
        const account = await admin.create(actor, request.data);
        ctx.print(
          ctx.json
            ? JSON.stringify({ ...account, ...(generated ? { password } : {}) })
            : `created ${account.username} (${account.id})${generated ? `  password: ${password}` : ''}`,
        );
      }),
    );

  accounts.command('list').action(() =>
    withAdmin(async (admin, actor, ctx) => {
      const list = await admin.list(actor);
      ctx.print(
        ctx.json
          ? JSON.stringify(list)
          : renderTable(['username', 'name', 'status', 'assignments'], list.map(describeAccount)),
      );
    }),
  );

  for (const [name, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const)
    accounts
      .command(`${name} <username>`)
      .description(disabled ? 'disable: ends its sessions and revokes its tokens at once' : 'enable again')
      .action((username: string) =>
        withAdmin(async (admin, actor, ctx) => {
          const result = await admin.setDisabled(actor, username, disabled);
          ctx.print(
            ctx.json
              ? JSON.stringify(result)
              : `${name}d ${username}` +
                  (disabled
                    ? `: ${result.sessionsEnded} session(s) ended, ${result.tokensRevoked.length} token(s) revoked`
                    : ''),
          );
        }),
      );

  accounts
    .command('reset-password <username>')
    .description('set a new password (drawn and printed once, or from stdin); ends its sessions')
    .option('--password-stdin', 'read the password from the first line of stdin')
    .action((username: string, opts: PasswordOptions) =>
      withAdmin(async (admin, actor, ctx) => {
        const { password, generated } = await passwordFrom(opts);
        await admin.resetPassword(actor, username, password);
        ctx.print(
          ctx.json
            ? JSON.stringify({ username, ...(generated ? { password } : {}) })
            : `reset ${username}${generated ? `  password: ${password}` : ''}`,
        );
      }),
    );

  scopeOptions(accounts.command('assign <username>').description('add a role with its scope')).action(
    (username: string, opts: ScopeOptions) =>
      withAdmin(async (admin, actor, ctx) => {
        const account = await admin.assign(actor, username, assignmentOf(opts));
        const added = account.assignments.at(-1);
        ctx.print(
          ctx.json
            ? JSON.stringify(account)
            : `assigned ${username}: ${added?.role ?? ''} ${added ? scopeLabel(added) : ''} (${added?.id ?? ''})`,
        );
      }),
  );

  accounts
    .command('unassign <username> <assignmentId>')
    .description('remove one assignment (ids in `accounts list`)')
    .action((username: string, assignmentId: string) =>
      withAdmin(async (admin, actor, ctx) => {
        await admin.unassign(actor, username, assignmentId);
        ctx.print(`unassigned ${assignmentId} from ${username}`);
      }),
    );

  accounts
    .command('verify-log')
    .description('check the hash chain of the administration log (admin)')
    .action(() =>
      withAdmin(async (admin, actor, ctx) => {
        const report = await admin.verifyLog(actor);
        ctx.print(
          ctx.json
            ? JSON.stringify(report)
            : report.ok
              ? `administration log: ${report.entries} entries, chain intact`
              : `administration log BROKEN at entry ${report.firstBrokenSeq ?? '?'}: ${report.reason ?? ''}`,
        );
        if (!report.ok) process.exitCode = EXIT.refused;
      }),
    );
}
