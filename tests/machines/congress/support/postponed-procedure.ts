import type { PersistedCongressSnapshot, UnitInput } from '../../../../machines/api.types.js';
import type { UncheckedEvent } from '../../../../machines/domain.js';
import { walkTo } from './procedure-steps.js';
import { UnitDriver, buildUnit } from './unit-driver.js';

/**
 * A full base-unit procedure with a postponement taken inside the parallel preparation state, resumed,
 * and driven to the archive: the events as the log holds them, and the final snapshot.
 */
export function postponedProcedure(): {
  input: UnitInput;
  events: UncheckedEvent[];
  final: PersistedCongressSnapshot;
} {
  const input = buildUnit();
  const d = new UnitDriver(input);
  walkTo(d, 'bodies.formed');
  d.send('documents.draft_recorded', { draft: 1, title: 'Dự thảo 1' });
  d.send('congress.postponed', { until: '2020-09-30', reason: 'dịch COVID-19' });
  d.send('congress.resumed');
  d.send('documents.draft_recorded', { draft: 2, title: 'Dự thảo 2' });
  d.send('consultation.sent', { draft: 2 });
  for (const unitId of ['cell-1', 'cell-2', 'cell-3']) d.send('consultation.reply_recorded', { unitId });
  d.send('documents.submitted');
  d.send('documents.approved');
  d.position += 1;
  walkTo(d, 'records.archived');
  return { input, events: d.accepted, final: d.snapshot };
}
