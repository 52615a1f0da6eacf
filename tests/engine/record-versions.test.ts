/**
 * Logs written before the record kept both times (form 1, machine version 1), exported from the demo
 * as it was loaded then (tests/fixtures/record-v1): they still replay and verify, read with both
 * times, and a unit stopped halfway finishes its procedure under the current machine version.
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MACHINE_VERSION } from '../../machines/index.js';
import { canonicalJson } from '../../src/engine/hash-chain.js';
import { createKeySpace } from '../../src/store/index.js';
import { principals } from '../support/builders.js';
import { driveFromReviewToHeld, driveTarget, holdFirstMeeting } from '../support/drive.js';
import { openEngineFixture, type EngineFixture } from './engine-fixture.js';

interface FixtureUnit {
  unit: Record<string, string>;
  ancestors: string[];
  input: unknown;
  snapshot: unknown;
  version: number;
  head: string;
  phase: string;
  milestones: unknown;
}

const dir = new URL('../fixtures/record-v1/', import.meta.url);
const readUnit = (id: string) =>
  JSON.parse(readFileSync(new URL(`${id}.unit.json`, dir), 'utf8')) as FixtureUnit;
const readLog = (id: string) =>
  readFileSync(new URL(`${id}.jsonl`, dir), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

/** Writes a fixture unit as the store held it: organisation hash, snapshot hash, log stream (`c` + `h`). */
async function load(f: EngineFixture, id: string): Promise<void> {
  const keys = createKeySpace(f.prefix);
  const fx = readUnit(id);
  await f.redis.hset(keys.unit(id), {
    ...fx.unit,
    ancestors: JSON.stringify(fx.ancestors),
    input: JSON.stringify(fx.input),
  });
  await f.redis.sadd(keys.allUnits, id);
  await f.redis.hset(keys.snap(id), {
    s: JSON.stringify(fx.snapshot),
    v: String(fx.version),
    h: fx.head,
    p: fx.phase,
    m: JSON.stringify(fx.milestones),
  });
  for (const { hash, ...record } of readLog(id)) {
    await f.redis.xadd(
      keys.log(id),
      `${String(record.seq)}-0`,
      'seq',
      String(record.seq),
      'h',
      String(hash),
      'c',
      canonicalJson(record),
    );
  }
}

describe('records written under machine version 1', () => {
  let f: EngineFixture;
  beforeEach(async () => {
    f = await openEngineFixture('record-v1');
    for (const id of ['dd-w12-c08', 'dd-agencies-01', 'dong-da']) await load(f, id);
  });
  afterEach(async () => f.cleanup());

  it.each([
    ['a confirmed cell', 'dd-w12-c08', 19],
    ['the straggler', 'dd-agencies-01', 24],
    ['the district', 'dong-da', 255],
  ])(
    'when %s is verified, then its log is intact and replays to its stored state',
    async (_label, id, events) => {
      expect(await f.engine.verify(id, principals.admin)).toEqual([{ unitId: id, ok: true, events }]);
      const replayed = await f.engine.replay(id, { seq: events }, principals.admin);
      expect(replayed.snapshot).toEqual(readUnit(id).snapshot);
    },
  );

  it('when its history is read, then occurredAt is the stored time, recordedAt is null and the actor reads with kind and scope', async () => {
    const [first] = (await f.engine.history('dd-agencies-01', { limit: 1 }, principals.admin)).entries;
    const stored = readLog('dd-agencies-01')[0]!;

    expect(first).toMatchObject({
      occurredAt: stored.at,
      at: stored.at,
      recordedAt: null,
      late: false,
      backfilled: false,
      machineVersion: 1,
      actor: { kind: 'system', role: 'system', scope: 'all', id: 'system' },
    });
  });

  it('when it is exported, then JSONL lines name both times and CSV has the columns', async () => {
    const lines: string[] = [];
    for await (const line of f.engine.exportHistory('dd-w12-c08', 'jsonl', principals.admin))
      lines.push(line);
    const first = JSON.parse(lines[0]!) as Record<string, unknown>;

    expect(first).toMatchObject({ occurredAt: first.at, recordedAt: null });
  });

  it('when the straggler, stopped halfway, goes on, then it finishes its procedure under the current machine version', async () => {
    const target = await driveTarget(f.engine, 'dd-agencies-01');
    await driveFromReviewToHeld(f.engine, target, '2020-08-25');
    await holdFirstMeeting(f.engine, target);
    for (const [type, by] of [
      ['results.reported', target.secretary],
      ['results.confirmed', target.superior],
      ['records.archived', target.secretary],
    ] as const) {
      await f.engine.dispatch('dd-agencies-01', { type, payload: {} }, by);
    }
    const view = await f.engine.getUnit('dd-agencies-01', principals.admin);
    const entries = (await f.engine.history('dd-agencies-01', { limit: 100 }, principals.admin)).entries;

    expect(view.phase).toBe('completed');
    expect(view.snapshot.machineVersion).toBe(MACHINE_VERSION);
    expect(new Set(entries.map((e) => e.machineVersion))).toEqual(new Set([1, MACHINE_VERSION]));
    expect(await f.engine.verify('dd-agencies-01', principals.admin)).toEqual([
      { unitId: 'dd-agencies-01', ok: true, events: entries.length },
    ]);
  });
});
