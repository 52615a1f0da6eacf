/**
 * Context updates of the elections (machine version 4): attendance, lists, rounds, the congress's
 * decisions and the superior's directions, and the irregularities they record.
 */
import { checkList } from '../election/candidate-list.js';
import type { ElectionKind } from '../rules/election-kinds.js';
import type { ElectionRuleId } from '../rules/election-rule-source.js';
import { type CongressEvent, payloadFor } from '../events/congress-event.js';
import { ceilShareOf } from '../rules/rational.js';
import { getRuleSet } from '../rules/index.js';
import type { CongressContext, ElectionProgress } from './congress.context.js';
import { withIrregularities } from './irregularities.js';
import { countRound, eligibleCandidates } from './election.rounds.js';

type Update = (ctx: CongressContext, event: CongressEvent) => Partial<CongressContext>;

function flagged(ctx: CongressContext, e: CongressEvent, found: { rule: ElectionRuleId; message: string }[]) {
  if (found.length === 0) return {};
  return { irregularities: withIrregularities(ctx, e, found) };
}

function withProgress(ctx: CongressContext, kind: ElectionKind, progress: ElectionProgress) {
  return { elections: { ...ctx.elections, [kind]: progress } };
}

const recordAttendance: Update = (ctx, e) => {
  const attendance = payloadFor(e, 'congress.official_session_opened');
  const rules = getRuleSet(ctx.ruleSetId).election;
  const found: { rule: ElectionRuleId; message: string }[] = [];
  const needed = ceilShareOf(rules.quorum, attendance.summoned);
  if (attendance.present < needed) {
    found.push({
      rule: 'election.quorum',
      message: `${attendance.present} of ${attendance.summoned} present, below the ${needed} expected`,
    });
  }
  if (
    attendance.congressKind === 'member' &&
    ctx.fullMemberCount !== undefined &&
    attendance.summoned !== ctx.fullMemberCount
  ) {
    found.push({
      rule: 'election.majorityBase',
      message: `${attendance.summoned} full members summoned; the unit records ${ctx.fullMemberCount}`,
    });
  }
  return { attendance, ...flagged(ctx, e, found) };
};

/** The delegates list's seats against the superior's allocation (QĐ 24-QĐ/TW §11.1), when it is known. */
function delegateSeatsFlags(p: { seats: number; allocatedSeats?: number | undefined }) {
  if (p.allocatedSeats === undefined || p.allocatedSeats === p.seats) return [];
  const message = `${p.seats} delegate seats listed; the superior's convening announcement allocated ${p.allocatedSeats}`;
  return [{ rule: 'election.delegateSeats' as const, message }];
}

const setList: Update = (ctx, e) => {
  const p = payloadFor(e, 'election.list_set');
  const present = p.present ?? ctx.attendance?.present;
  const { flags: listFlags } = checkList({ ...p, present }, getRuleSet(ctx.ruleSetId).election);
  const flags = [...listFlags, ...delegateSeatsFlags(p)];
  const progress: ElectionProgress = {
    seats: p.seats,
    ...(p.alternateSeats === undefined ? {} : { alternateSeats: p.alternateSeats }),
    candidates: p.candidates,
    round: 0,
    elected: [],
    seatsRemaining: p.seats + (p.alternateSeats ?? 0),
    status: 'voting',
  };
  return { ...withProgress(ctx, p.election, progress), ...flagged(ctx, e, flags) };
};

function statusAfter(ctx: CongressContext, outcome: 'filled' | 'tie' | 'short', round: number) {
  if (outcome === 'filled') return 'complete' as const;
  if (outcome === 'tie') return 'voting' as const;
  return round >= getRuleSet(ctx.ruleSetId).election.roundsBeforeDecision
    ? ('deciding' as const)
    : ('voting' as const);
}

