import { describe, expect, it } from 'vitest';
import { applyEvent } from '../../../machines/index.js';
import { personnelStep, skipStep, walkTo } from './support/procedure-steps.js';
import { UnitDriver, buildEvent, buildUnit } from './support/unit-driver.js';

const STRAGGLER = 'base-82';
const eightyTwo = Array.from({ length: 82 }, (_, i) => `base-${i + 1}`);

/** A district with 82 base organisations, 81 of which have held their congress (Đống Đa, June 2020). */
function dongDaAt81(): UnitDriver {
  const d = new UnitDriver(buildUnit({ unitId: 'dong-da', level: 'district', subordinateIds: eightyTwo }));
  walkTo(d, 'bodies.formed');
  d.send('documents.draft_recorded', { draft: 1, title: 'Dự thảo báo cáo chính trị' });
  d.send('consultation.sent', { draft: 1 });
  d.send('consultation.closed_early', { reason: '81 units discussed the draft; the last is merging' });
  d.send('documents.submitted');
  d.send('documents.approved');
  skipStep(d, 'documents.final');
  walkTo(d, 'personnel.approved');
  eightyTwo
    .slice(0, 81)
    .forEach((childId, i) => d.send('subordinate.congress_held', { childId, childSeq: i }));
  return d;
}

describe('refusals leave the unit unchanged', () => {
  it('when an event the state does not handle arrives, then it is refused, the snapshot is unchanged and the allowed events are named', () => {
    const d = walkTo(new UnitDriver(), 'plan.submitted');
    const before = structuredClone(d.snapshot);
    const outcome = d.try('congress.closed', { resolution: 'x' });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.code).toBe('not_allowed');
    expect(outcome.message).toContain('congress.closed is not allowed in procedure.plan.submitted');
    expect(outcome.message).toContain('plan.approved, plan.returned');
    expect(outcome.allowed.filter((a) => a.allowed).map((a) => a.type)).toContain('plan.returned');
    expect(d.snapshot).toEqual(before);
  });

  it('when an unknown event type arrives, then it is refused as unknown_event', () => {
    const d = new UnitDriver();
    const outcome = applyEvent(d.snapshot, buildEvent('plan.teleported'));
    expect(outcome).toMatchObject({ ok: false, code: 'unknown_event' });
  });

  it('when a payload is invalid, then every issue names its dotted path and nothing changes', () => {
    const d = walkTo(new UnitDriver(), 'bodies.formed');
    const before = structuredClone(d.snapshot);
    const outcome = d.try('personnel.step_recorded', {
      ...personnelStep('standing_committee_review'),
      votes: [{ candidateId: 'a', votes: -1 }],
      extra: true,
    });
    expect(outcome).toMatchObject({ ok: false, code: 'invalid_payload' });
    if (outcome.ok) return;
    expect(outcome.issues?.map((i) => i.path).sort()).toEqual(['payload', 'payload.votes.0.votes']);
    expect(d.snapshot).toEqual(before);
  });

  it('when a return for revision has a blank reason, then it is refused as invalid', () => {
    const d = walkTo(new UnitDriver(), 'plan.submitted');
    const outcome = d.try('plan.returned', { reason: '   ' });
    expect(outcome).toMatchObject({
      ok: false,
      code: 'invalid_payload',
      issues: [{ path: 'payload.reason' }],
    });
  });

  it('when the event time is not an ISO instant, then it is refused before the machine sees it', () => {
    const d = new UnitDriver();
    const outcome = d.try('plan.submitted', { reference: 'KH-1' }, { at: 'yesterday' });
    expect(outcome).toMatchObject({ ok: false, code: 'invalid_payload', issues: [{ path: 'at' }] });
    const farFuture = d.try('plan.submitted', { reference: 'KH-1' }, { at: '2045-01-02T02:00:00Z' });
    expect(farFuture).toMatchObject({
      ok: false,
      issues: [{ path: 'at', message: expect.stringContaining('calendar') }],
    });
  });
});

