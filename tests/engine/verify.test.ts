import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/shared/errors.js';
import { buildDistrict, principals } from '../support/builders.js';
import { drivePreparation } from '../support/drive.js';
import { openEngineFixture, type EngineFixture } from './engine-fixture.js';

const CELL = 'district-b0-c0';

describe('verify, replay and export', () => {
  let f: EngineFixture;
  let logKey: string;
  beforeEach(async () => {
    f = await openEngineFixture('verify');
    await f.importUnits(buildDistrict({ bases: 1, cellsPerBase: 2 }));
    await drivePreparation(f.engine, CELL, '2020-05-20');
    logKey = `${f.prefix}:{${CELL}}:log`;
  });
  afterEach(async () => f.cleanup());

  /** Rewrites the whole stream, as someone with write access to Redis could. */
  async function rewriteLog(mutate: (entries: [string, string[]][]) => [string, string[]][]) {
    const entries = await f.redis.xrange(logKey, '-', '+');
    await f.redis.del(logKey);
    for (const [id, fields] of mutate(entries)) await f.redis.xadd(logKey, id, ...fields);
  }

  it('when the log is untouched, then the unit verifies with all its events', async () => {
    expect(await f.engine.verify(CELL, principals.auditorOf('district'))).toEqual([
      { unitId: CELL, ok: true, events: 7 },
    ]);
  });

  it('when one stored payload is changed, then verify names exactly that seq', async () => {
    await rewriteLog((entries) =>
      entries.map(([id, fields]) => {
        if (id !== '3-0') return [id, fields];
        const record = JSON.parse(fields[3]!);
        record.payload.title = 'Forged report';
        return [id, ['seq', '3', 'e', JSON.stringify(record)]];
      }),
    );

    const [report] = await f.engine.verify(CELL, principals.admin);

    expect(report).toMatchObject({ ok: false, firstBrokenSeq: 3, reason: expect.stringMatching(/hash/) });
  });

  it('when two events are swapped, then verify names the first swapped seq', async () => {
    await rewriteLog((entries) => {
      const fields = entries.map(([, f]) => f);
      return entries.map(([id], i) => [id, i === 2 ? fields[3]! : i === 3 ? fields[2]! : fields[i]!]);
    });

    const [report] = await f.engine.verify(CELL, principals.admin);

    expect(report).toMatchObject({ ok: false, firstBrokenSeq: 3 });
  });

  it('when an entry is deleted, then verify names the missing seq', async () => {
    await f.redis.xdel(logKey, '4-0');

    const [report] = await f.engine.verify(CELL, principals.admin);

    expect(report).toMatchObject({ ok: false, firstBrokenSeq: 4, events: 3 });
  });

  it('when the last entry is deleted, then verify reports the log ends before the unit version', async () => {
    await f.redis.xdel(logKey, '7-0');

    const [report] = await f.engine.verify(CELL, principals.admin);

    expect(report).toMatchObject({ ok: false, firstBrokenSeq: 7 });
  });

  it('when the stored snapshot is altered, then verify reports that replay differs', async () => {
    const snapKey = `${f.prefix}:{${CELL}}:snap`;
    const snapshot = JSON.parse((await f.redis.hget(snapKey, 's'))!);
    snapshot.context.drafts = 9;
    await f.redis.hset(snapKey, 's', JSON.stringify(snapshot));

    const [report] = await f.engine.verify(CELL, principals.admin);

    expect(report).toMatchObject({
      ok: false,
      firstBrokenSeq: 7,
      reason: expect.stringMatching(/replayed state/),
    });
  });

  it('when one unit of a subtree is tampered, then the subtree report flags only that unit', async () => {
    await f.redis.xdel(logKey, '2-0');

    const reports = await f.engine.verify('district', principals.admin, { subtree: true });

    expect(reports.map((r) => r.unitId).sort()).toEqual(
      ['district', 'district-b0', CELL, 'district-b0-c1'].sort(),
    );
    expect(reports.filter((r) => !r.ok).map((r) => [r.unitId, r.firstBrokenSeq])).toEqual([[CELL, 2]]);
  });

  it('when replaying to a seq, then the state is the one after that event', async () => {
    const atOne = await f.engine.replay(CELL, { seq: 1 }, principals.admin);
    const latest = await f.engine.replay(CELL, {}, principals.admin);

    expect(atOne).toMatchObject({
      seq: 1,
      phase: 'plan',
      snapshot: { value: { procedure: { plan: 'submitted' } } },
    });
    expect(latest.seq).toBe(7);
    expect(latest.snapshot).toEqual((await f.engine.getUnit(CELL, principals.admin)).snapshot);
  });

  it('when replaying to a business time before any event, then the initial state comes back', async () => {
    const replayed = await f.engine.replay(CELL, { at: '2019-12-01T00:00:00Z' }, principals.admin);

    expect(replayed).toMatchObject({
      seq: 0,
      phase: 'plan',
      snapshot: { value: { procedure: { plan: 'drafting' } } },
    });
  });

  it('when the replay target is malformed, then a ValidationError', async () => {
    await expect(f.engine.replay(CELL, { at: 'yesterday' }, principals.admin)).rejects.toBeInstanceOf(
      ValidationError,
    );
  });

  it('when the history is exported as JSON Lines, then an auditor can re-verify the chain with sha256 and RFC 8785 alone', async () => {
    const lines: string[] = [];
    for await (const line of f.engine.exportHistory(CELL, 'jsonl', principals.auditorOf('district')))
      lines.push(line);

    const records = lines.map(
      (line) => JSON.parse(line) as Record<string, unknown> & { hash: string; prevHash: string },
    );
    expect(records).toHaveLength(7);
    for (const [i, { hash, ...rest }] of records.entries()) {
      const expected = createHash('sha256')
        .update(`${rest.prevHash}${canonicalize(rest)}`)
        .digest('hex');
      expect(hash).toBe(expected);
      if (i > 0) expect(rest.prevHash).toBe(records[i - 1]!.hash);
    }
  });

  it('when the history is exported as CSV, then a header and one quoted row per event come out', async () => {
    const lines: string[] = [];
    for await (const line of f.engine.exportHistory(CELL, 'csv', principals.admin)) lines.push(line);

    expect(lines[0]).toBe('seq,type,at,actorId,actorRole,principalId,machineVersion,prevHash,hash,payload\n');
    expect(lines).toHaveLength(8);
    expect(lines[1]).toMatch(/^1,plan\.submitted,.*,"\{""reference"":""KH-district-b0-c0""\}"\n$/);
  });

  it('when history is paged, then pages follow seq order and end with a null cursor', async () => {
    const first = await f.engine.history(CELL, { limit: 4 }, principals.admin);
    const second = await f.engine.history(CELL, { fromSeq: first.nextSeq!, limit: 4 }, principals.admin);

    expect(first.entries.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(first.nextSeq).toBe(5);
    expect(second.entries.map((e) => e.seq)).toEqual([5, 6, 7]);
    expect(second.nextSeq).toBeNull();
  });
});
