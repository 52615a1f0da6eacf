import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { evaluateElection } from '../../machines/election/evaluate.js';
import { citation } from '../../machines/rules/election-rule-source.js';
import type { Runtime } from '../config/runtime.js';
import { ValidationError } from '../shared/errors.js';
import type { CliContext } from './cli-context.js';
import { UsageError } from './exit-codes.js';

type Run = (action: (ctx: CliContext, runtime: Runtime) => Promise<void>) => Promise<void>;

function readRound(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch (error) {
    throw new UsageError(`cannot read ${path} as JSON: ${(error as Error).message}`);
  }
}

/** A short reading of the evaluation for people: who is elected and each threshold. */
function describe(result: Extract<ReturnType<typeof evaluateElection>, { ok: true }>['result']): string {
  const lines = [
    `elected: ${result.elected.join(', ') || '(none)'}`,
    `outcome: ${result.outcome}; seats remaining: ${result.seatsRemaining}`,
    ...(result.tiedAtLastSeat.length > 0
      ? [`tied at the last seat: ${result.tiedAtLastSeat.join(', ')}`]
      : []),
    ...result.thresholds.map((t) => `${t.id}: ${t.value} (${t.detail})`),
    ...result.rules.map((r) => `rule ${r.id}: ${citation(r.source)}`),
  ];
  return lines.join('\n');
}

/** `congress election evaluate --file ROUND.json`: counts a round without recording anything. */
export function registerElectionCommands(program: Command, run: Run): void {
  const election = program.command('election').description('tools for the vote-counting committee');
  election
    .command('evaluate')
    .description(
      'evaluate a ballot round (who is elected, each threshold, the rules applied); records nothing',
    )
    .requiredOption(
      '--file <path>',
      'the round as JSON: congressKind, election, summoned, present, exclusions, ballots, seats, votes',
    )
    .action((options: { file: string }) =>
      run(async (ctx) => {
        await ctx.principal();
        const outcome = evaluateElection(readRound(options.file));
        if (!outcome.ok) throw new ValidationError('The round cannot be counted', outcome.issues);
        ctx.print(ctx.json ? JSON.stringify(outcome.result, null, 2) : describe(outcome.result));
      }),
    );
}
