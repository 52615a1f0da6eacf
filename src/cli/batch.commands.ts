import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { BatchRowResult } from '../engine/engine.types.js';
import type { CliContext } from './cli-context.js';
import { EXIT, UsageError } from './exit-codes.js';
import { renderTable } from './table.js';
import { batchTemplate } from '../engine/index.js';

type Run = (action: (ctx: CliContext) => Promise<void>) => Promise<void>;

function describeRow(r: BatchRowResult): (string | number)[] {
  if (r.status === 'accepted')
    return [r.row, r.unitId, r.duplicate ? 'already recorded' : 'accepted', `seq ${r.seq}`];
  return [r.row, r.unitId, `refused (${r.httpStatus})`, r.reason];
}

async function readCsv(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
  }
}

/** `congress batch FILE.csv --event TYPE`: the CSV upload of the API, from the command line. */
export function registerBatchCommands(program: Command, run: Run): void {
  program
    .command('batch <file>')
    .description(
      'send one event per row of a filled CSV template (congress template TYPE > FILE.csv); each row is answered; exit 1 when any row is refused',
    )
    .requiredOption('--event <type>', 'event type of every row, e.g. unit.flagged_difficult')
    .action((file: string, opts: { event: string }) =>
      run(async (ctx) => {
        const results = await ctx.engine.dispatchCsvBatch(
          await readCsv(file),
          opts.event,
          await ctx.principal(),
        );
        const refused = results.filter((r) => r.status === 'refused').length;
        ctx.print(
          ctx.json
            ? JSON.stringify({ accepted: results.length - refused, refused, results }, null, 2)
            : `${renderTable(['row', 'unit', 'outcome', 'detail'], results.map(describeRow))}\n${results.length - refused} accepted, ${refused} refused (refused rows wrote nothing; fix them and send the file again)`,
        );
        if (refused > 0) process.exitCode = EXIT.refused;
      }),
    );

  program
    .command('template <type>')
    .description('print the CSV template of an event type (its header row) for congress batch')
    .action((type: string) =>
      run((ctx) => {
        ctx.print(batchTemplate(type).trimEnd());
        return Promise.resolve();
      }),
    );
}
