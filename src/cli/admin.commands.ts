import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Command } from 'commander';
import { TOKEN_ROLES, tokenRequestSchema } from '../auth/principal.schema.js';
import { NotFoundError, ForbiddenError } from '../shared/errors.js';
import type { CliContext } from './cli-context.js';
import type { Runtime } from '../config/runtime.js';
import { UsageError } from './exit-codes.js';
import { renderTable } from './table.js';

type Run = (action: (ctx: CliContext, runtime: Runtime) => Promise<void>) => Promise<void>;

async function requireAdmin(ctx: CliContext): Promise<void> {
  const principal = await ctx.principal();
  if (principal.role !== 'admin')
    throw new ForbiddenError('Managing tokens needs an admin token or --as-admin');
}

interface CreateOptions {
  role: string;
  unit?: string;
  workingGroup?: string;
  subtree?: string;
  label?: string;
  expiresIn?: string;
  account?: string;
}

/** import and tokens: administration. */
export function registerAdminCommands(program: Command, run: Run): void {
  program
    .command('import <file>')
    .description('import or update the organisation tree from a .csv or .json file')
    .action((file: string) =>
      run(async (ctx) => {
        const ext = extname(file).toLowerCase();
        if (ext !== '.csv' && ext !== '.json') throw new UsageError('the file must end in .csv or .json');
        const content = await readFile(file, 'utf8').catch(() => {
          throw new UsageError(`cannot read ${file}`);
        });
        const report = await ctx.engine.importTree(
          { format: ext === '.csv' ? 'csv' : 'json', content },
          await ctx.principal(),
        );
        ctx.print(
          ctx.json
            ? JSON.stringify(report)
            : `imported ${file}: ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged`,
        );
      }),
    );

  const tokens = program.command('tokens').description('issue, revoke and list API tokens (admin)');
  tokens
    .command('create')
    .description('issue a token; it is printed once')
    .requiredOption('--role <role>', TOKEN_ROLES.join(' | '))
    .option('--unit <id>', 'secretary: the unit')
    .option('--working-group <id>', 'working_group: the group')
    .option('--subtree <id>', 'standing_committee, inspection, auditor: the subtree root')
    .option('--label <text>', 'who it is for')
    .option('--expires-in <lifetime>', 'e.g. 90d, 12h, 30m (default: never)')
    .option('--account <username>', 'the account it serves: revoked when that account is disabled')
    .action((opts: CreateOptions) =>
      run(async (ctx, runtime) => {
        await requireAdmin(ctx);
        const account =
          opts.account === undefined ? undefined : await runtime.accounts.byUsername(opts.account);
        if (opts.account !== undefined && account == null)
          throw new NotFoundError(`No account ${opts.account}`);
        const request = tokenRequestSchema.safeParse({
          role: opts.role,
          unitId: opts.unit,
          workingGroup: opts.workingGroup,
          subtreeOf: opts.subtree,
          label: opts.label,
          expiresIn: opts.expiresIn,
          accountId: account?.id,
        });
        if (!request.success)
          throw new UsageError(
            request.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
          );
        const { token, record } = await ctx.tokens.create(request.data);
        ctx.print(
          ctx.json
            ? JSON.stringify({
                token,
                id: record.id,
                expiresAt: record.expiresAt,
                principal: record.principal,
              })
            : `${record.id}  ${token}`,
        );
      }),
    );
  tokens.command('revoke <id>').action((id: string) =>
    run(async (ctx) => {
      await requireAdmin(ctx);
      if (!(await ctx.tokens.revoke(id))) throw new NotFoundError(`No token with id ${id}`);
      ctx.print(`revoked ${id}`);
    }),
  );
  tokens.command('list').action(() =>
    run(async (ctx) => {
      await requireAdmin(ctx);
      const records = await ctx.tokens.list();
      const rows = records.map((r) => [
        r.id,
        r.principal.role,
        r.principal.unitId ?? r.principal.workingGroup ?? r.principal.subtreeOf ?? '*',
        r.createdAt,
        r.expiresAt ?? 'never',
        r.lastUsedAt ?? '-',
        r.label ?? '',
      ]);
      ctx.print(
        ctx.json
          ? JSON.stringify(records.map(({ hash: _h, ...r }) => r))
          : renderTable(['id', 'role', 'scope', 'created', 'expires', 'last used', 'label'], rows),
      );
    }),
  );
}
