import { describe, expect, it } from 'vitest';
import { createKnownUnits, type KnownUnit } from '../../src/engine/known-units.js';

/** A stand-in entry: the store keeps entries as given, so only identity matters here. */
const entry = (label: string) => ({ deadlinesJson: label }) as unknown as KnownUnit;

describe('the units this engine last wrote', () => {
  it('when more units are written than it holds, then the one written longest ago is forgotten first', () => {
    const known = createKnownUnits(2);
    known.set('a', entry('a1'));
    known.set('b', entry('b1'));
    known.set('c', entry('c1'));
    expect(known.get('a')).toBeUndefined();
    expect(known.get('b')?.deadlinesJson).toBe('b1');
    expect(known.get('c')?.deadlinesJson).toBe('c1');
  });

  it('when a unit is written again, then it counts as the newest and its entry is replaced', () => {
    const known = createKnownUnits(2);
    known.set('a', entry('a1'));
    known.set('b', entry('b1'));
    known.set('a', entry('a2'));
    known.set('c', entry('c1'));
    expect(known.get('b')).toBeUndefined();
    expect(known.get('a')?.deadlinesJson).toBe('a2');
  });

  it('when exactly as many units are written as it holds, then none is forgotten', () => {
    const known = createKnownUnits(2);
    known.set('a', entry('a1'));
    known.set('b', entry('b1'));
    expect([known.get('a'), known.get('b')].map((k) => k?.deadlinesJson)).toEqual(['a1', 'b1']);
  });

  it('when a unit is forgotten, then the next dispatch finds nothing to plan from', () => {
    const known = createKnownUnits();
    known.set('a', entry('a1'));
    known.forget('a');
    expect(known.get('a')).toBeUndefined();
  });
});
