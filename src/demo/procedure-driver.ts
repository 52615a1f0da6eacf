/**
 * A scripted congress procedure: takes a unit through its steps with valid payloads and business
 * times, acting as its secretary and its superior standing committee. The demo district is driven with
 * it to the source report's day, and tests and benchmarks reuse it.
 */
import { defaultCalendar } from '../../machines/calendar/vn-calendar.js';
import { getRuleSet } from '../../machines/rules/index.js';
import type { DispatchResult, Engine } from '../engine/engine.types.js';
import type { OrgUnit, Principal } from '../domain/index.js';

/** Who acts: a reader allowed to see every unit, a unit's secretary, the standing committee above a unit. */
export interface ProcedureActors {
  reader: Principal;
  secretaryOf(unitId: string): Principal;
  committeeOf(unitId: string): Principal;
}

/** What the helpers need to know about a unit, read once through the engine. */
export interface DriveTarget {
  unit: OrgUnit;
  subordinateIds: string[];
  secretary: Principal;
  superior: Principal;
}

/** Reads the unit and the principals that act on it. */
export async function driveTarget(
  engine: Engine,
  unitId: string,
  actors: ProcedureActors,
): Promise<DriveTarget> {
  const view = await engine.getUnit(unitId, actors.reader);
  const context = view.snapshot.context as { subordinateIds: string[] };
  if (view.unit.parentId === null) throw new Error(`root unit ${unitId} has no superior to drive it`);
  return {
    unit: view.unit,
    subordinateIds: context.subordinateIds,
    secretary: actors.secretaryOf(unitId),
    superior: actors.committeeOf(view.unit.parentId),
  };
}

/** ISO instant at `hour` o'clock Vietnam time on `date`. */
export function vnTime(date: string, hour: number): string {
  return `${date}T${String(hour).padStart(2, '0')}:00:00+07:00`;
}

/** The day preparation and the superior's review happen: 46 working days before opening (≥ 45 needed). */
export function preparationDay(heldOn: string): string {
  return defaultCalendar.addWorkingDays(heldOn, -46);
}

/** The day the opening date is agreed and announced: 31 working days before opening (30 days' notice needed). */
export function conveningDay(heldOn: string): string {
  return defaultCalendar.addWorkingDays(heldOn, -31);
}

export type Step = [type: string, payload: Record<string, unknown>, by: 'secretary' | 'superior'];

/** One event of a unit's scripted procedure: what to send, when (business time) and as whom. */
export interface PlannedEvent {
  type: string;
  payload: Record<string, unknown>;
  at: string;
  by: 'secretary' | 'superior';
}

const plan = (steps: Step[], at: string): PlannedEvent[] =>
  steps.map(([type, payload, by]) => ({ type, payload, at, by }));

/** Sends one planned event to the target unit as the planned principal. */
export function sendPlanned(
  engine: Engine,
  target: DriveTarget,
  event: PlannedEvent,
): Promise<DispatchResult> {
  const { type, payload, at, by } = event;
  return engine.dispatch(target.unit.id, { type, payload, at }, target[by]);
}

export async function sendAll(
  engine: Engine,
  target: DriveTarget,
  events: PlannedEvent[],
): Promise<DispatchResult[]> {
  const results: DispatchResult[] = [];
  for (const event of events) results.push(await sendPlanned(engine, target, event));
  return results;
}

function preparationSteps(target: DriveTarget): Step[] {
  const isCell = target.unit.level === 'cell';
  const reelection = getRuleSet(target.unit.term).personnel.tracks.reelection;
  const subs = target.subordinateIds;
  const bodies: Step = [
    'bodies.formed',
    { subcommittees: ['documents', 'personnel'], workingGroups: 1, inspectionDelegations: 1 },
    'secretary',
  ];
  const personnelStep = (step: string): Step => [
    'personnel.step_recorded',
    { track: 'reelection', step, summoned: 20, attended: 20, votes: [{ candidateId: 'cand-1', votes: 20 }] },
    'secretary',
  ];
  return [
    ['plan.submitted', { reference: `KH-${target.unit.id}` }, 'secretary'],
    ['plan.approved', {}, 'superior'],
    ...(isCell ? [] : [bodies]),
    ['documents.draft_recorded', { draft: 1, title: 'Báo cáo chính trị' }, 'secretary'],
    ...(subs.length > 0 ? [['consultation.sent', { draft: 1 }, 'secretary'] as Step] : []),
    ...subs.map((unitId): Step => ['consultation.reply_recorded', { unitId }, 'secretary']),
    ['documents.submitted', {}, 'secretary'],
    ['documents.approved', {}, 'superior'],
    ...(isCell ? [] : reelection.map(personnelStep)),
    ['personnel.plan_submitted', {}, 'secretary'],
    ['personnel.plan_approved', {}, 'superior'],
  ];
}

/** Every member summoned attends; a cell holds a member congress, the others a delegate congress. */
function attendance(unit: OrgUnit): Record<string, unknown> {
  const summoned = Math.max(unit.memberCount, 3);
  return { congressKind: unit.level === 'cell' ? 'member' : 'delegate', summoned, present: summoned };
}

