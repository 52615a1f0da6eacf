/**
 * What the vote-count minutes (biên bản kiểm phiếu) of one recorded round say: the round as recorded,
 * counted again against the unit's state just before it. Read with the caller's access, so only those
 * who may read the unit (itself, its superiors, inspection, auditors) see names and votes.
 */
import { atFirstMeeting, countRound } from '../../machines/congress/election.rounds.js';
import type { CongressContext } from '../../machines/congress/congress.context.js';
import { electionRecorded } from '../../machines/events/payload-schemas.js';
import type { RoundResult } from '../../machines/election/round.js';
import type { ElectionKind } from '../../machines/rules/election-kinds.js';
import type { HistoryEntry, Principal } from '../domain/index.js';
import { NotFoundError } from '../shared/errors.js';
import type { Engine } from './engine.types.js';

export interface RoundMinutes {
  unit: { id: string; name: string };
  election: ElectionKind;
  round: number;
  occurredAt: string;
  seq: number;
  congressKind: string;
  summoned: number;
  present: number;
  exclusions: { category: string; count: number; note?: string | undefined }[];
  ballots: { issued: number; collected: number; valid: number; invalid: number };
  votes: { candidateId: string; votes: number }[];
  result: Omit<RoundResult, 'ok'>;
}

const PAGE = 1_000;

/** Every `election.recorded` entry of the unit's log, in log order. */
async function recordedRounds(engine: Engine, unitId: string, principal: Principal): Promise<HistoryEntry[]> {
  const found: HistoryEntry[] = [];
  let fromSeq: number | null = 1;
  while (fromSeq !== null) {
    const page = await engine.history(unitId, { fromSeq, limit: PAGE }, principal);
    found.push(...page.entries.filter((entry) => entry.type === 'election.recorded'));
    fromSeq = page.nextSeq;
  }
  return found;
}

/** One recorded round counted again against the unit's state just before it. */
async function minutesOf(
  engine: Engine,
  unit: RoundMinutes['unit'],
  entry: HistoryEntry,
  principal: Principal,
): Promise<RoundMinutes> {
  const parsed = electionRecorded.safeParse(entry.payload);
  if (!parsed.success) throw new NotFoundError(`${unit.id} seq ${entry.seq} is not a readable round`);
  const p = parsed.data;
  const before = await engine.replay(unit.id, { seq: entry.seq - 1 }, principal);
  const ctx = before.snapshot.context as unknown as CongressContext;
  const counted = countRound(ctx, p);
  if (typeof counted === 'string' || !counted.ok) {
    throw new NotFoundError(`round ${p.round} of the ${p.election} election cannot be counted again`);
  }
  const { ok: _ok, ...result } = counted;
  const attendance = ctx.attendance;
  return {
    unit,
    election: p.election,
    round: p.round,
    occurredAt: entry.occurredAt,
    seq: entry.seq,
    congressKind: atFirstMeeting(ctx, p.election) ? 'conference' : (attendance?.congressKind ?? 'member'),
    summoned: p.summoned ?? attendance?.summoned ?? 0,
    present: p.present ?? attendance?.present ?? 0,
    exclusions: p.exclusions,
    ballots: p.ballots,
    votes: p.votes,
    result,
  };
}

async function unitOf(engine: Engine, unitId: string, principal: Principal) {
  const view = await engine.getUnit(unitId, principal);
  return { id: view.unit.id, name: view.unit.name };
}

/** The minutes of `election` round `round` at `unitId` (the last such round, after any re-election). */
export async function readRoundMinutes(
  engine: Engine,
  unitId: string,
  election: string,
  round: number,
  principal: Principal,
): Promise<RoundMinutes> {
  const unit = await unitOf(engine, unitId, principal);
  const entry = (await recordedRounds(engine, unitId, principal)).findLast((e) => {
    const p = e.payload as { election?: unknown; round?: unknown };
    return p.election === election && p.round === round;
  });
  if (!entry) throw new NotFoundError(`${unitId} has no recorded round ${round} of the ${election} election`);
  return minutesOf(engine, unit, entry, principal);
}

/** The minutes of every recorded round of `unitId`, in log order (the export's `minutes` format). */
export async function readUnitMinutes(
  engine: Engine,
  unitId: string,
  principal: Principal,
): Promise<{ unit: RoundMinutes['unit']; rounds: RoundMinutes[] }> {
  const unit = await unitOf(engine, unitId, principal);
  const rounds: RoundMinutes[] = [];
  for (const entry of await recordedRounds(engine, unitId, principal))
    rounds.push(await minutesOf(engine, unit, entry, principal));
  return { unit, rounds };
}
