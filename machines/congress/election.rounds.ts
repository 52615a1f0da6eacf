/**
 * How a recorded round reads against the unit's context (machine version 4): which election, who
 * votes, the seats still open, the candidates still in the running, and the count itself.
 */
import { electionRules } from '../rules/election-rules.js';
import { FIRST_MEETING_KINDS, type CongressKind, type ElectionKind } from '../rules/election-kinds.js';
import { evaluateRound, type RoundRefusal, type RoundResult } from '../election/round.js';
import type { ElectionRecordedPayload } from '../events/payload-schemas.js';
import { getRuleSet } from '../rules/index.js';
import type { CongressContext, ElectionProgress } from './congress.context.js';

/** Full members where recorded, else the member count the unit was imported with. */
export function fullMembers(ctx: CongressContext): number {
  return ctx.fullMemberCount ?? ctx.memberCount;
}

/** A cell under the committee threshold elects a secretary (and deputy) at its congress, no committee. */
export function isSecretaryOnlyCell(ctx: CongressContext): boolean {
  const min = getRuleSet(ctx.ruleSetId).election.cellCommitteeMinMembers;
  return ctx.level === 'cell' && fullMembers(ctx) < min;
}

/** Whether `kind` is voted by the new committee at its first meeting (not by the congress). */
export function atFirstMeeting(ctx: CongressContext, kind: ElectionKind): boolean {
  if (isSecretaryOnlyCell(ctx) && (kind === 'secretary' || kind === 'deputy_secretary')) return false;
  return FIRST_MEETING_KINDS.includes(kind);
}

/** Candidates the next round may be among: the tied, or everyone on the list not yet elected. */
export function eligibleCandidates(progress: ElectionProgress): string[] {
  if (progress.tied && progress.tied.length > 0) return progress.tied;
  return progress.candidates.filter((c) => !progress.elected.includes(c));
}

/**
 * A unit lifted from machine version 2 in the middle of its elections has no recorded attendance:
 * its rounds give summoned and present themselves (a cell holds a member congress).
 */
function migratedAttendance(ctx: CongressContext, p: ElectionRecordedPayload) {
  if (p.summoned === undefined || p.present === undefined) return undefined;
  const congressKind = ctx.level === 'cell' ? ('member' as const) : ('delegate' as const);
  return { congressKind, summoned: p.summoned, present: p.present };
}

/** What a round needs from the context, or why it cannot be read. */
export function roundSetting(
  ctx: CongressContext,
  p: ElectionRecordedPayload,
): { progress: ElectionProgress; congressKind: CongressKind; summoned: number; present: number } | string {
  const progress = ctx.elections?.[p.election];
  if (!progress) return `set the ${p.election} list first (election.list_set)`;
  if (atFirstMeeting(ctx, p.election)) {
    if (p.summoned === undefined || p.present === undefined) {
      return 'a first-meeting round needs the committee members summoned and present';
    }
    return { progress, congressKind: 'conference', summoned: p.summoned, present: p.present };
  }
  const session = ctx.attendance ?? migratedAttendance(ctx, p);
  if (!session) return 'the official session recorded no attendance: give summoned and present';
  if (p.summoned !== undefined && p.summoned !== session.summoned) {
    return `the congress summoned ${session.summoned}, not ${p.summoned}`;
  }
  const present = p.present ?? session.present;
  return { progress, congressKind: session.congressKind, summoned: session.summoned, present };
}

/** Counts the round against the context: the result, the refusal of a broken count, or why it cannot be read. */
export function countRound(
  ctx: CongressContext,
  p: ElectionRecordedPayload,
): RoundResult | RoundRefusal | string {
  const setting = roundSetting(ctx, p);
  if (typeof setting === 'string') return setting;
  const eligible = eligibleCandidates(setting.progress);
  const stranger = p.votes.find((v) => !eligible.includes(v.candidateId));
  if (stranger) {
    return `${stranger.candidateId} is not in this round; candidates: ${eligible.join(', ')}`;
  }
  return evaluateRound(
    {
      congressKind: setting.congressKind,
      election: p.election,
      summoned: setting.summoned,
      present: setting.present,
      exclusions: p.exclusions,
      ballots: p.ballots,
      seats: setting.progress.seatsRemaining,
      votes: p.votes,
    },
    electionRules(getRuleSet(ctx.ruleSetId)),
  );
}
