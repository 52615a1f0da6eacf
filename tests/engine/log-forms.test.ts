/**
 * Every form of stored data a released main wrote stays readable. Each fixture is a namespace written
 * by the engine at the commit it names (fixtures/generate-log-form.ts says how): event log entries as
 * `seq` + `e` (the record JSON, hash included, until 6b6036a) or as `seq` + `h` + `c` (the hashed
 * canonical text, from cbfe60f on), snapshots with their context in the order events set it (before
 * 2bf3c04), and the organisation log, whose entries keep `e`.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import canonicalize from 'canonicalize';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildDistrict, principals, toJson } from '../support/builders.js';
import { openEngineFixture, type EngineFixture } from './engine-fixture.js';

type Content =
  ['hash', [string, string][]] | ['set', string[]] | ['string', string] | ['stream', [string, string[]][]];

const FORMS = [
  { file: 'log-form-e.6b6036a.json', fields: ['seq', 'e'] },
  { file: 'log-form-c.cbfe60f.json', fields: ['seq', 'h', 'c'] },
];

const CELLS = ['district-b0-c0', 'district-b0-c1'];
const UNITS = ['district', 'district-b0', ...CELLS];

function fixture(file: string): Record<string, Content> {
  const text = readFileSync(new URL(`./fixtures/${file}`, import.meta.url), 'utf8');
  return (JSON.parse(text) as { keys: Record<string, Content> }).keys;
}

/** Writes the fixture's keys under the test's own prefix, as the old engine left them. */
async function load(f: EngineFixture, keys: Record<string, Content>): Promise<void> {
  for (const [name, [type, data]] of Object.entries(keys)) {
    const key = `${f.prefix}:${name}`;
    if (type === 'hash') await f.redis.hset(key, Object.fromEntries(data));
    else if (type === 'set') await f.redis.sadd(key, ...data);
    else if (type === 'string') await f.redis.set(key, data);
    else for (const [id, flat] of data) await f.redis.xadd(key, id, ...flat);
  }
}

const fieldNames = (flat: string[]) => flat.filter((_, i) => i % 2 === 0);

describe.each(FORMS)('a namespace written in the form of $file', ({ file, fields }) => {
  let f: EngineFixture;
  const logKey = (unitId: string) => `${f.prefix}:{${unitId}}:log`;
  beforeEach(async () => {
    f = await openEngineFixture('logform');
    await load(f, fixture(file));
  });
  afterEach(async () => f.cleanup());

  it('when its logs are read raw, then every entry is in that form', async () => {
    for (const unitId of UNITS.slice(1)) {
      const entries = await f.redis.xrange(logKey(unitId), '-', '+');
      expect(entries.length).toBeGreaterThan(0);
      for (const [, flat] of entries) expect(fieldNames(flat)).toEqual(fields);
    }
  });

  it('when the district is verified with its subtree, then every unit verifies with all its events', async () => {
    const reports = await f.engine.verify('district', principals.admin, { subtree: true });
    const lengths = await Promise.all(UNITS.map((id) => f.redis.xlen(logKey(id))));
    expect(reports).toEqual(UNITS.map((unitId, i) => ({ unitId, ok: true, events: lengths[i] })));
    expect(lengths).toEqual([0, 1, 15, 1]);
  });

  it('when a unit is replayed and its history read, then they match what the old engine stored', async () => {
    for (const unitId of CELLS) {
      const replayed = await f.engine.replay(unitId, {}, principals.admin);
      const view = await f.engine.getUnit(unitId, principals.admin);
      expect(replayed.snapshot).toEqual(view.snapshot);
      const { entries } = await f.engine.history(unitId, {}, principals.admin);
      expect(entries.at(-1)?.hash).toBe(await f.redis.hget(`${f.prefix}:{${unitId}}:snap`, 'h'));
    }
    const postponed = await f.engine.getUnit('district-b0-c1', principals.admin);
    expect(postponed.snapshot.context).toMatchObject({ resume: expect.any(Array) });
  });

  it('when events are dispatched on top, then they are appended in the current form and the mixed logs verify', async () => {
    const resumed = { type: 'congress.resumed', payload: {}, at: '2020-03-09T03:00:00.000Z' };
    await f.engine.dispatch('district-b0-c1', resumed, principals.committeeOf('district'));
    const reported = { type: 'results.reported', payload: {}, at: '2020-05-22T03:00:00.000Z' };
    await f.engine.dispatch('district-b0-c0', reported, principals.secretaryOf('district-b0-c0'));

    const last = await f.redis.xrevrange(logKey('district-b0-c0'), '+', '-', 'COUNT', 1);
    expect(fieldNames(last[0]![1])).toEqual(['seq', 'h', 'c']);
    const reports = await f.engine.verify('district', principals.admin, { subtree: true });
    expect(reports.map((r) => [r.unitId, r.ok, r.events])).toEqual([
      ['district', true, 0],
      ['district-b0', true, 1],
      ['district-b0-c0', true, 16],
      ['district-b0-c1', true, 2],
    ]);
  });

  it('when the tree is imported again with a change, then the organisation log keeps field e and its chain', async () => {
    const renamed = buildDistrict({ bases: 1, cellsPerBase: 2 }).map((u) =>
      u.id === 'district-b0' ? { ...u, name: 'Phường Mới' } : u,
    );
    await f.engine.importTree({ format: 'json', content: toJson(renamed) }, principals.admin);

    const entries = await f.redis.xrange(`${f.prefix}:org:log`, '-', '+');
    expect(entries).toHaveLength(5);
    const records = entries.map(([, flat]) => {
      expect(fieldNames(flat)).toEqual(['seq', 'e']);
      return JSON.parse(flat[3]!) as { prevHash: string; hash: string };
    });
    records.reduce((prevHash, { hash, ...rest }) => {
      expect(rest.prevHash).toBe(prevHash);
      expect(hash).toBe(
        createHash('sha256')
          .update(`${prevHash}${canonicalize(rest)}`)
          .digest('hex'),
      );
      return hash;
    }, '');
  });
});
