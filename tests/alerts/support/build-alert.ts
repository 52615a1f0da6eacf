import type { Alert } from '../../../src/alerts/alert.schema.js';

let counter = 0;

/** An overdue alert for cell-1 addressed to the unit and its working group; ids unique per call. */
export function buildAlert(overrides: Partial<Alert> = {}): Alert {
  counter += 1;
  const fireAt = new Date(Date.parse('2025-06-30T10:00:00.000Z') + counter * 1000).toISOString();
  return {
    id: `dl|cell-1|plan.approval|3|${Date.parse(fireAt)}|due`,
    type: 'overdue',
    unitId: 'cell-1',
    deadline: { kind: 'plan.approval', step: 'plan.submitted', enteredSeq: 3, owner: 'unit', dueAt: fireAt },
    recipients: ['unit:cell-1', 'wg:wg-1'],
    fireAt,
    createdAt: fireAt,
    ...overrides,
  };
}
