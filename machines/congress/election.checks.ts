/**
 * Guards of the elections (machine version 4): attendance and quorum at the official session, each
 * election's list, its rounds, the congress's decision to go on, the key-post pause, and whether the
 * congress or the first meeting may end. Same shape as the other checks: `undefined` = may pass.
 */
import { electionRules } from '../rules/election-rules.js';
import type { ElectionKind } from '../rules/election-kinds.js';
import { citation, isNational } from '../rules/election-rule-source.js';
import { payloadFor } from '../events/congress-event.js';
import { ceilShareOf } from '../rules/rational.js';
import { getRuleSet } from '../rules/index.js';
import type { CongressContext } from './congress.context.js';
import { atFirstMeeting, countRound, fullMembers, isSecretaryOnlyCell } from './election.rounds.js';
import type { Check } from './preparation.checks.js';

const TWO_CONTENT =
  'a 2-content congress elects nothing: the superior appoints the committee, its standing committee and its secretary (committee.appointed)';

/** Refuses the official session below the quorum only when the rule set cites a national article for it. */
export const quorumHolds: Check = (ctx, e) => {
  if (!e) return undefined;
  const { summoned, present } = payloadFor(e, 'congress.official_session_opened');
  const rules = electionRules(getRuleSet(ctx.ruleSetId));
  const source = rules.sources['election.quorum'];
  const needed = ceilShareOf(rules.quorum, summoned);
  if (present >= needed || !isNational(source)) return undefined;
  return `${present} of ${summoned} present; at least ${needed} must attend (${citation(source)}): postpone the session`;
};

export const electsNothing: Check = (ctx) =>
  ctx.form === 'two_content' ? undefined : 'this congress holds elections';

function listReason(ctx: CongressContext, kind: ElectionKind): string | undefined {
  const rules = electionRules(getRuleSet(ctx.ruleSetId));
  if (ctx.elections?.[kind]) return `the ${kind} list is already set`;
  if (ctx.form === 'two_content') return TWO_CONTENT;
  if (kind === 'committee' && isSecretaryOnlyCell(ctx)) {
    return `a cell with ${fullMembers(ctx)} full members elects a secretary (and a deputy), not a committee (${citation(rules.sources['election.cellCommitteeMinMembers'])})`;
  }
  if (kind === 'committee' && ctx.form === 'three_content') {
    return 'a 3-content congress elects no committee: the superior appoints it; the congress still elects its delegates';
  }
  if (kind === 'direct_secretary' && (!rules.directSecretary || isSecretaryOnlyCell(ctx))) {
    return isSecretaryOnlyCell(ctx)
      ? 'this cell elects its secretary as the secretary election'
      : 'this term does not let the congress elect the secretary directly';
  }
  return undefined;
}

/** A list the congress itself votes (committee, delegates, direct secretary; secretary and deputy in a small cell). */
export const congressListAllowed: Check = (ctx, e) => {
  // Known without a payload, so the list of allowed events does not offer it either.
  if (ctx.form === 'two_content') return TWO_CONTENT;
  const kind = e && payloadFor(e, 'election.list_set').election;
  if (!kind) return undefined;
  if (atFirstMeeting(ctx, kind)) return `the ${kind} is elected by the new committee at its first meeting`;
  return listReason(ctx, kind);
};

/** A list the new committee votes at its first meeting. */
export const firstMeetingListAllowed: Check = (ctx, e) => {
  if (ctx.form === 'two_content') return TWO_CONTENT;
  const kind = e && payloadFor(e, 'election.list_set').election;
  if (!kind) return undefined;
  if (!atFirstMeeting(ctx, kind)) return `the ${kind} is elected by the congress, not at the first meeting`;
  if (kind === 'secretary' && ctx.elections?.direct_secretary?.status === 'complete') {
    return 'the congress elected the secretary directly';
  }
  return listReason(ctx, kind);
};

function roundReason(
  ctx: CongressContext,
  firstMeeting: boolean,
  e: Parameters<Check>[1],
): string | undefined {
  // Said first, and without a payload: "set the list first" would send the secretary to a list that
  // is refused too, and the list of allowed events would offer a round that can never count.
  if (ctx.form === 'two_content') return TWO_CONTENT;
  if (!e) return undefined;
  const p = payloadFor(e, 'election.recorded');
  if (atFirstMeeting(ctx, p.election) !== firstMeeting) {
    return firstMeeting
      ? `the ${p.election} is elected by the congress`
      : `the ${p.election} is elected at the first meeting`;
  }
  const progress = ctx.elections?.[p.election];
  if (progress?.status === 'deciding') {
    return `too few were elected: record whether the congress goes on (election.continuation_decided) first`;
  }
  if (progress && progress.status !== 'voting') return `the ${p.election} election is ${progress.status}`;
  if (progress && p.round !== progress.round + 1) {
    return `round ${p.round} is out of order: the next ${p.election} round is ${progress.round + 1}`;
  }
  const counted = countRound(ctx, p);
  if (typeof counted === 'string') return counted;
  return counted.ok ? undefined : counted.message;
}

