import { availableParallelism } from 'node:os';
import { SingleBar, Presets } from 'cli-progress';
import type { Command } from 'commander';
import { verifyAdminLog } from '../auth/admin-log.js';
import type { Engine, VerifyReport } from '../engine/engine.types.js';
import type { Principal } from '../domain/index.js';
import { stateQuerySchema } from '../engine/replay-query.schema.js';
import { readUnitMinutes } from '../engine/election-minutes.js';
import { renderUnitMinutes } from '../web/election-minutes.html.js';
import type { Runtime } from '../config/runtime.js';
import type { CliContext, GlobalOptions } from './cli-context.js';
import { UsageError } from './exit-codes.js';
import { intOption } from './parse-options.js';
import { sameProgram, verifyChunks, verifyInChildren, verifySlice } from '../jobs/verify-processes.js';

type Run = (action: (ctx: CliContext, runtime: Runtime) => Promise<void>) => Promise<void>;

/** Raised after printing a failed verification, so the process exits non-zero. */
export class VerificationFailed extends Error {
  override name = 'VerificationFailed';
}

/** Every unit id of the subtree under `root`, breadth first. */
async function collectSubtree(engine: Engine, root: string, principal: Principal): Promise<string[]> {
  const ids: string[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const id = queue.shift()!;
    ids.push(id);
    queue.push(...(await engine.children(id, principal)).map((c) => c.id));
  }
  return ids;
}

type ReportSink = (report: VerifyReport) => void;

/** Runs `verifyAll` with a bar that moves per unit report; stderr, so stdout stays the report. */
async function withBar(
  total: number,
  verifyAll: (onReport: ReportSink) => Promise<VerifyReport[]>,
): Promise<VerifyReport[]> {
  const bar = new SingleBar(
    { stream: process.stderr, format: 'verify [{bar}] {value}/{total} {unit}' },
    Presets.shades_classic,
  );
  bar.start(total, 0, { unit: '' });
  try {
    return await verifyAll((report) => bar.increment({ unit: report.unitId }));
  } finally {
    bar.stop();
  }
}

/**
 * Units per process when --jobs is not given. A child process spends about 1.3 s of CPU starting
 * Node, the TypeScript loader and the engine (benchmark B6.4), so below this many units a second
 * process costs more than it saves.
 */
const UNITS_PER_DEFAULT_JOB = 10_000;

/** --jobs: as asked, else one process per 10,000 units up to one per CPU; never more processes than units. */
function jobsFor(asked: number | undefined, units: number): number {
  if (asked === 0) throw new UsageError('--jobs must be at least 1');
  const byDefault = Math.min(availableParallelism(), Math.ceil(units / UNITS_PER_DEFAULT_JOB));
  return Math.max(1, Math.min(asked ?? byDefault, units));
}

