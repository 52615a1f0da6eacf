import type { Command } from 'commander';
import type { Runtime } from '../config/runtime.js';
import { buildDongDaDistrict } from '../org/demo-district.js';
import type { CliContext } from './cli-context.js';
import { formatDemoTokens, seedDemo } from '../demo/demo-seed.js';
import { createAccountAdmin } from '../auth/account-admin.js';
import { createScopeOracle } from '../engine/scope-oracle.js';

type Run = (action: (ctx: CliContext, runtime: Runtime) => Promise<void>) => Promise<void>;

/** serve, worker, demo: long-running processes and the demo data. */
export function registerProcessCommands(program: Command, run: Run): void {
  program
    .command('serve')
    .description('HTTP API (and workers unless CONGRESS_WORKERS=0); same as npm start')
    .action(async () => {
      const { runServer } = await import('../main.js');
      await runServer();
    });

  program
    .command('worker')
    .description('deadline, webhook and digest workers only, until SIGTERM/SIGINT')
    .action(async () => {
      const { runWorkerProcess } = await import('../../workers/main.js');
      await runWorkerProcess();
    });

  program
    .command('demo')
    .description('load the demo district (Đống Đa, 2020) and print one token and one account per role')
    .action(() =>
      run(async (ctx, runtime) => {
        const oracle = createScopeOracle(ctx.engine);
        const accounts = createAccountAdmin({ accounts: runtime.accounts, tokens: ctx.tokens, oracle });
        const principal = await ctx.principal();
        const seeded = await seedDemo(ctx.engine, ctx.tokens, buildDongDaDistrict(), principal, accounts);
        ctx.print(ctx.json ? JSON.stringify(seeded, null, 2) : formatDemoTokens(seeded));
      }),
    );
}
