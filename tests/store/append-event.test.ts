import type { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError } from '../../src/shared/errors.js';
import { appendEvent, createKeySpace, type AppendEventInput, type KeySpace } from '../../src/store/index.js';
import { createTestRedis } from '../support/redis.js';
import { namespaceContents } from '../support/namespace.js';

let redis: Redis;
let keys: KeySpace;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  const test = await createTestRedis('append');
  ({ redis, cleanup } = test);
  keys = createKeySpace(test.prefix);
  await redis.hset(keys.snap('cell-1'), { v: '0', h: 'genesis', s: '{}', p: 'plan', m: '{}' });
});

afterEach(async () => cleanup());

function input(overrides: Partial<AppendEventInput> = {}): AppendEventInput {
  return {
    unitId: 'cell-1',
    ancestorIds: ['base-1', 'district-1'],
    expectedVersion: 0,
    recordJson: '{"seq":1}',
    hash: 'h1',
    snapshotJson: '{"n":1}',
    phase: 'bodies',
    milestonesJson: '{"congressHeld":false}',
    deadlinesJson: '[{"kind":"plan.approval"}]',
    effectsJson: '[]',
    orgRevision: 0,
    occurredAt: '2020-03-02T09:00:00+07:00',
    rollupDeltas: new Map([
      ['cell|ward|phase:plan', -1],
      ['cell|ward|phase:bodies', 1],
    ]),
    ...overrides,
  };
}

function snapshotOfNamespace(): Promise<Record<string, string>> {
  return namespaceContents(redis, keys.prefix);
}

describe('append-event.lua', () => {
  it('when the version matches, then the event, snapshot, deadlines and every ancestor roll-up are written together', async () => {
    const result = await appendEvent(redis, keys, input());

    expect(result).toEqual({ duplicate: false, seq: 1, version: 1, hash: 'h1', phase: 'bodies' });
    expect(await redis.xrange(keys.log('cell-1'), '-', '+')).toEqual([
      ['1-0', ['seq', '1', 'h', 'h1', 'c', '{"seq":1}']],
    ]);
    expect(await redis.hgetall(keys.snap('cell-1'))).toEqual({
      v: '1',
      h: 'h1',
      t: '2020-03-02T09:00:00+07:00',
      s: '{"n":1}',
      p: 'bodies',
      m: '{"congressHeld":false}',
    });
    expect(await redis.get(keys.deadlines('cell-1'))).toBe('[{"kind":"plan.approval"}]');
    expect(await redis.smembers(keys.unitsWithDeadlines)).toEqual(['cell-1']);
    for (const ancestor of ['base-1', 'district-1']) {
      expect(await redis.hgetall(keys.rollup(ancestor))).toEqual({
        'cell|ward|phase:plan': '-1',
        'cell|ward|phase:bodies': '1',
      });
    }
  });

  it('when the version is stale, then a version conflict names the current version and nothing changes', async () => {
    await appendEvent(redis, keys, input());
    const before = await snapshotOfNamespace();

    const error = await appendEvent(redis, keys, input({ hash: 'other' })).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({
      reason: 'version_conflict',
      details: { currentVersion: 1, expectedVersion: 0 },
    });
    expect(await snapshotOfNamespace()).toEqual(before);
  });

  it('when the same idempotency key and body come again, then the first result is returned and nothing is appended', async () => {
    const idempotency = { key: 'k1', bodyHash: 'b1', ttlSeconds: 60 };
    await appendEvent(redis, keys, input({ idempotency }));
    const before = await snapshotOfNamespace();

    const again = await appendEvent(redis, keys, input({ idempotency, expectedVersion: 1, hash: 'h2' }));

    expect(again).toEqual({
      duplicate: true,
      seq: 1,
      version: 1,
      hash: 'h1',
      phase: 'bodies',
      effectsJson: '[]',
    });
    expect(await snapshotOfNamespace()).toEqual(before);
    expect(await redis.ttl(keys.idempotency('cell-1', 'k1'))).toBeGreaterThan(0);
  });

  it('when an idempotency key is reused with another body, then it is refused and nothing changes', async () => {
    await appendEvent(redis, keys, input({ idempotency: { key: 'k1', bodyHash: 'b1', ttlSeconds: 60 } }));
    const before = await snapshotOfNamespace();

    const error = await appendEvent(
      redis,
      keys,
      input({ idempotency: { key: 'k1', bodyHash: 'b2', ttlSeconds: 60 }, expectedVersion: 1 }),
    ).catch((e: unknown) => e);

    expect(error).toMatchObject({ reason: 'idempotency_mismatch' });
    expect(await snapshotOfNamespace()).toEqual(before);
  });

  it('when the unit was closed by an import after the caller read it, then the script refuses and nothing is written', async () => {
    // What an import closing the unit writes; the caller computed its transition before that.
    await redis.hset(keys.snap('cell-1'), 'closed', 'dissolved');
    const before = await snapshotOfNamespace();

    const error = await appendEvent(redis, keys, input()).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ reason: 'not_allowed', details: { allowed: [], status: 'dissolved' } });
    expect(await snapshotOfNamespace()).toEqual(before);
  });

  it('when an organisation update bumped the revision after the caller read it, then the script refuses and nothing is written', async () => {
    // What an import moving or changing the unit writes (org-store.ts) after the caller's read.
    await redis.hincrby(keys.snap('cell-1'), 'o', 1);
    const before = await snapshotOfNamespace();

    const error = await appendEvent(redis, keys, input({ orgRevision: 0 })).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ reason: 'organisation_changed', details: { currentRevision: 1 } });
    expect(await snapshotOfNamespace()).toEqual(before);
    // Planned on the current revision, the same append goes through.
    await expect(appendEvent(redis, keys, input({ orgRevision: 1 }))).resolves.toMatchObject({ version: 1 });
  });

  it('when the unit does not exist, then NotFoundError and nothing is written', async () => {
    const error = await appendEvent(redis, keys, input({ unitId: 'ghost' })).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(NotFoundError);
    expect(await redis.exists(keys.log('ghost'), keys.rollup('base-1'))).toBe(0);
  });

  it('when the new deadline set is empty, then the key is removed and the unit leaves the index', async () => {
    await appendEvent(redis, keys, input());

    await appendEvent(redis, keys, input({ expectedVersion: 1, hash: 'h2', deadlinesJson: null }));

    expect(await redis.exists(keys.deadlines('cell-1'))).toBe(0);
    expect(await redis.smembers(keys.unitsWithDeadlines)).toEqual([]);
  });

  it("when the deadline set is passed as '=', then the stored set and the index are left as they are", async () => {
    await appendEvent(redis, keys, input());

    await appendEvent(redis, keys, input({ expectedVersion: 1, hash: 'h2', deadlinesJson: '=' }));

    expect(await redis.get(keys.deadlines('cell-1'))).toBe('[{"kind":"plan.approval"}]');
    expect(await redis.smembers(keys.unitsWithDeadlines)).toEqual(['cell-1']);
    expect(await redis.hget(keys.snap('cell-1'), 'v')).toBe('2');
  });
});
