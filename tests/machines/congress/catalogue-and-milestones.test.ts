import { describe, expect, it } from 'vitest';
import type { AnyStateNode } from 'xstate';
import {
  EVENT_CATALOGUE,
  MACHINES_BY_VERSION,
  MACHINE_VERSION,
  createInitialSnapshot,
  milestonesOf,
} from '../../../machines/index.js';
import { getRuleSet } from '../../../machines/rules/index.js';
import {
  attendance,
  COMMITTEE_CANDIDATES,
  electionRound,
  listSet,
  walkTo,
} from './support/procedure-steps.js';
import { UnitDriver, buildUnit } from './support/unit-driver.js';

function handledEventTypes(node: AnyStateNode): string[] {
  return [...node.transitions.keys(), ...Object.values(node.states).flatMap(handledEventTypes)];
}

describe('event catalogue', () => {
  it('when the machine handles an event type, then the catalogue defines it, and every catalogued type is handled', () => {
    const handled = new Set(handledEventTypes(MACHINES_BY_VERSION[MACHINE_VERSION]!.root));
    expect([...handled].filter((type) => !EVENT_CATALOGUE[type])).toEqual([]);
    expect(Object.keys(EVENT_CATALOGUE).filter((type) => !handled.has(type))).toEqual([]);
  });

  it('when a catalogue entry is read, then it is dotted, names roles and carries both labels', () => {
    for (const [type, def] of Object.entries(EVENT_CATALOGUE)) {
      expect(type).toMatch(/^[a-z]+\.[a-z_]+$/);
      expect(def.type).toBe(type);
      expect(def.roles.length).toBeGreaterThan(0);
      expect(def.label.vi.length * def.label.en.length).toBeGreaterThan(0);
    }
  });

  it('when a decision needs a reason, then its schema rejects a missing reason', () => {
    for (const type of ['plan.returned', 'documents.returned', 'results.annulled', 'congress.postponed']) {
      expect(EVENT_CATALOGUE[type]!.schema.safeParse({ until: '2020-09-01' }).success).toBe(false);
    }
  });
});

describe('milestones', () => {
  const rules = getRuleSet('2020-2025');

  it('when nothing is held yet, then no milestone is reached', () => {
    expect(milestonesOf(createInitialSnapshot(buildUnit()), rules)).toEqual({
      congressHeld: false,
      heldOnTime: false,
      resultsConfirmed: false,
      postponed: false,
      difficult: false,
      annulled: false,
      openIrregularities: 0,
      openComplaints: 0,
    });
  });

  it('when a base holds its congress before 30/6/2020 and is confirmed, then it counts as held on time and confirmed', () => {
    const d = walkTo(new UnitDriver(), 'results.confirmed');
    const m = milestonesOf(d.snapshot, rules);
    expect(m).toMatchObject({ congressHeld: true, heldOnTime: true, resultsConfirmed: true });
    expect(m.congressHeldAt).toBe(d.context.congressHeldAt);
  });

  it('when a base closes its congress after 30/6/2020, then it is held but not on time', () => {
    const d = walkTo(new UnitDriver(), 'review.approved');
    d.send('convening.date_proposed', { openingDate: '2020-07-01' });
    d.send('convening.date_approved');
    d.send('convening.announced', { openingDate: '2020-07-01', delegateAllocations: {} });
    const opening = '2020-07-01T01:00:00.000Z';
    d.send('congress.opened', {}, { at: opening });
    d.send('congress.official_session_opened', attendance(), { at: opening });
    d.send('election.list_set', listSet('committee', 3, COMMITTEE_CANDIDATES), { at: opening });
    d.send('election.recorded', electionRound(), { at: opening });
    d.send('congress.closed', { resolution: 'Nghị quyết' }, { at: opening });
    expect(milestonesOf(d.snapshot, rules)).toMatchObject({ congressHeld: true, heldOnTime: false });
    expect(milestonesOf(d.snapshot, { ...rules, congressDeadlines: {} }).heldOnTime).toBe(true);
  });
});
