import type { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  appendEvent,
  appendedSnapFields,
  createKeySpace,
  readForDispatch,
  rememberWrittenSnap,
  storedSnapSchema,
  type AppendEventInput,
  type KeySpace,
  type StoredSnap,
} from '../../src/store/index.js';
import { createTestRedis } from '../support/redis.js';

let redis: Redis;
let keys: KeySpace;
let cleanup: () => Promise<void>;

const snapshot = {
  machineVersion: 1,
  status: 'active' as const,
  value: { procedure: 'plan' },
  context: { drafts: 0 },
};
const milestones = {
  congressHeld: false,
  heldOnTime: false,
  resultsConfirmed: false,
  postponed: false,
  difficult: true,
};

function input(overrides: Partial<AppendEventInput> = {}): AppendEventInput {
  return {
    unitId: 'cell-1',
    ancestorIds: ['base-1'],
    expectedVersion: 0,
    recordJson: '{"seq":1}',
    hash: 'h1',
    snapshotJson: JSON.stringify(snapshot),
    phase: 'plan',
    milestonesJson: JSON.stringify(milestones),
    deadlinesJson: null,
    effectsJson: '[]',
    orgRevision: 0,
    occurredAt: '2020-03-02T09:00:00+07:00',
    rollupDeltas: new Map(),
    ...overrides,
  };
}

/** What `storedSnapSchema` makes of the fields, written out: the values the engine plans from. */
const expectedSnap = (version: number, orgRevision: number): StoredSnap => ({
  snapshot: { ...snapshot, value: { ...snapshot.value }, context: { ...snapshot.context } },
  version,
  head: 'h1',
  phase: 'plan',
  milestones: { ...milestones },
  orgRevision,
  lastOccurredAt: '2020-03-02T09:00:00+07:00',
  corrections: {},
});

beforeEach(async () => {
  const test = await createTestRedis('snapfields');
  ({ redis, cleanup } = test);
  keys = createKeySpace(test.prefix);
  await redis.hset(keys.snap('cell-1'), { v: '0', h: 'genesis', s: '{}', p: 'plan', m: '{}' });
});

afterEach(async () => cleanup());

describe('the snapshot hash fields of an append', () => {
  it('when an append is stored on a unit the organisation store never changed, then the hash holds exactly those fields, without o', async () => {
    await appendEvent(redis, keys, input());
    const stored = await redis.hgetall(keys.snap('cell-1'));
    expect(stored).toEqual(appendedSnapFields(input(), 1));
    expect(stored).not.toHaveProperty('o');
    expect(storedSnapSchema.parse(stored)).toEqual(expectedSnap(1, 0));
  });

  it('when the organisation store has bumped the revision, then the hash holds those fields with o at that revision', async () => {
    await redis.hincrby(keys.snap('cell-1'), 'o', 1);
    await redis.hincrby(keys.snap('cell-1'), 'o', 1);
    await appendEvent(redis, keys, input({ orgRevision: 2 }));
    const stored = await redis.hgetall(keys.snap('cell-1'));
    expect(stored).toEqual(appendedSnapFields(input({ orgRevision: 2 }), 1));
    expect(storedSnapSchema.parse(stored)).toEqual(expectedSnap(1, 2));
  });
});

describe('the corrections index of an append', () => {
  it('when a correction is stored, then x holds its index; a later append leaves it and the remembered fields still match', async () => {
    const index = { '1': [2] };
    await appendEvent(redis, keys, input({ correctionsJson: JSON.stringify(index) }));
    await appendEvent(redis, keys, input({ expectedVersion: 1, hash: 'h2' }));
    const stored = await redis.hgetall(keys.snap('cell-1'));

    expect(stored.x).toBe('{"1":[2]}');
    expect(stored).toEqual(appendedSnapFields(input({ hash: 'h2' }), 2, index));
    expect(storedSnapSchema.parse(stored).corrections).toEqual(index);
  });
});

describe('the parse cache of dispatch reads', () => {
  it('when a written snapshot is remembered and Redis holds those fields, then the next read returns it, frozen', async () => {
    await appendEvent(redis, keys, input());
    const written = expectedSnap(1, 0);
    rememberWrittenSnap(keys, input(), 1, written);
    const read = await readForDispatch(redis, keys, 'cell-1');
    expect(read.snap).toBe(written);
    expect(Object.isFrozen(read.snap?.snapshot.context)).toBe(true);
    expect(() => Object.assign(read.snap!.milestones, { difficult: false })).toThrow(TypeError);
  });

  it('when one stored field differs from the remembered write, then the read parses what Redis holds', async () => {
    await appendEvent(redis, keys, input());
    rememberWrittenSnap(keys, input(), 1, expectedSnap(1, 0));
    await redis.hset(keys.snap('cell-1'), 'p', 'bodies');
    const read = await readForDispatch(redis, keys, 'cell-1');
    expect(read.snap).toEqual({ ...expectedSnap(1, 0), phase: 'bodies' });
  });

  it('when the same content is read twice, then the second read returns the first parse', async () => {
    await appendEvent(redis, keys, input());
    const first = await readForDispatch(redis, keys, 'cell-1');
    const second = await readForDispatch(redis, keys, 'cell-1');
    expect(second.snap).toBe(first.snap);
    expect(second.snap).toEqual(expectedSnap(1, 0));
  });
});
