/**
 * Valid sample payloads per event type, derived from the unit's context, for exploring the
 * statechart. Repeatable events (drafts, election rounds, annulments) are bounded so the
 * exploration is finite.
 */
import { defaultCalendar, toVietnamDate } from '../../../../machines/calendar/vn-calendar.js';
import type { CongressContext } from '../../../../machines/congress/congress.context.js';
import { expectedPersonnelStep } from '../../../../machines/congress/preparation.checks.js';
import { attendance, ballots, COMMITTEE_CANDIDATES, electionRound, listSet } from './procedure-steps.js';

type Payload = Record<string, unknown>;
type Sampler = (ctx: CongressContext, at: string) => Payload[];

const reason = [{ reason: 'lý do cụ thể' }];
const none = [{}];
const missing = (ctx: CongressContext) =>
  ctx.subordinateIds.filter((id) => !ctx.held.includes(id) && !ctx.waived.includes(id));

/** Rounds for each election taking votes; later rounds only succeed, which keeps the exploration finite. */
function rounds(ctx: CongressContext): Payload[] {
  const open = Object.entries(ctx.elections ?? {})
    .filter(([, p]) => p.status === 'voting')
    .slice(0, 1);
  return open.flatMap(([election, progress]) => {
    const names = progress.candidates
      .filter((c) => !progress.elected.includes(c))
      .slice(0, progress.seatsRemaining + 1);
    const electorate =
      election === 'committee' || election === 'delegates' ? {} : { summoned: 11, present: 10 };
    const tally = (votesOf: (i: number) => number) =>
      names.map((candidateId, i) => ({ candidateId, votes: votesOf(i) }));
    const round = (votes: Payload[], keyPostCandidateIds: string[]) =>
      electionRound({
        election,
        round: progress.round + 1,
        ...electorate,
        ballots: ballots(),
        votes,
        keyPostCandidateIds,
      });
    // The last candidate always falls short, so a successful round fills the seats without a tie.
    const filled = round(
      tally((i) => (i < progress.seatsRemaining ? 10 - i : 2)),
      [],
    );
    if (progress.round >= 1) return [filled];
    return [
      filled,
      round(
        tally((i) => (i === 0 ? 3 : 10)),
        names.slice(0, 1),
      ),
      round(
        tally(() => 3),
        [],
      ),
    ];
  });
}

/** The list the unit votes next: the committee at the congress (the secretary in a small cell), the secretary at the first meeting. */
function lists(ctx: CongressContext): Payload[] {
  const smallCell = ctx.level === 'cell' && ctx.memberCount < 9;
  const committeeDone = ctx.elections?.committee?.status === 'complete';
  const kind = committeeDone || smallCell ? 'secretary' : 'committee';
  if ((ctx.elections as Record<string, unknown> | undefined)?.[kind]) return [];
  return [
    kind === 'committee'
      ? listSet('committee', 3, COMMITTEE_CANDIDATES)
      : listSet('secretary', 1, ['nguyen-van-a']),
  ];
}

const SAMPLERS: Record<string, Sampler> = {
  'plan.submitted': () => [{ reference: 'KH-01' }],
  'plan.returned': () => reason,
  'pilot.designated': () => reason,
  'bodies.formed': () => [{ subcommittees: ['documents'], workingGroups: 1, inspectionDelegations: 1 }],
  'documents.draft_recorded': (ctx) => (ctx.drafts < 1 ? [{ draft: ctx.drafts + 1, title: 'Dự thảo' }] : []),
  'consultation.sent': (ctx) => [{ draft: Math.max(1, ctx.drafts) }],
  'consultation.reply_recorded': (ctx) =>
    ctx.subordinateIds.filter((id) => !ctx.consultation?.replied.includes(id)).map((unitId) => ({ unitId })),
  'consultation.closed_early': () => reason,
  'documents.returned': () => reason,
  'personnel.step_recorded': (ctx) => {
    const next = expectedPersonnelStep(ctx);
    if (next.track !== 'reelection' || !next.step) return [];
    return [{ track: 'reelection', step: next.step, summoned: 30, attended: 27, votes: [] }];
  },
  'personnel.plan_returned': () => reason,
  'subordinate.congress_held': (ctx) =>
    missing(ctx)
      .slice(0, 1)
      .map((childId) => ({ childId, childSeq: 3 })),
  'gate.waiver_recorded': (ctx) =>
    missing(ctx).length > 0 ? [{ unitIds: missing(ctx), reason: 'sáp nhập' }] : [],
  'review.returned': () => reason,
  'congress.form_changed': () => [
    { form: 'three_content', reason: 'nhân sự chưa rõ' },
    { form: 'two_content', reason: 'đơn vị mới' },
  ],
  // Convening runs alongside the other regions; exploring it only once the review is approved keeps
  // the graph small (the overlap itself is tested on its own), and still reaches each of its states.
  'convening.date_proposed': (ctx, at) =>
    ctx.approvals.review ? [{ openingDate: defaultCalendar.addWorkingDays(toVietnamDate(at), 60) }] : [],
  'convening.date_returned': () => reason,
  'convening.announced': (ctx) =>
    ctx.openingDate ? [{ openingDate: ctx.openingDate, delegateAllocations: {} }] : [],
  'results.complaint_recorded': () => reason,
  'results.complaint_resolved': () => reason,
  'congress.official_session_opened': () => [attendance()],
  'election.list_set': lists,
  'election.recorded': rounds,
  'election.continuation_decided': () => [
    { election: 'committee', decision: 'continue', reason: 'bầu tiếp' },
    { election: 'committee', decision: 'stop', reason: 'dừng' },
  ],
  'election.direction_given': () => [
    { decision: 'another_round', reason: 'bầu tiếp' },
    { decision: 'proceed', reason: 'đủ số lượng' },
    { decision: 'three_content', reason: 'dừng bầu' },
  ],
  'congress.closed': () => [{ resolution: 'Nghị quyết' }],
  'congress.postponed': () => [{ until: '2020-04-30', reason: 'dịch bệnh' }],
  'committee.appointed': () => [{ decision: 'QĐ chỉ định' }],
  'results.annulled': (ctx) => (ctx.election.reruns < 1 ? reason : []),
  // Orthogonal to the procedure's states; covered by their own tests.
  'pilot.lessons_recorded': () => [],
  'subordinate.pilot_designated': () => [],
  'superior.pilots_designated': () => [],
  'superior.pilot_lessons_recorded': () => [],
  'consultation.superior_drafts_discussed': () => [],
  'hierarchy.subordinates_changed': () => [],
  'subordinate.results_confirmed': () => [],
  'unit.flagged_difficult': () => [],
  'unit.difficulty_cleared': () => [],
  'irregularity.closed': () => [],
};

/** Sample payloads for `type`; types without a sampler take an empty payload. */
export function samplePayloads(type: string, ctx: CongressContext, at: string): Payload[] {
  return (SAMPLERS[type] ?? (() => none))(ctx, at);
}
