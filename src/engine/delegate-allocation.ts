/**
 * A delegates list is recorded with the seats the superior's convening announcement allocated to the
 * unit (QĐ 24-QĐ/TW §11.1), read from the superior's snapshot, so the machine can flag a list with other
 * seats. The superior's number replaces one the client gave; with no announcement the payload stands.
 */
import { allocatedSeats } from '../../machines/index.js';
import { readSnaps } from '../store/index.js';
import type { EventRequest } from './append-plan.js';
import type { EngineContext } from './context.js';

export async function withAllocatedSeats(
  ctx: EngineContext,
  unitId: string,
  parentId: string | null,
  request: EventRequest,
): Promise<EventRequest> {
  if (request.type !== 'election.list_set' || request.payload.election !== 'delegates' || parentId === null)
    return request;
  const [superior] = await readSnaps(ctx.redis, ctx.keys, [parentId]);
  const seats = superior ? allocatedSeats(superior.snapshot, unitId) : undefined;
  return seats === undefined
    ? request
    : { ...request, payload: { ...request.payload, allocatedSeats: seats } };
}