describe('subordinate gate', () => {
  it('when a waiver names a unit that already held its congress, then it is refused', () => {
    const d = dongDaAt81();
    const outcome = d.try('gate.waiver_recorded', { unitIds: ['base-5'], reason: 'x' });
    expect(outcome).toMatchObject({ ok: false, code: 'not_allowed' });
    if (!outcome.ok) expect(outcome.message).toContain('unit base-5 has already held its congress');
    expect(d.context.waived).toEqual([]);
  });

  it('when a waiver names an unknown unit, then it is refused', () => {
    const d = dongDaAt81();
    const outcome = d.try('gate.waiver_recorded', { unitIds: ['base-999'], reason: 'x' });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.message).toContain('unit base-999 is not a direct subordinate');
  });

  it('when the straggler holds its congress after all, then the gate is met without a waiver', () => {
    const d = dongDaAt81();
    d.send('subordinate.congress_held', { childId: STRAGGLER, childSeq: 7 });
    expect(d.snapshot.value).toMatchObject({ procedure: { preparation: { subordinates: 'met' } } });
  });

  it('when the superior waives the straggler, then the gate is met and the waiver is kept with its seq', () => {
    const d = dongDaAt81();
    d.send('gate.waiver_recorded', { unitIds: [STRAGGLER], reason: 'merging with a neighbouring ward' });
    expect(d.snapshot.value).toMatchObject({ procedure: { preparation: { subordinates: 'met' } } });
    expect(d.context.waivers).toEqual([{ seq: d.seq, at: d.at, unitIds: [STRAGGLER] }]);
  });

  it('when the same subordinate reports twice, then the second report is refused', () => {
    const d = dongDaAt81();
    const outcome = d.try('subordinate.congress_held', { childId: 'base-1', childSeq: 9 });
    expect(outcome.ok).toBe(false);
    expect(d.context.held).toHaveLength(81);
  });
});

describe('step rules', () => {
  it('when a draft number skips ahead, then it is refused with the expected number', () => {
    const d = walkTo(new UnitDriver(), 'bodies.formed');
    d.send('documents.draft_recorded', { draft: 1, title: 'Dự thảo 1' });
    const outcome = d.try('documents.draft_recorded', { draft: 3, title: 'Dự thảo 3' });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.message).toContain('the next draft is number 2');
  });

  it('when the key cadres conference lacks two thirds attendance, then the step is refused with why', () => {
    const d = walkTo(new UnitDriver(), 'bodies.formed');
    d.send('personnel.step_recorded', personnelStep('standing_committee_review'));
    const outcome = d.try(
      'personnel.step_recorded',
      personnelStep('key_cadres_conference', { attended: 19 }),
    );
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.message).toMatch(/quorum|attend/i);
    expect(d.context.personnelSteps).toEqual({ reelection: 1, firstTime: 0 });
  });

  it('when a personnel step is recorded out of order, then it is refused naming the expected step', () => {
    const d = walkTo(new UnitDriver(), 'bodies.formed');
    const outcome = d.try('personnel.step_recorded', personnelStep('committee_ballot'));
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.message).toContain('expected step "standing_committee_review"');
  });

  it('when the personnel plan is submitted before the re-election track is done, then it is refused', () => {
    const d = walkTo(new UnitDriver(), 'bodies.formed');
    const outcome = d.try('personnel.plan_submitted');
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.message).toContain('the re-election track is at step 0/5');
  });

  it('when a consultation reply comes twice or from a stranger, then it is refused', () => {
    const d = walkTo(new UnitDriver(), 'bodies.formed');
    d.send('documents.draft_recorded', { draft: 1, title: 'Dự thảo 1' });
    d.send('consultation.sent', { draft: 1 });
    d.send('consultation.reply_recorded', { unitId: 'cell-1' });
    expect(d.try('consultation.reply_recorded', { unitId: 'cell-1' }).ok).toBe(false);
    expect(d.try('consultation.reply_recorded', { unitId: 'cell-9' }).ok).toBe(false);
    expect(d.context.consultation).toEqual({ replied: ['cell-1'], closed: false });
  });

  it('when documents are submitted while the consultation is open, then it is refused with the reply count', () => {
    const d = walkTo(new UnitDriver(), 'bodies.formed');
    d.send('documents.draft_recorded', { draft: 1, title: 'Dự thảo 1' });
    d.send('consultation.sent', { draft: 1 });
    d.send('consultation.reply_recorded', { unitId: 'cell-2' });
    const outcome = d.try('documents.submitted');
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.message).toContain('1/3 subordinate units replied');
  });

  it('when every subordinate has replied, then the consultation closes by itself', () => {
    const d = walkTo(new UnitDriver(), 'bodies.formed');
    d.send('documents.draft_recorded', { draft: 1, title: 'Dự thảo 1' });
    d.send('consultation.sent', { draft: 1 });
    for (const unitId of ['cell-1', 'cell-2', 'cell-3']) d.send('consultation.reply_recorded', { unitId });
    expect(d.snapshot.value).toMatchObject({ procedure: { preparation: { documents: 'drafting' } } });
    expect(d.context.consultation).toMatchObject({ closed: true });
  });
});

describe('congress length', () => {
  it('when the congress would outlast the level maximum, then closing is refused', () => {
    const d = walkTo(new UnitDriver(), 'election.recorded');
    const outcome = d.try(
      'congress.closed',
      { resolution: 'Nghị quyết' },
      { at: '2020-12-31T02:00:00.000Z' },
    );
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.message).toContain('a base congress lasts at most 2');
  });
});