/**
 * The congress's election, won in one round by the convening committee's candidates: a cell under 9
 * members elects its secretary, a cell above it a 3-seat committee, any other unit a 5-seat committee,
 * each with one candidate more than the seats.
 */
function electionSteps(unit: OrgUnit): Step[] {
  const summoned = Math.max(unit.memberCount, 3);
  const secretaryOnly = unit.level === 'cell' && unit.memberCount < 9;
  const election = secretaryOnly ? 'secretary' : 'committee';
  const seats = secretaryOnly ? 1 : unit.level === 'cell' ? 3 : 5;
  const candidates = Array.from({ length: secretaryOnly ? 1 : seats + 1 }, (_, i) => `cand-${i}`);
  const nominations = candidates.map((candidateId) => ({ candidateId, by: 'convening_committee' }));
  const votes = candidates.map((candidateId, i) => ({ candidateId, votes: i < seats ? summoned : 0 }));
  const ballots = { issued: summoned, collected: summoned, valid: summoned, invalid: 0 };
  return [
    ['election.list_set', { election, seats, candidates, nominations }, 'secretary'],
    ['election.recorded', { election, round: 1, ballots, votes }, 'secretary'],
  ];
}

/** The new committee's first meeting: it elects its secretary (3 of 3 members), then the meeting is held. */
export function firstMeetingSteps(): Step[] {
  const ballots = { issued: 3, collected: 3, valid: 3, invalid: 0 };
  const nominations = [{ candidateId: 'cand-0', by: 'convening_committee' }];
  return [
    [
      'election.list_set',
      { election: 'secretary', seats: 1, candidates: ['cand-0'], nominations },
      'secretary',
    ],
    [
      'election.recorded',
      {
        election: 'secretary',
        round: 1,
        summoned: 3,
        present: 3,
        ballots,
        votes: [{ candidateId: 'cand-0', votes: 3 }],
      },
      'secretary',
    ],
    ['committee.first_meeting_held', {}, 'secretary'],
  ];
}

/** One delegate per subordinate unit, which its own congress then elects. */
function allocations(target: DriveTarget): Record<string, number> {
  return Object.fromEntries(target.subordinateIds.map((id) => [id, 1]));
}

/**
 * A unit's whole scripted procedure for a congress held on `heldOn`: preparation (plan to personnel
 * plan approved) and the rest (review ≥ 45 working days ahead, 30 days' notice, session, closing).
 */
export function procedurePlan(
  target: DriveTarget,
  heldOn: string,
): { preparation: PlannedEvent[]; toHeld: PlannedEvent[] } {
  const prepDay = preparationDay(heldOn);
  return {
    preparation: plan(preparationSteps(target), vnTime(prepDay, 8)),
    toHeld: [
      ...plan(
        [
          ['review.submitted', {}, 'secretary'],
          ['review.approved', {}, 'superior'],
        ],
        vnTime(prepDay, 9),
      ),
      ...plan(
        [
          ['convening.date_proposed', { openingDate: heldOn }, 'secretary'],
          ['convening.date_approved', {}, 'superior'],
          [
            'convening.announced',
            { openingDate: heldOn, delegateAllocations: allocations(target) },
            'secretary',
          ],
        ],
        vnTime(conveningDay(heldOn), 9),
      ),
      ...plan([['congress.opened', {}, 'secretary']], vnTime(heldOn, 8)),
      ...plan(
        [['congress.official_session_opened', attendance(target.unit), 'secretary']],
        vnTime(heldOn, 9),
      ),
      ...plan(electionSteps(target.unit), vnTime(heldOn, 10)),
      ...plan([['congress.closed', { resolution: 'Nghị quyết' }, 'secretary']], vnTime(heldOn, 16)),
    ],
  };
}

/** Takes a unit from its plan to the point where it may ask for the superior's review. */
export async function drivePreparation(
  engine: Engine,
  unitId: string,
  heldOn: string,
  actors: ProcedureActors,
): Promise<DriveTarget> {
  const target = await driveTarget(engine, unitId, actors);
  await sendAll(engine, target, procedurePlan(target, heldOn).preparation);
  return target;
}

/** From a prepared unit: review, convening and the congress closing on `heldOn`; returns the closing. */
export async function driveFromReviewToHeld(
  engine: Engine,
  target: DriveTarget,
  heldOn: string,
): Promise<DispatchResult> {
  const results = await sendAll(engine, target, procedurePlan(target, heldOn).toHeld);
  return results.at(-1)!;
}

/** Drives a unit whose subordinates are done (or that has none) until its congress is held on `heldOn`. */
export async function driveUnitToCongressHeld(
  engine: Engine,
  unitId: string,
  heldOn: string,
  actors: ProcedureActors,
): Promise<DispatchResult> {
  const target = await drivePreparation(engine, unitId, heldOn, actors);
  return driveFromReviewToHeld(engine, target, heldOn);
}

/** Runs `task` over `items` with at most `limit` in flight; results in input order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
