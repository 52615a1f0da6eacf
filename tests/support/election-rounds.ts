/**
 * A unit's congress with two recorded ballot rounds for the committee: a tie for the last seat, then
 * the round among the tied that decides it. Shared by the minutes export's HTTP and browser tests.
 */
import type { Engine } from '../../src/engine/engine.types.js';
import { driveTarget, procedurePlan, sendPlanned, vnTime } from './drive.js';

/** The tie round: 11 summoned, 10 present, so 6 votes elect; chi and dung tie at 6 for the third seat. */
export const TIE_ROUND = {
  election: 'committee',
  round: 1,
  ballots: { issued: 10, collected: 10, valid: 9, invalid: 1 },
  votes: [
    { candidateId: 'Nguyễn Văn An', votes: 8 },
    { candidateId: 'Trần Thị Bình', votes: 7 },
    { candidateId: 'Lê Văn Chí', votes: 6 },
    { candidateId: 'Phạm Thị Dung', votes: 6 },
  ],
};

/** The deciding round among the tied: other ballot numbers, so each page can be told apart. */
export const DECIDING_ROUND = {
  election: 'committee',
  round: 2,
  ballots: { issued: 10, collected: 8, valid: 7, invalid: 1 },
  votes: [
    { candidateId: 'Lê Văn Chí', votes: 6 },
    { candidateId: 'Phạm Thị Dung', votes: 1 },
  ],
};

/** Drives `unitId` to its opened congress on `heldOn` and records both rounds as its secretary. */
export async function recordTieThenDecidingRound(
  engine: Engine,
  unitId: string,
  heldOn: string,
): Promise<void> {
  const target = await driveTarget(engine, unitId);
  const { preparation, toHeld } = procedurePlan(target, heldOn);
  const opened = toHeld.findIndex((e) => e.type === 'congress.opened');
  for (const event of [...preparation, ...toHeld.slice(0, opened + 1)])
    await sendPlanned(engine, target, event);
  const send = (type: string, payload: Record<string, unknown>, hour: number) =>
    engine.dispatch(unitId, { type, payload, at: vnTime(heldOn, hour) }, target.secretary);
  await send('congress.official_session_opened', { congressKind: 'member', summoned: 11, present: 10 }, 9);
  const candidates = TIE_ROUND.votes.map((v) => v.candidateId);
  const nominations = candidates.map((candidateId) => ({ candidateId, by: 'convening_committee' }));
  await send('election.list_set', { election: 'committee', seats: 3, candidates, nominations }, 9);
  await send('election.recorded', TIE_ROUND, 10);
  await send('election.recorded', DECIDING_ROUND, 11);
}
