import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DispatchResult, Engine } from '../../src/engine/engine.types.js';
import type { OrgUnit } from '../../src/domain/index.js';
import { AppError } from '../../src/shared/errors.js';
import { buildUnit, principals } from '../support/builders.js';
import {
  driveTarget,
  mapLimit,
  procedurePlan,
  sendPlanned,
  type DriveTarget,
  type PlannedEvent,
} from '../support/drive.js';
import { openEngineFixture, type EngineFixture } from './engine-fixture.js';

const BLOCKS = ['ward', 'schools', 'agencies'];
const COMMANDS = 6_000;
const EVENTS = 10_000;

/** A district whose bases (block by index) have the given numbers of cells. */
function treeOf(cellCounts: number[]): OrgUnit[] {
  const units = [buildUnit({ id: 'd', level: 'district', block: 'district', memberCount: 500 })];
  cellCounts.forEach((count, b) => {
    const block = BLOCKS[b % BLOCKS.length]!;
    units.push(buildUnit({ id: `b${b}`, level: 'base', block, parentId: 'd', workingGroup: `wg-${b % 2}` }));
    for (let c = 0; c < count; c++)
      units.push(buildUnit({ id: `b${b}-c${c}`, block, parentId: `b${b}`, memberCount: 4 + c }));
  });
  return units;
}

type Command = { unit: number; kind: 'advance' | 'flag' | 'postpone' | 'resume' | 'junk' };

const commandArb = (units: number) =>
  fc.record({
    unit: fc.nat({ max: units - 1 }),
    kind: fc.oneof(
      { arbitrary: fc.constant('advance' as const), weight: 3 },
      { arbitrary: fc.constant('flag' as const), weight: 6 },
      { arbitrary: fc.constant('postpone' as const), weight: 1 },
      { arbitrary: fc.constant('resume' as const), weight: 1 },
      { arbitrary: fc.constant('junk' as const), weight: 1 },
    ),
  });

/** Runs one command and returns how many events it appended (cascades included); refusals append none. */
async function run(
  engine: Engine,
  target: DriveTarget,
  script: PlannedEvent[],
  cursor: { next: number; at: string },
  kind: Command['kind'],
): Promise<number> {
  // Side events occur when the unit's last scripted step did, so no event goes back in time.
  const send = (type: string, payload: Record<string, unknown>, principal = target.superior) =>
    engine.dispatch(target.unit.id, { type, payload, at: cursor.at }, principal);
  const attempt = (): Promise<DispatchResult> | null => {
    if (kind === 'advance') {
      const step = script[cursor.next++];
      if (step === undefined) return null;
      cursor.at = step.at;
      return sendPlanned(engine, target, step);
    }
    if (kind === 'flag') {
      return send('unit.flagged_difficult', { reason: 'khiếu nại' }).catch(() =>
        send('unit.difficulty_cleared', { reason: 'đã giải quyết' }),
      );
    }
    if (kind === 'postpone') return send('congress.postponed', { until: '2020-09-30', reason: 'COVID-19' });
    if (kind === 'resume') return send('congress.resumed', {});
    return send('plan.submitted', { reference: 42 }, target.secretary);
  };
  try {
    const result = await attempt();
    return result ? 1 + result.cascaded.length : 0;
  } catch (error) {
    if (!(error instanceof AppError) || error.status === 403 || error.status === 404) throw error;
    return 0;
  }
}

describe('roll-ups under a random workload', () => {
  let f: EngineFixture;
  beforeEach(async () => {
    f = await openEngineFixture('prop');
  });
  afterEach(async () => f.cleanup());

  it('when 10,000 events from random concurrent commands hit a generated tree, then incremental roll-ups equal a full recount and every unit verifies', async () => {
    const scenario = fc
      .array(fc.integer({ min: 1, max: 12 }), { minLength: 4, maxLength: 10 })
      .chain((cells) =>
        fc.tuple(
          fc.constant(cells),
          fc.array(commandArb(cells.reduce((a, b) => a + b, 0) + cells.length), {
            minLength: COMMANDS,
            maxLength: COMMANDS,
          }),
        ),
      );
    await fc.assert(
      fc.asyncProperty(scenario, async ([cellCounts, commands]) => {
        const units = treeOf(cellCounts);
        await f.importUnits(units);
        const driven = units.filter((u) => u.parentId !== null);
        const targets = await Promise.all(driven.map((u) => driveTarget(f.engine, u.id)));
        const scripts = targets.map((t) => Object.values(procedurePlan(t, '2020-06-16')).flat());
        const cursors = targets.map(() => ({ next: 0, at: '2020-04-01T09:00:00+07:00' }));
        const replicas = [f.engine, f.replica()];

        // The generated commands are replayed in rounds until at least 10,000 events were appended.
        let total = 0;
        while (total < EVENTS) {
          const appended = await mapLimit(commands, 32, (c) =>
            run(replicas[c.unit % 2]!, targets[c.unit]!, scripts[c.unit]!, cursors[c.unit]!, c.kind),
          );
          total += appended.reduce((a, b) => a + b, 0);
        }

        expect(await f.engine.rebuildRollups()).toEqual({ units: units.length, matches: true });
        const reports = await f.engine.verify('d', principals.admin, { subtree: true });
        expect(reports.filter((r) => !r.ok)).toEqual([]);
        expect(reports.reduce((n, r) => n + r.events, 0)).toBe(total);
        const rows = await f.engine.progress('d', principals.admin);
        expect(rows.reduce((n, r) => n + r.total, 0)).toBe(driven.length);
      }),
      { numRuns: 1, endOnFailure: true },
    );
  }, 90_000);
});
