/**
 * Loading the two workbench pages: the waiting list (GET /me/work) and the many-units page, whose
 * table lists the units of the person's waiting list (a working group: every unit of its group).
 */
import { batchPage } from './batch.page.js';
import { workPage } from './work.page.js';

/** Roles that read and never write: no action, no acknowledgement is offered to them. */
export const readOnlyRoles = ['inspection', 'auditor'];

/**
 * @param {import('../api.js').Api} api
 * @param {() => void} reload
 */
export async function drawWork(api, reload) {
  return workPage({ api, items: await api.work(), reload });
}

/** @param {import('../api.js').Api} api */
export async function drawBatch(api) {
  const [me, items] = await Promise.all([api.me(), api.work()]);
  const role = readOnlyRoles.includes(me.principal.role) ? '' : me.principal.role;
  return batchPage({ api, role, unitIds: items.map((i) => i.unitId) });
}
