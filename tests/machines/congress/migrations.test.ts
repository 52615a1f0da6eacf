import { describe, expect, it } from 'vitest';
import type { PersistedCongressSnapshot } from '../../../machines/api.types.js';
import {
  MIGRATIONS,
  migrateWith,
  type SnapshotMigration,
} from '../../../machines/congress/machine-registry.js';
import {
  applyEvent,
  createInitialSnapshot,
  MACHINE_VERSION,
  MACHINES_BY_VERSION,
  migrateSnapshot,
} from '../../../machines/index.js';
import { walkTo } from './support/procedure-steps.js';
import { UnitDriver, buildEvent, buildUnit } from './support/unit-driver.js';

/** A sample step: version 1 → 2 renames the personnel region's state `fiveStep` to `introduction`. */
const renameFiveStep: SnapshotMigration = (snapshot) => ({
  ...snapshot,
  machineVersion: 2,
  value: JSON.parse(JSON.stringify(snapshot.value).replace('"fiveStep"', '"introduction"')) as unknown,
});
const addTermField: SnapshotMigration = (snapshot) => ({
  ...snapshot,
  machineVersion: 3,
  context: { ...snapshot.context, term: snapshot.context.ruleSetId },
});

function inPreparation(): PersistedCongressSnapshot {
  return {
    machineVersion: 1,
    status: 'active',
    value: {
      procedure: { preparation: { documents: 'drafting', personnel: 'fiveStep', subordinates: 'waiting' } },
    },
    context: { ruleSetId: '2020-2025' },
  };
}

describe('machine versions and migrations', () => {
  it('when a snapshot is created, then it records the current machine version, which the registry knows', () => {
    const snapshot = createInitialSnapshot(buildUnit());
    expect(snapshot.machineVersion).toBe(MACHINE_VERSION);
    expect(MACHINES_BY_VERSION[MACHINE_VERSION]).toBeDefined();
    expect(migrateSnapshot(snapshot)).toBe(snapshot);
  });

  it('when migrations exist for each step, then a snapshot is lifted one version at a time', () => {
    const lifted = migrateWith(inPreparation(), { 1: renameFiveStep, 2: addTermField }, 3);
    expect(lifted.machineVersion).toBe(3);
    expect(lifted.value).toEqual({
      procedure: {
        preparation: { documents: 'drafting', personnel: 'introduction', subordinates: 'waiting' },
      },
    });
    expect(lifted.context).toEqual({ ruleSetId: '2020-2025', term: '2020-2025' });
  });

  it('when a step is missing or skips a version, then migration fails loudly instead of guessing', () => {
    expect(() => migrateWith(inPreparation(), { 2: addTermField }, 3)).toThrow(
      'no migration from machine version 1',
    );
    const skipping: SnapshotMigration = (s) => ({ ...s, machineVersion: 3 });
    expect(() => migrateWith(inPreparation(), { 1: skipping }, 3)).toThrow('produced version 3');
  });

  it('when a snapshot names an unknown machine version, then applying an event throws rather than guess', () => {
    const snapshot = { ...createInitialSnapshot(buildUnit()), machineVersion: 99 };
    expect(() => applyEvent(snapshot, buildEvent('plan.submitted', { reference: 'KH' }))).toThrow(
      'unknown machine version 99',
    );
  });

  it('when a unit was stopped in its plan under version 1, then its snapshot is lifted to the current version unchanged and takes the next event', () => {
    const v1 = createInitialSnapshot(buildUnit(), 1);
    const submitted = applyEvent(v1, buildEvent('plan.submitted', { reference: 'KH' }));
    if (!submitted.ok) throw new Error(submitted.message);

    const lifted = migrateSnapshot(submitted.snapshot);
    const approved = applyEvent(lifted, buildEvent('plan.approved', {}, { seq: 2 }));

    expect(submitted.snapshot.machineVersion).toBe(1);
    expect(lifted).toEqual({ ...submitted.snapshot, machineVersion: MACHINE_VERSION });
    expect(approved).toMatchObject({ ok: true, snapshot: { machineVersion: MACHINE_VERSION } });
  });

  it('when a unit paused in its version-3 election is lifted, then its committee election waits for the direction, then for names', () => {
    const start = createInitialSnapshot(buildUnit(), 3);
    const paused: PersistedCongressSnapshot = {
      ...start,
      value: { procedure: { congress: 'paused' } },
      context: { ...start.context, election: { round: 1, seatsRemaining: 1, reruns: 0 } },
    };
    const lifted = migrateWith(paused, MIGRATIONS, 4);
    expect(lifted.machineVersion).toBe(4);
    expect(lifted.context.elections).toEqual({
      committee: { seats: 1, candidates: [], round: 1, elected: [], seatsRemaining: 1, status: 'paused' },
    });
    const direction = { decision: 'another_round', reason: 'bầu lại' };
    const directed = applyEvent(lifted, buildEvent('election.direction_given', direction, { seq: 9 }));
    if (!directed.ok) throw new Error(directed.message);
    expect(directed.snapshot.context.elections).toMatchObject({ committee: { status: 'deciding' } });
  });

  it('when a version-3 unit past its election is lifted, then nothing but the version changes', () => {
    const start = createInitialSnapshot(buildUnit(), 3);
    const resolution = { ...start, value: { procedure: { congress: 'resolution' } } };
    expect(migrateWith(resolution, MIGRATIONS, 4)).toEqual({ ...resolution, machineVersion: 4 });
  });

  it('when a version-4 2-content unit waits for a confirmation, then lifting to 5 puts it in the records; other units change only their version', () => {
    const start = createInitialSnapshot(buildUnit({ ruleSetId: '2025-2030' }), 4);
    const waiting = { ...start, value: { procedure: 'confirmation' } };
    const twoContent = { ...waiting, context: { ...waiting.context, form: 'two_content' } };
    expect(migrateSnapshot(twoContent)).toEqual({
      ...twoContent,
      machineVersion: 5,
      value: { procedure: 'archive' },
    });
    expect(migrateSnapshot(waiting)).toEqual({ ...waiting, machineVersion: 5 });
    const reporting = { ...twoContent, value: { procedure: 'report' } };
    expect(migrateSnapshot(reporting)).toEqual({ ...reporting, machineVersion: 5 });
  });

  it('when a version-4 2-content unit reports, then version 4 still takes the confirmation its logs hold', () => {
    const d = walkTo(new UnitDriver(buildUnit({ ruleSetId: '2025-2030' })), 'review.approved');
    d.snapshot = migrateWith({ ...d.snapshot, machineVersion: 4 }, MIGRATIONS, 4);
    d.send('congress.form_changed', { form: 'two_content', reason: 'đảng bộ mới sáp nhập' });
    walkTo(d, 'congress.official_session_opened');
    d.send('congress.closed', { resolution: 'Nghị quyết' }, { at: d.at });
    d.send('committee.appointed', { decision: 'QĐ chỉ định' }, { at: d.at });
    d.send('committee.first_meeting_held', {}, { at: d.at });
    d.send('results.reported', {}, { at: d.at });
    expect(d.snapshot).toMatchObject({ machineVersion: 4, value: { procedure: 'confirmation' } });
    d.send('results.confirmed', {}, { at: d.at });
  });
});
