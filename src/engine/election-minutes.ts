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
import type { Principal } from '../domain/index.js';
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

async function findRound(
  engine: Engine,
  unitId: string,
  election: string,
  round: number,
  principal: Principal,
) {
  let found;
  let fromSeq: number | null = 1;
  while (fromSeq !== null) {
    const page = await engine.history(unitId, { fromSeq, limit: PAGE }, principal);
    for (const entry of page.entries) {
      const p = entry.payload as { election?: unknown; round?: unknown };
      if (entry.type === 'election.recorded' && p.election === election && p.round === round) found = entry;
    }
    fromSeq = page.nextSeq;
  }
  return found;
}

/** The minutes of `election` round `round` at `unitId` (the last such round, after any re-election). */
export async function readRoundMinutes(
  engine: Engine,
  unitId: string,
  election: string,
  round: number,
  principal: Principal,
): Promise<RoundMinutes> {
  const view = await engine.getUnit(unitId, principal);
  const entry = await findRound(engine, unitId, election, round, principal);
  const parsed = entry && electionRecorded.safeParse(entry.payload);
  if (!entry || !parsed?.success) {
    throw new NotFoundError(`${unitId} has no recorded round ${round} of the ${election} election`);
  }
  const before = await engine.replay(unitId, { seq: entry.seq - 1 }, principal);
  const ctx = before.snapshot.context as unknown as CongressContext;
  const counted = countRound(ctx, parsed.data);
  if (typeof counted === 'string' || !counted.ok) {
    throw new NotFoundError(`round ${round} of the ${election} election cannot be counted again`);
  }
  const { ok: _ok, ...result } = counted;
  const p = parsed.data;
  const attendance = ctx.attendance;
  return {
    unit: { id: view.unit.id, name: view.unit.name },
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
