import { getPriority } from 'node:os';
import { describe, expect, it } from 'vitest';
import type { VerifyReport } from '../../src/engine/engine.types.js';
import {
  dealSlices,
  SliceFailed,
  verifyInChildren,
  type ChildProgram,
} from '../../src/jobs/verify-processes.js';

/** A child that runs `body` with the ids it read on stdin in `ids`. */
function nodeChild(body: string): ChildProgram {
  const script = `let s='';process.stdin.on('data',d=>s+=d).on('end',()=>{const ids=s.split('\\n').filter(Boolean);${body}});`;
  return { execPath: process.execPath, args: ['-e', script], env: process.env };
}

const reportEach = nodeChild(
  `for (const id of ids.reverse()) process.stdout.write(JSON.stringify({unitId:id,ok:id!=='u3',events:id.length,...(id==='u3'?{firstBrokenSeq:2,reason:'hash'}:{})})+'\\n');`,
);

describe('verify in child processes', () => {
  it('when ids are dealt into slices, then they go round robin and no slice is empty', () => {
    expect(dealSlices(['a', 'b', 'c', 'd', 'e'], 2)).toEqual([
      ['a', 'c', 'e'],
      ['b', 'd'],
    ]);
    expect(dealSlices(['a'], 4)).toEqual([['a']]);
  });

  it('when every child reports its slice, then the reports come back in id order and each was seen once as it arrived', async () => {
    const ids = ['u1', 'u2', 'u3', 'u4', 'u5'];
    const seen: VerifyReport[] = [];

    const reports = await verifyInChildren(ids, 3, reportEach, (r) => seen.push(r));

    expect(reports.map((r) => r.unitId)).toEqual(ids);
    expect(reports[2]).toEqual({ unitId: 'u3', ok: false, events: 2, firstBrokenSeq: 2, reason: 'hash' });
    expect(seen.map((r) => r.unitId).sort()).toEqual(ids);
  });

  it("when a niceness is given, then the children run at it; without one, at the parent's priority", async () => {
    const reportPriority = nodeChild(
      `for (const id of ids) process.stdout.write(JSON.stringify({unitId:id,ok:true,events:require('node:os').getPriority()})+'\\n');`,
    );
    const [niced] = await verifyInChildren(['u1'], 1, { ...reportPriority, niceness: 10 });
    const [plain] = await verifyInChildren(['u1'], 1, reportPriority);

    expect(niced!.events).toBe(10);
    expect(plain!.events).toBe(getPriority());
  });

  it('when a child fails, then its stderr and exit code come back as a SliceFailed', async () => {
    const failing = nodeChild(`process.stderr.write('NotFoundError: unit x not found\\n'); process.exit(3);`);

    const error = await verifyInChildren(['a', 'b'], 2, failing).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(SliceFailed);
    expect(error).toMatchObject({ exitCode: 3, message: 'NotFoundError: unit x not found' });
  });

  it('when a child writes something that is not a report, or leaves a unit out, then the run fails', async () => {
    const garbage = nodeChild(`process.stdout.write('progress 50%\\n');`);
    const forgetful = nodeChild(
      `process.stdout.write(JSON.stringify({unitId:ids[0],ok:true,events:0})+'\\n');`,
    );

    await expect(verifyInChildren(['a'], 1, garbage)).rejects.toThrow(/something else than a report/);
    await expect(verifyInChildren(['a', 'b', 'c'], 1, forgetful)).rejects.toThrow(
      'no report came back for unit b',
    );
  });
});
