/**
 * `congress election evaluate --file ROUND.json` and `congress export UNIT --format minutes` as child
 * processes: the counting committee's tool answers the regulation's own example and refuses a round
 * whose ballots do not add up, writing nothing; the minutes document goes to stdout.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestPrefix, TREE } from '../api/api-harness.js';
import { openEngineFixture, type EngineFixture } from '../engine/engine-fixture.js';
import { recordTieThenDecidingRound } from '../support/election-rounds.js';
import { congressOn, type CliRun } from './cli-process.js';

/** 11 full members summoned, 10 present, nobody excluded: the base is 11, so 6 votes elect. */
const ROUND = {
  ruleSetId: '2020-2025',
  congressKind: 'member',
  election: 'committee',
  summoned: 11,
  present: 10,
  exclusions: [],
  ballots: { issued: 10, collected: 10, valid: 10, invalid: 0 },
  seats: 2,
  votes: [
    { candidateId: 'Nguyễn Văn An', votes: 6 },
    { candidateId: 'Trần Thị Bình', votes: 5 },
  ],
};

describe('congress election evaluate and export --format minutes', { timeout: 120_000 }, () => {
  let f: EngineFixture;
  let dir: string;
  let congress: (args: string[]) => Promise<CliRun>;
  const file = (name: string, content: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, JSON.stringify(content));
    return path;
  };

  beforeAll(async () => {
    f = await openEngineFixture('cli-election');
    await f.importUnits(TREE);
    dir = mkdtempSync(join(tmpdir(), 'cg-election-'));
    congress = congressOn(f.prefix);
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await f.cleanup();
  });

  it('QĐ 244 Art. 32 §2: when 11 are summoned and 10 present, then 6 votes elect and 5 do not; the output names who and each threshold', async () => {
    const run = await congress(['election', 'evaluate', '--file', file('round.json', ROUND), '--as-admin']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/^elected: Nguyễn Văn An$/m);
    expect(run.stdout).toContain('outcome: short; seats remaining: 1');
    expect(run.stdout).toMatch(/^election\.majorityBase: 6 \(.*11 summoned − 0 excluded = 11\)$/m);
    expect(run.stdout).toMatch(/^rule election\.majorityBase: QĐ 244-QĐ\/TW.*Art\. 32/m);
    const json = await congress([
      'election',
      'evaluate',
      '--file',
      file('round.json', ROUND),
      '--as-admin',
      '--json',
    ]);
    expect(JSON.parse(json.stdout)).toMatchObject({
      base: 11,
      votesNeeded: 6,
      elected: ['Nguyễn Văn An'],
      notElected: ['Trần Thị Bình'],
    });
  });

  it('QĐ 244 Art. 32 §1: when valid and invalid ballots do not add up to those collected, then exit 1 names the rule and nothing is written', async () => {
    const before = await digestPrefix(f.redis, f.prefix);
    const bad = { ...ROUND, ballots: { issued: 10, collected: 10, valid: 8, invalid: 1 } };
    const run = await congress(['election', 'evaluate', '--file', file('bad.json', bad), '--as-admin']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('ballots.valid_plus_invalid');
    expect(run.stderr).toMatch(/election\.ballots \(QĐ 244-QĐ\/TW.*Art\. 32 §1\)/);
    expect(run.stderr).toContain('8 valid + 1 invalid = 9, not the 10 collected');
    expect(await digestPrefix(f.redis, f.prefix)).toBe(before);
  });

  it('when a unit recorded a tie round and the deciding round, then export --format minutes prints one HTML document with both, in log order', async () => {
    await recordTieThenDecidingRound(f.engine, 'C1', '2020-03-30');
    const run = await congress(['export', 'C1', '--format', 'minutes', '--as-admin']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^<!doctype html>/);
    const rounds = [...run.stdout.matchAll(/data-round="([^"]+)"/g)].map((m) => m[1]);
    expect(rounds).toEqual(['committee-1', 'committee-2']);
    const bad = await congress(['export', 'C1', '--format', 'pdf', '--as-admin']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('jsonl, csv or minutes');
  });
});
