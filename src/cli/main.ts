import { Command, CommanderError } from 'commander';
import { pino } from 'pino';
import { loadEnv, type Env } from '../config/env.js';
import { openRuntime, type Runtime } from '../config/runtime.js';
import { registerAccountCommands } from './account.commands.js';
import { registerAdminCommands } from './admin.commands.js';
import { registerAuditCommands } from './audit.commands.js';
import { registerElectionCommands } from './election.commands.js';
import { resolvePrincipal, type CliContext, type GlobalOptions } from './cli-context.js';
import { describeError, EXIT, exitCodeFor } from './exit-codes.js';
import { registerProcessCommands } from './process.commands.js';
import { registerUnitCommands } from './unit.commands.js';
import { registerBatchCommands } from './batch.commands.js';

/** Opens a runtime for one command, runs it, closes the runtime; errors become a message and an exit code. */
function runner(program: Command, env: () => Env) {
  return async (action: (ctx: CliContext, runtime: Runtime) => Promise<void>): Promise<void> => {
    let runtime: Runtime | undefined;
    try {
      const options = program.opts<GlobalOptions>();
      const currentEnv = env();
      runtime = await openRuntime(currentEnv, {
        logger: pino({ level: 'silent' }),
        allowPrivateRedis: false,
      });
      const { engine, tokens } = runtime;
      const ctx: CliContext = {
        engine,
        tokens,
        principal: () => resolvePrincipal(tokens, options, currentEnv.CONGRESS_TOKEN),
        print: (text) => process.stdout.write(`${text}\n`),
        json: options.json === true,
      };
      await action(ctx, runtime);
    } catch (error) {
      process.stderr.write(`${describeError(error)}\n`);
      process.exitCode = exitCodeFor(error);
    } finally {
      await runtime?.close();
    }
  };
}

/** The `congress` program. Commands get a runner that opens Redis only when they run. */
function buildProgram(): Command {
  const program = new Command('congress')
    .description(
      'Congress procedures of a hierarchical Party organisation: administration, audit and operations',
    )
    .option('--token <token>', 'act as the holder of this API token (default: $CONGRESS_TOKEN)')
    .option('--as-admin', 'act as local administrator (needs direct access to Redis)')
    .option('--json', 'machine-readable output')
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
  let env: Env | undefined;
  const run = runner(program, () => (env ??= loadEnv()));
  registerUnitCommands(program, run);
  registerAuditCommands(program, run);
  registerAdminCommands(program, run);
  registerAccountCommands(program, run);
  registerProcessCommands(program, run);
  registerBatchCommands(program, run);
  registerElectionCommands(program, run);
  return program;
}

async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    if (!(error instanceof CommanderError)) process.stderr.write(`${describeError(error)}\n`);
    process.exitCode = error instanceof CommanderError ? exitCodeFor(error) : EXIT.usage;
  }
}

await main(process.argv);