export const congressRoundAllowed: Check = (ctx, e) => roundReason(ctx, false, e);
export const firstMeetingRoundAllowed: Check = (ctx, e) => roundReason(ctx, true, e);

/** Route: an intended key-post holder failed the majority, so the election pauses for the superior. */
function keyPostMissed(firstMeeting: boolean): Check {
  return (ctx, e) => {
    const invalid = roundReason(ctx, firstMeeting, e);
    if (invalid || !e) return invalid ?? 'no round recorded';
    const p = payloadFor(e, 'election.recorded');
    const counted = countRound(ctx, p);
    if (typeof counted === 'string' || !counted.ok) return 'the round does not count';
    const missed = p.keyPostCandidateIds.filter((id) => counted.notElected.includes(id));
    return missed.length > 0 ? undefined : 'every key-post candidate passed';
  };
}
export const congressKeyPostMissed = keyPostMissed(false);
export const firstMeetingKeyPostMissed = keyPostMissed(true);

export const continuationAllowed: Check = (ctx, e) => {
  // Without a payload (the list of allowed events): offered only while some election awaits it.
  if (!e)
    return Object.values(ctx.elections ?? {}).some((p) => p?.status === 'deciding')
      ? undefined
      : 'no election is waiting for a decision to go on';
  const p = payloadFor(e, 'election.continuation_decided');
  const progress = ctx.elections?.[p.election];
  if (progress?.status !== 'deciding') return `the ${p.election} election is not waiting for a decision`;
  const known = p.addCandidates?.find((c) => progress.candidates.includes(c));
  if (known) return `${known} is already on the ${p.election} list`;
  return p.decision === 'stop' && p.addCandidates?.length
    ? 'a decision to stop adds no candidates'
    : undefined;
};

function pausedKind(ctx: CongressContext): ElectionKind | undefined {
  const entries = Object.entries(ctx.elections ?? {}) as [ElectionKind, { status: string }][];
  return entries.find(([, progress]) => progress.status === 'paused')?.[0];
}

/** A direction after a key-post pause: another round needs open seats; a 3-content turn only for the committee. */
export const electionDirectionAllowed: Check = (ctx, e) => {
  const decision = e && payloadFor(e, 'election.direction_given').decision;
  const kind = pausedKind(ctx);
  if (!decision || !kind) return kind ? undefined : 'no election is paused';
  if (decision === 'three_content') {
    if (kind !== 'committee')
      return 'only a committee election can turn the congress into a 3-content congress';
    if (!getRuleSet(ctx.ruleSetId).variants.threeContent)
      return 'this term does not allow a 3-content congress';
  }
  if (decision === 'another_round' && ctx.elections?.[kind]?.seatsRemaining === 0) {
    return 'every seat is filled, so no further round can be held: direct the congress to proceed or to hold a 3-content congress';
  }
  return undefined;
};

function unsettled(ctx: CongressContext, firstMeeting: boolean): ElectionKind | undefined {
  const entries = Object.entries(ctx.elections ?? {}) as [ElectionKind, { status: string }][];
  return entries.find(
    ([kind, p]) =>
      atFirstMeeting(ctx, kind) === firstMeeting && p.status !== 'complete' && p.status !== 'stopped',
  )?.[0];
}

/** The congress may close once its own elections are over, the required one included. */
export const congressElectionsSettled: Check = (ctx) => {
  const open = unsettled(ctx, false);
  if (open) return `the ${open} election is not finished`;
  if (ctx.form !== 'four_content') return undefined;
  const required: ElectionKind = isSecretaryOnlyCell(ctx) ? 'secretary' : 'committee';
  return ctx.elections?.[required]
    ? undefined
    : `elect the ${required} first (election.list_set, then its rounds)`;
};

/** The first meeting ends once its elections are over and the secretary is chosen, unless appointed. */
export const firstMeetingSettled: Check = (ctx) => {
  const open = unsettled(ctx, true);
  if (open) return `the ${open} election is not finished`;
  if (ctx.form !== 'four_content' || ctx.appointed) return undefined;
  const chosen = ctx.elections?.secretary ?? ctx.elections?.direct_secretary;
  return chosen ? undefined : 'elect the secretary first (election.list_set, then its rounds)';
};
