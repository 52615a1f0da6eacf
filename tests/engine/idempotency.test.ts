import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConflictError } from '../../src/shared/errors.js';
import { buildDistrict, principals } from '../support/builders.js';
import { openEngineFixture, type EngineFixture } from './engine-fixture.js';
import { namespaceDump } from './namespace-dump.js';

const CELL = 'district-b0-c0';
const submit = (reference: string) => ({ type: 'plan.submitted', payload: { reference } });

describe('idempotency keys', () => {
  let f: EngineFixture;
  beforeEach(async () => {
    f = await openEngineFixture('idem');
    await f.importUnits(buildDistrict({ bases: 1, cellsPerBase: 1 }));
  });
  afterEach(async () => f.cleanup());

  it('when the same key is sent 100 times concurrently from several replicas, then one event is appended and every caller gets its result', async () => {
    const replicas = [f.engine, f.replica(), f.replica(), f.replica()];

    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        replicas[i % replicas.length]!.dispatch(CELL, submit('KH-1'), principals.secretaryOf(CELL), {
          idempotencyKey: 'req-1',
        }),
      ),
    );

    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    expect(new Set(results.map((r) => `${r.seq}/${r.version}/${r.hash}/${r.phase}`))).toEqual(
      new Set([`1/1/${results[0]!.hash}/plan`]),
    );
    expect((await f.engine.history(CELL, {}, principals.admin)).entries).toHaveLength(1);
  });

  it('when a key is reused with a different body, then idempotency_mismatch and nothing is appended', async () => {
    await f.engine.dispatch(CELL, submit('KH-1'), principals.secretaryOf(CELL), { idempotencyKey: 'req-1' });
    const before = await namespaceDump(f.redis, f.prefix);

    const error = await f.engine
      .dispatch(CELL, submit('KH-2'), principals.secretaryOf(CELL), { idempotencyKey: 'req-1' })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ reason: 'idempotency_mismatch' });
    expect(await namespaceDump(f.redis, f.prefix)).toEqual(before);
  });

  it('when a key is replayed after later events, then the original result comes back even though the event is no longer allowed', async () => {
    const first = await f.engine.dispatch(CELL, submit('KH-1'), principals.secretaryOf(CELL), {
      idempotencyKey: 'req-1',
    });
    await f.engine.dispatch(
      CELL,
      { type: 'plan.approved', payload: {} },
      principals.committeeOf('district-b0'),
    );

    const again = await f.engine.dispatch(CELL, submit('KH-1'), principals.secretaryOf(CELL), {
      idempotencyKey: 'req-1',
    });

    expect(again).toEqual({ ...first, duplicate: true, cascaded: [] });
    expect((await f.engine.getUnit(CELL, principals.admin)).version).toBe(2);
  });

  it('when the idempotency lifetime is configured, then the record expires after it', async () => {
    const short = await openEngineFixture('idem-ttl', { idempotencyTtlSeconds: 5 });
    try {
      await short.importUnits(buildDistrict({ bases: 1, cellsPerBase: 1 }));
      await short.engine.dispatch(CELL, submit('KH-1'), principals.secretaryOf(CELL), {
        idempotencyKey: 'req-1',
      });

      const ttl = await short.redis.ttl(`${short.prefix}:{${CELL}}:idem:req-1`);

      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(5);
    } finally {
      await short.cleanup();
    }
  });
});
