import type { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ceilingAppender, ceilingCall, type CeilingCall } from '../../bench/b1-ceiling.js';
import { appendEvent, createKeySpace, type AppendEventInput, type KeySpace } from '../../src/store/index.js';
import { namespaceContents } from '../support/namespace.js';
import { createTestRedis } from '../support/redis.js';

/**
 * B1's ceiling must do the product's writes, no fewer: both scripts run on the same inputs, each in
 * its own namespace under this test's prefix, and leave the same keys with the same contents.
 */
let redis: Redis;
let prefix: string;
let cleanup: () => Promise<void>;
let product: KeySpace;
let ceiling: KeySpace;
let runCeiling: (call: CeilingCall) => Promise<number>;

const STARTING_SNAP = { v: '0', h: 'genesis', s: '{}', p: 'plan', m: '{}' };

beforeEach(async () => {
  ({ redis, prefix, cleanup } = await createTestRedis('ceiling'));
  product = createKeySpace(`${prefix}:product`);
  ceiling = createKeySpace(`${prefix}:ceiling`);
  for (const keys of [product, ceiling]) await redis.hset(keys.snap('cell-1'), STARTING_SNAP);
  runCeiling = ceilingAppender(redis);
});

afterEach(async () => cleanup());

/** The n-th append of a sequence that sets, keeps ('='), then clears the unit's deadline set. */
function nth(
  n: number,
  deadlinesJson: string | null,
  overrides: Partial<AppendEventInput> = {},
): AppendEventInput {
  return {
    unitId: 'cell-1',
    ancestorIds: ['base-1', 'district-1'],
    expectedVersion: n - 1,
    recordJson: `{"seq":${n}}`,
    hash: `h${n}`,
    snapshotJson: `{"n":${n}}`,
    phase: n === 1 ? 'bodies' : 'congress',
    milestonesJson: `{"difficult":${n % 2 === 1}}`,
    deadlinesJson,
    effectsJson: '[]',
    orgRevision: 0,
    occurredAt: `2020-03-0${n}T09:00:00+07:00`,
    rollupDeltas: new Map([
      ['cell|ward|atRisk', n % 2 === 1 ? 1 : -1],
      ['cell|ward|phase:plan', n === 1 ? -1 : 0],
    ]),
    ...overrides,
  };
}

/** Every key of a namespace, named without the namespace. */
async function contents(keys: KeySpace): Promise<Record<string, string>> {
  const all = await namespaceContents(redis, keys.prefix);
  return Object.fromEntries(
    Object.entries(all).map(([key, value]) => [key.slice(keys.prefix.length), value]),
  );
}

async function both(input: AppendEventInput): Promise<void> {
  const appended = await appendEvent(redis, product, input);
  const version = await runCeiling(ceilingCall(ceiling, input));
  expect(version).toBe(appended.version);
}

describe('bench/lua/ceiling-append.lua', () => {
  it('when the same appends run through the product script and the ceiling, then they leave the same keys', async () => {
    const sequence = [
      nth(1, '[{"kind":"plan.approval"}]'),
      nth(2, '='),
      nth(3, null, { correctionsJson: '{"1":[3]}' }),
      nth(4, '[{"kind":"congress.held"}]', { ancestorIds: ['base-1', 'district-1', 'province-1'] }),
    ];
    for (const input of sequence) {
      await both(input);
      expect(await contents(ceiling)).toEqual(await contents(product));
    }
    // The comparison saw every kind of key the append writes.
    expect(Object.keys(await contents(product)).sort()).toEqual([
      ':units-with-deadlines',
      ':{base-1}:rollup',
      ':{cell-1}:deadlines',
      ':{cell-1}:log',
      ':{cell-1}:snap',
      ':{district-1}:rollup',
      ':{province-1}:rollup',
    ]);
  });

  it('when the product writes something the ceiling does not, then the comparison shows it', async () => {
    await both(nth(1, '[{"kind":"plan.approval"}]'));
    await redis.hset(product.snap('cell-1'), 'extra', '1');

    expect(await contents(ceiling)).not.toEqual(await contents(product));
  });

  it('when an append carries an idempotency key, then its record is the only key the ceiling leaves out', async () => {
    const idempotency = { key: 'req-1', bodyHash: 'body-1', ttlSeconds: 60 };

    await both(nth(1, '[{"kind":"plan.approval"}]', { idempotency }));

    const written = await contents(product);
    const skipped = Object.keys(written).filter((key) => key.includes(':idem:'));
    expect(skipped).toEqual([':{cell-1}:idem:req-1']);
    for (const key of skipped) delete written[key];
    expect(await contents(ceiling)).toEqual(written);
  });
});
