import { describe, expect, it } from 'vitest';
import { jsonShapeIssues } from '../../src/api/json-guard.js';

const arrays = (levels: number): unknown => JSON.parse(`${'['.repeat(levels)}${']'.repeat(levels)}`);

describe('JSON shape guard', () => {
  it('when arrays nest exactly as deep as allowed, then nothing is reported; one level more, then the depth is', () => {
    expect(jsonShapeIssues(arrays(32))).toEqual([]);
    expect(jsonShapeIssues(arrays(33))).toEqual([
      { path: '0'.repeat(32).split('').join('.'), message: 'nested more than 32 levels deep' },
    ]);
  });

  it('when a key holds a lone surrogate, then the key is reported by its path', () => {
    expect(jsonShapeIssues({ a: { ['x\udfff']: 1 } })).toEqual([
      { path: 'a.x\udfff', message: expect.stringMatching(/key contains an unpaired UTF-16 surrogate/) },
    ]);
  });

  it('when strings hold paired surrogates only, then nothing is reported', () => {
    expect(jsonShapeIssues({ emoji: '🙂', list: ['𝄞', { k: '😀x' }] })).toEqual([]);
  });
});
