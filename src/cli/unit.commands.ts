import { randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import { z } from 'zod';
import { presentProgress } from '../engine/progress.presenter.js';
import { unitIdSchema } from '../domain/index.js';
import type { CliContext } from './cli-context.js';
import { UsageError } from './exit-codes.js';
import { intOption, isoInstant } from './parse-options.js';
import { renderTable } from './table.js';

type Run = (action: (ctx: CliContext) => Promise<void>) => Promise<void>;

function parseUnit(value: string): string {
  const parsed = unitIdSchema.safeParse(value);
  if (!parsed.success)
    throw new UsageError(`"${value}" is not a unit id (${parsed.error.issues[0]?.message})`);
  return parsed.data;
}

function parseData(text: string | undefined): Record<string, unknown> {
  if (text === undefined) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UsageError('--data must be a JSON object, e.g. --data \'{"planNo":"01-KH"}\'');
  }
  const parsed = z.record(z.string(), z.unknown()).safeParse(value);
  if (!parsed.success) throw new UsageError('--data must be a JSON object');
  return parsed.data;
}

const show = (ctx: CliContext, value: unknown, text: () => string) =>
  ctx.print(ctx.json ? JSON.stringify(value, null, 2) : text());

/** status, advance, progress, history: one unit's state and its procedure. */
export function registerUnitCommands(program: Command, run: Run): void {
  program
    .command('status <unit>')
    .description('current phase, state, version and the events allowed now')
    .action((unit: string) =>
      run(async (ctx) => {
        const view = await ctx.engine.getUnit(parseUnit(unit), await ctx.principal());
        const allowed = view.allowedEvents.filter((e) => e.allowed).map((e) => e.type);
        show(ctx, view, () =>
          [
            `${view.unit.name} (${view.unit.id}, ${view.unit.level}, ${view.unit.block})`,
            `phase:    ${view.phase}`,
            `version:  ${view.version}`,
            `state:    ${JSON.stringify(view.value)}`,
            `allowed:  ${allowed.join(', ') || '(none)'}`,
            `deadlines: ${view.deadlines.map((d) => `${d.kind} due ${d.dueAt}`).join('; ') || '(none)'}`,
          ].join('\n'),
        );
      }),
    );

  program
    .command('advance <unit> <event>')
    .description('send one event to a unit (e.g. plan.submitted)')
    .option('--data <json>', 'event payload as a JSON object', undefined)
    .option('--key <idempotency-key>', 'idempotency key (default: a fresh one)')
    .option('--expect-version <n>', 'refuse unless the unit is at this version', intOption)
    .option('--at <iso>', 'when the step happened (ISO 8601 with offset; default: now)', isoInstant)
    .action(
      (
        unit: string,
        event: string,
        opts: { data?: string; key?: string; expectVersion?: number; at?: string },
      ) =>
        run(async (ctx) => {
          const payload = parseData(opts.data);
          const options = { idempotencyKey: opts.key ?? randomUUID(), expectedVersion: opts.expectVersion };
          const result = await ctx.engine.dispatch(
            parseUnit(unit),
            { type: event, payload, at: opts.at },
            await ctx.principal(),
            options,
          );
          const verb = result.duplicate ? 'already recorded' : 'recorded';
          show(
            ctx,
            result,
            () =>
              `${event} ${verb} as seq ${result.seq}; ${unit} is now in phase ${result.phase} (version ${result.version})`,
          );
        }),
    );

  program
    .command('progress <unit>')
    .description('completion of the subtree by level and block, as a table')
    .action((unit: string) =>
      run(async (ctx) => {
        const progress = presentProgress(await ctx.engine.progress(parseUnit(unit), await ctx.principal()));
        const rows = progress.rows.map((r) => [r.level, r.block, r.formatted, r.onTimeFormatted, r.atRisk]);
        const levels = progress.byLevel.map((l) => [
          l.level,
          '(all)',
          l.formatted,
          l.onTimeFormatted,
          l.atRisk,
        ]);
        show(ctx, progress, () =>
          renderTable(['level', 'block', 'held', 'on time', 'at risk'], [...rows, ...levels]),
        );
      }),
    );

  program
    .command('history <unit>')
    .description("the unit's event log")
    .option('--from <seq>', 'first seq', intOption)
    .option('--limit <n>', 'entries', intOption, 100)
    .action((unit: string, opts: { from?: number; limit: number }) =>
      run(async (ctx) => {
        const page = await ctx.engine.history(
          parseUnit(unit),
          { fromSeq: opts.from, limit: opts.limit },
          await ctx.principal(),
        );
        const rows = page.entries.map((e) => [
          e.seq,
          e.occurredAt,
          e.recordedAt ?? '',
          e.type +
            (e.late ? ' (late)' : '') +
            (e.corrections ? ` (corrected by ${e.corrections.map((c) => c.seq).join(', ')})` : ''),
          e.actor.id,
          e.actor.principalId,
          e.hash.slice(0, 12),
        ]);
        show(ctx, page, () =>
          renderTable(['seq', 'occurred', 'recorded', 'type', 'actor', 'principal', 'hash'], rows),
        );
      }),
    );
}
