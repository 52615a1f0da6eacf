/**
 * Event logs for the audit benchmarks (B6, B7): cells hold their congress (each cascading to its
 * base), then every unit below the root toggles its flag. The engine refuses events dated in the
 * future or before a unit's previous event, so the logs are written on a clock of their own: the
 * tree is imported before the procedure's first step and the steps are recorded after the congress.
 */
import type { Redis } from 'ioredis';
import { createEngine, type Engine } from '../../src/engine/index.js';
import type { Principal } from '../../src/domain/index.js';
import { createManualClock } from '../../src/shared/clock.js';
import { driveUnitToCongressHeld, mapLimit } from '../../tests/support/drive.js';
import { ROOT_ID } from './bench-tree.js';

/** The cells' congress day, in the past so no step lies ahead of the servers' clocks. */
const HELD_ON = '2026-03-10';
/** Before the procedure's first step (46 working days before the congress). */
const IMPORTED_AT = '2025-12-01T00:00:00Z';
/** After the congress: the flag toggles are recorded at this time. */
const RECORDED_AT = '2026-03-20T00:00:00Z';
const COMMITTEE: Principal = { id: 'bench-sc', role: 'standing_committee', subtreeOf: ROOT_ID };

/** An engine on the logs' clock, and the step that moves the clock past the congress. */
export function engineForLogs(
  redis: Redis,
  prefix: string,
): { engine: Engine; writeLogs: (ids: string[], toggles: number) => Promise<void> } {
  const clock = createManualClock(IMPORTED_AT);
  const engine = createEngine({ redis, prefix, clock });
  return {
    engine,
    writeLogs: async (ids, toggles) => {
      clock.set(RECORDED_AT);
      const cells = ids.filter((id) => /-c\d+$/.test(id));
      await mapLimit(cells, 16, (id) => driveUnitToCongressHeld(engine, id, HELD_ON));
      const below = ids.filter((id) => id !== ROOT_ID);
      await mapLimit(below, 64, async (id) => {
        for (let i = 0; i < toggles; i++) {
          const type = i % 2 === 0 ? 'unit.flagged_difficult' : 'unit.difficulty_cleared';
          await engine.dispatch(id, { type, payload: { reason: `audit benchmark ${i}` } }, COMMITTEE);
        }
      });
    },
  };
}