/** Counts the round; `paused` marks the key-post pause the transition routes to. */
function recordRound(paused: boolean): Update {
  return (ctx, e) => {
    const p = payloadFor(e, 'election.recorded');
    const counted = countRound(ctx, p);
    const progress = ctx.elections?.[p.election];
    if (typeof counted === 'string' || !counted.ok || !progress) return {};
    const next: ElectionProgress = {
      ...progress,
      round: p.round,
      elected: [...progress.elected, ...counted.elected],
      seatsRemaining: counted.seatsRemaining,
      tied: counted.outcome === 'tie' ? counted.tiedAtLastSeat : undefined,
      status: paused ? 'paused' : statusAfter(ctx, counted.outcome, p.round),
    };
    if (next.tied === undefined) delete next.tied;
    return withProgress(ctx, p.election, next);
  };
}

const decideContinuation: Update = (ctx, e) => {
  const p = payloadFor(e, 'election.continuation_decided');
  const progress = ctx.elections?.[p.election];
  if (!progress) return {};
  const rules = getRuleSet(ctx.ruleSetId).election;
  const next: ElectionProgress = {
    ...progress,
    candidates: [...progress.candidates, ...(p.addCandidates ?? [])],
    status: p.decision === 'continue' ? 'voting' : 'stopped',
  };
  const beyond = p.decision === 'continue' && progress.round >= rules.maxRounds;
  const flags = beyond
    ? [
        {
          rule: 'election.roundLimit' as const,
          message: `the congress goes on after ${progress.round} rounds (limit ${rules.maxRounds})`,
        },
      ]
    : [];
  return { ...withProgress(ctx, p.election, next), ...flagged(ctx, e, flags) };
};

function pausedEntry(ctx: CongressContext): [ElectionKind, ElectionProgress] | undefined {
  const entries = Object.entries(ctx.elections ?? {}) as [ElectionKind, ElectionProgress][];
  return entries.find(([, progress]) => progress.status === 'paused');
}

/** The superior's direction: another round, go on without the key post, or drop the committee election. */
const direct: Update = (ctx, e) => {
  const decision = payloadFor(e, 'election.direction_given').decision;
  const entry = pausedEntry(ctx);
  if (!entry) return {};
  const [kind, progress] = entry;
  const open = progress.seatsRemaining > 0;
  // Another round needs names to vote on; a unit lifted from version 2 kept none, so the congress adds them.
  const again = eligibleCandidates(progress).length > 0 ? 'voting' : 'deciding';
  const status =
    decision === 'another_round' ? again : open || decision === 'three_content' ? 'stopped' : 'complete';
  const form = decision === 'three_content' ? { form: 'three_content' as const } : {};
  return { ...withProgress(ctx, kind, { ...progress, status }), ...form };
};

type Elections = NonNullable<CongressContext['elections']>;

/**
 * The elections after an annulment (results.annulled): all of them are set again when no posts are
 * named; otherwise each election that elected a named post reopens for those seats only, among its
 * list's candidates not elected (or the names the congress adds), and the others stand.
 */
export function reopenElections(elections: Elections, posts: string[] | undefined): Elections | undefined {
  if (!posts) return undefined;
  const entries = Object.entries(elections) as [ElectionKind, ElectionProgress][];
  return Object.fromEntries(
    entries.map(([kind, progress]) => {
      const annulled = progress.elected.filter((id) => posts.includes(id));
      if (annulled.length === 0) return [kind, progress];
      const { tied: _tied, ...rest } = progress;
      const reopened: ElectionProgress = {
        ...rest,
        elected: progress.elected.filter((id) => !posts.includes(id)),
        seatsRemaining: annulled.length,
        status: 'voting',
      };
      return [kind, reopened];
    }),
  );
}

export const ELECTION_UPDATES = {
  recordAttendance,
  setList,
  countRound: recordRound(false),
  countRoundAndPause: recordRound(true),
  decideContinuation,
  direct,
} satisfies Record<string, Update>;