/** replay, verify, export: what auditors run. */
export function registerAuditCommands(program: Command, run: Run): void {
  program
    .command('replay <unit>')
    .description('the state the unit was in at an instant (--at) or after a log position (--seq)')
    .option('--at <iso>', 'ISO 8601 instant')
    .option('--seq <n>', 'log position', intOption)
    .option('--by <time>', 'with --at: match the instant against occurred (default) or recorded time')
    .action((unit: string, opts: { at?: string; seq?: number; by?: string }) =>
      run(async (ctx) => {
        const at = stateQuerySchema.safeParse(opts);
        if (!at.success)
          throw new UsageError(
            'give exactly one of --at <ISO instant> or --seq <n>; --by occurred|recorded goes with --at',
          );
        const replayed = await ctx.engine.replay(unit, at.data, await ctx.principal());
        ctx.print(
          ctx.json
            ? JSON.stringify(replayed, null, 2)
            : [
                `seq ${replayed.seq}, phase ${replayed.phase}${replayed.by ? ` (as of ${opts.at}, by ${replayed.by} time)` : ''}`,
                ...replayed.corrections.map(
                  (c) => `entry ${c.seq} replayed as corrected by ${c.correctedBy.join(', ')}`,
                ),
                JSON.stringify(replayed.snapshot.value),
              ].join('\n'),
        );
      }),
    );

  program
    .command('verify [unit]')
    .description("check the hash chain and replay of a unit's subtree, or of every unit with --all")
    .option('--all', 'every unit in the database')
    .option(
      '--jobs <n>',
      'verify in n processes (default: one per 10,000 units, at most one per CPU)',
      intOption,
    )
    .action((unit: string | undefined, opts: { all?: boolean; jobs?: number }) =>
      run(async (ctx, runtime) => {
        if ((unit === undefined) === (opts.all !== true)) throw new UsageError('give a unit id or --all');
        const principal = await ctx.principal();
        const ids =
          unit === undefined ? await runtime.allUnitIds() : await collectSubtree(ctx.engine, unit, principal);
        const jobs = jobsFor(opts.jobs, ids.length);
        const reports = await withBar(ids.length, (onReport) =>
          jobs === 1
            ? verifyChunks(ctx.engine, ids, principal, onReport)
            : verifyInChildren(ids, jobs, sameProgram(program.opts<GlobalOptions>()), onReport),
        );
        const broken = reports.filter((r) => !r.ok);
        // --all by an admin checks the accounts' administration log too: it is part of the record.
        const adminLog =
          opts.all === true && principal.role === 'admin'
            ? verifyAdminLog(await runtime.accounts.adminLog())
            : undefined;
        const logBroken = adminLog !== undefined && !adminLog.ok;
        ctx.print(
          ctx.json
            ? JSON.stringify({ ok: broken.length === 0 && !logBroken, reports, adminLog }, null, 2)
            : [
                `verified ${reports.length} units: ${broken.length === 0 ? 'all intact' : `${broken.length} broken`}`,
                ...broken.map(
                  (r) =>
                    `  ${r.unitId}: broken at seq ${r.firstBrokenSeq ?? '?'} (${r.reason ?? 'no reason given'})`,
                ),
                // A database where no account was ever made has no log to speak of.
                ...(adminLog === undefined || adminLog.entries === 0
                  ? []
                  : [
                      adminLog.ok
                        ? `administration log: ${adminLog.entries} entries, chain intact`
                        : `administration log: broken at entry ${adminLog.firstBrokenSeq ?? '?'} (${adminLog.reason ?? ''})`,
                    ]),
              ].join('\n'),
        );
        if (broken.length > 0) throw new VerificationFailed(`${broken.length} unit(s) failed verification`);
        if (logBroken) throw new VerificationFailed('the administration log failed verification');
      }),
    );

  program
    .command('verify-slice', { hidden: true })
    .description('verify the unit ids read on stdin, one JSON report per line (a child of verify --jobs)')
    .action(() =>
      run(async (ctx) => {
        const write = (line: string) => void process.stdout.write(line);
        await verifySlice(ctx.engine, await ctx.principal(), process.stdin, write);
      }),
    );

  program
    .command('export <unit>')
    .description("the unit's full history, or its vote-count minutes, to stdout")
    .option('--format <format>', 'jsonl, csv, or minutes (the vote-count minutes as printable HTML)', 'jsonl')
    .action((unit: string, opts: { format: string }) =>
      run(async (ctx) => {
        if (opts.format === 'minutes') {
          const { unit: named, rounds } = await readUnitMinutes(ctx.engine, unit, await ctx.principal());
          return void process.stdout.write(renderUnitMinutes(named, rounds));
        }
        if (opts.format !== 'jsonl' && opts.format !== 'csv')
          throw new UsageError('--format must be jsonl, csv or minutes');
        for await (const chunk of ctx.engine.exportHistory(unit, opts.format, await ctx.principal()))
          process.stdout.write(chunk);
      }),
    );
}
