import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ForbiddenError, NotFoundError, ValidationError } from '../../src/shared/errors.js';
import { buildDistrict, principals } from '../support/builders.js';
import { drivePreparation } from '../support/drive.js';
import { openEngineFixture, type EngineFixture } from './engine-fixture.js';

const CELL = 'district-b0-c0';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A stream entry's flat field list as a name → value map, and back. */
function fieldsOf(flat: string[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) fields[flat[i]!] = flat[i + 1]!;
  return fields;
}
const unflatten = (fields: Record<string, string>) => Object.entries(fields).flat();

/** The entry as the engine wrote it before the hashed text was stored: `seq` and `e` (record JSON with hash). */
function olderForm(flat: string[]): string[] {
  const { seq, h, c } = fieldsOf(flat);
  return ['seq', seq!, 'e', JSON.stringify({ ...(JSON.parse(c!) as object), hash: h })];
}

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

  /** Rewrites the fields of one entry; fields are read and written as a name → value map. */
  async function rewriteEntry(
    id: string,
    mutate: (fields: Record<string, string>) => Record<string, string>,
  ) {
    await rewriteLog((entries) =>
      entries.map(([entryId, flat]) =>
        entryId === id ? [id, unflatten(mutate(fieldsOf(flat)))] : [entryId, flat],
      ),
    );
  }

  it('when an event is appended, then its entry stores the hash and the exact canonical text that was hashed', async () => {
    const entries = await f.redis.xrange(logKey, '-', '+');
    const [id, flat] = entries[2]!;
    const { seq, h, c, ...others } = fieldsOf(flat);
    const record = JSON.parse(c!) as Record<string, unknown> & { prevHash: string };

    expect([id, seq, others]).toEqual(['3-0', '3', {}]);
    expect(c).toBe(canonicalize(record));
    expect(h).toBe(sha256(`${record.prevHash}${c}`));
    expect(fieldsOf(entries[3]![1]).c).toContain(`"prevHash":"${h}"`);
  });

  it('when one payload character of a stored entry is changed, then verify names exactly that seq', async () => {
    await rewriteEntry('3-0', (fields) => ({ ...fields, c: fields.c!.replace('"title":"B', '"title":"C') }));

    const [report] = await f.engine.verify(CELL, principals.admin);

    expect(report).toMatchObject({ ok: false, firstBrokenSeq: 3, reason: expect.stringMatching(/hash/) });
  });

  it('when the stored hash of an entry is changed, then verify names exactly that seq', async () => {
    await rewriteEntry('5-0', (fields) => ({ ...fields, h: sha256('forged') }));

    const [report] = await f.engine.verify(CELL, principals.admin);

    expect(report).toMatchObject({ ok: false, firstBrokenSeq: 5, reason: expect.stringMatching(/hash/) });
  });

  it('when a payload is rewritten with a recomputed hash, then the next link breaks at the following seq', async () => {
    await rewriteEntry('3-0', (fields) => {
      const c = fields.c!.replace('"title":"B', '"title":"C');
      const prevHash = (JSON.parse(c) as { prevHash: string }).prevHash;
      return { ...fields, c, h: sha256(`${prevHash}${c}`) };
    });

    const [report] = await f.engine.verify(CELL, principals.admin);

    expect(report).toMatchObject({ ok: false, firstBrokenSeq: 4, reason: expect.stringMatching(/prevHash/) });
  });

  it('when entries are in the older form (record JSON in field e), then they read and verify as before', async () => {
    const before = await f.engine.history(CELL, {}, principals.admin);
    await rewriteLog((entries) => entries.map(([id, flat], i) => [id, i < 4 ? olderForm(flat) : flat]));

    const after = await f.engine.history(CELL, {}, principals.admin);
    const replayed = await f.engine.replay(CELL, {}, principals.admin);

    expect((await f.redis.xrange(logKey, '1-0', '1-0'))[0]![1]).toEqual([
      'seq',
      '1',
      'e',
      expect.any(String),
    ]);
    expect(await f.engine.verify(CELL, principals.admin)).toEqual([{ unitId: CELL, ok: true, events: 7 }]);
    expect(after).toEqual(before);
    expect(replayed.snapshot).toEqual((await f.engine.getUnit(CELL, principals.admin)).snapshot);
  });

  it('when a payload in the older form is changed, then verify names exactly that seq', async () => {
    await rewriteLog((entries) =>
      entries.map(([id, flat]) => {
        const older = olderForm(flat);
        if (id !== '3-0') return [id, older];
        const record = JSON.parse(older[3]!);
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

  it('when the stored snapshot holds the same content in another key order, then verify accepts it', async () => {
    const snapKey = `${f.prefix}:{${CELL}}:snap`;
    const stored = (await f.redis.hget(snapKey, 's'))!;
    const snapshot = JSON.parse(stored) as { context: Record<string, unknown> };
    const reversed = Object.fromEntries(Object.entries(snapshot.context).reverse());
    const reordered = JSON.stringify({ ...snapshot, context: reversed });
    expect(reordered).not.toBe(stored);
    await f.redis.hset(snapKey, 's', reordered);

    const [report] = await f.engine.verify(CELL, principals.admin);

    expect(report).toMatchObject({ ok: true, events: 7 });
  });

  it('when one unit of a subtree is tampered, then the subtree report flags only that unit', async () => {
    await f.redis.xdel(logKey, '2-0');

    const reports = await f.engine.verify('district', principals.admin, { subtree: true });

    expect(reports.map((r) => r.unitId).sort()).toEqual(
      ['district', 'district-b0', CELL, 'district-b0-c1'].sort(),
    );
    expect(reports.filter((r) => !r.ok).map((r) => [r.unitId, r.firstBrokenSeq])).toEqual([[CELL, 2]]);
  });

  it('when a list of units is verified, then the reports follow the list and name the tampered unit', async () => {
    await f.redis.xdel(logKey, '2-0');
    const ids = ['district-b0-c1', CELL, 'district', 'district-b0'];

    const reports = await f.engine.verifyUnits(ids, principals.auditorOf('district'));

    expect(reports.map((r) => r.unitId)).toEqual(ids);
    expect(reports.filter((r) => !r.ok).map((r) => [r.unitId, r.firstBrokenSeq])).toEqual([[CELL, 2]]);
    expect(reports[1]).toEqual((await f.engine.verify(CELL, principals.admin))[0]);
  });

  it('when a listed unit is unknown or not readable, then verifyUnits refuses as verify does for one unit', async () => {
    await expect(f.engine.verifyUnits([CELL, 'nowhere'], principals.admin)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(
      f.engine.verifyUnits([CELL, 'district'], principals.auditorOf('district-b0')),
    ).rejects.toBeInstanceOf(ForbiddenError);
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

    expect(lines[0]).toBe(
      'seq,type,at,occurredAt,recordedAt,actorId,actorRole,principalId,actorKind,scope,late,backfilled,machineVersion,prevHash,hash,payload\n',
    );
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
