/**
 * Election checks as machine versions 1–3 ran them: one election from a summoned count and free-text
 * exclusions. Kept only so logs recorded under those versions replay to the same state.
 */
import { computeElectionRound } from '../election/election.js';
import type { CongressEvent } from '../events/congress-event.js';
import { legacyElectionRecorded, type LegacyElectionRecordedPayload } from '../events/payload-schemas.js';
import type { CongressContext } from './congress.context.js';
import type { Check } from './preparation.checks.js';

/** The round as versions 1–3 recorded it (their payloads parse with the legacy schema). */
export function legacyRound(e: CongressEvent): LegacyElectionRecordedPayload {
  if (e.type !== 'election.recorded') throw new Error(`expected a election.recorded event, got ${e.type}`);
  return legacyElectionRecorded.parse(e.payload);
}

/** Runs the election calculator on a round; throws are turned into reasons by the callers. */
export function electionResult(_ctx: CongressContext, p: LegacyElectionRecordedPayload) {
  return computeElectionRound({
    summoned: p.summoned,
    exclusions: p.exclusions,
    seats: p.seats,
    votes: p.votes,
  });
}

export const validRound: Check = (ctx, e) => {
  if (!e) return undefined;
  const p = legacyRound(e);
  if (p.round !== ctx.election.round + 1)
    return `round ${p.round} is out of order: the next round is ${ctx.election.round + 1}`;
  const remaining = ctx.election.seatsRemaining;
  if (remaining !== undefined && p.seats !== remaining)
    return `${remaining} seats remain to fill, not ${p.seats}`;
  try {
    electionResult(ctx, p);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
};

/** Route: a key-post candidate (e.g. the intended secretary) was not elected. */
export const keyPostFailed: Check = (ctx, e) => {
  const invalid = validRound(ctx, e);
  if (invalid || !e) return invalid ?? 'no round recorded';
  const p = legacyRound(e);
  const elected = new Set(electionResult(ctx, p).elected);
  const keyPosts = p.keyPostCandidateIds;
  return keyPosts.some((id) => !elected.has(id)) ? undefined : 'every key-post candidate was elected';
};

/** Route: every seat is filled, no further round needed. */
export const seatsFilled: Check = (ctx, e) => {
  const invalid = validRound(ctx, e);
  if (invalid || !e) return invalid ?? 'no round recorded';
  return electionResult(ctx, legacyRound(e)).needsAnotherRound ? 'seats remain' : undefined;
};
