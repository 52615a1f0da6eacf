import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalRecordJson, sealRecord, sha256Hex } from '../../src/engine/hash-chain.js';
import type { RecordV2 } from '../../src/store/index.js';

type Record = Omit<RecordV2, 'hash'>;

/** Strings with any UTF-16 code unit, lone surrogates included. */
const anyText = fc.string({ unit: 'binary', maxLength: 12 });
const someText = fc.oneof(fc.string({ maxLength: 12 }), anyText);

const recordArb: fc.Arbitrary<Record> = fc.record({
  seq: fc.oneof(fc.nat(), fc.double({ noNaN: true, noDefaultInfinity: true })),
  type: someText,
  // Mostly objects, as appends carry; now and then another JSON value or none at all.
  payload: fc.oneof(
    { weight: 8, arbitrary: fc.dictionary(someText, fc.jsonValue({ maxDepth: 3 })) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
    { weight: 1, arbitrary: fc.constant(undefined) },
  ) as fc.Arbitrary<Record['payload']>,
  actor: fc.record(
    { kind: someText, principalId: someText, role: someText, scope: someText, assignmentId: someText },
    { requiredKeys: ['kind', 'principalId', 'role', 'scope'] },
  ) as fc.Arbitrary<Record['actor']>,
  occurredAt: someText,
  recordedAt: someText,
  late: fc.oneof(fc.boolean(), fc.constant(0)) as fc.Arbitrary<boolean>,
  backfilled: fc.boolean(),
  childOccurredAt: fc.option(someText, { nil: undefined }),
  machineVersion: fc.oneof(fc.integer({ min: 1, max: 9 }), fc.constant(1.5)),
  prevHash: someText,
});

/** The library's answer, or the error it throws. */
function library(value: unknown): { text?: string; error?: string } {
  try {
    return { text: canonicalize(value) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

function ours(record: Record): { text?: string; error?: string } {
  try {
    return { text: canonicalRecordJson(record) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

describe('canonical JSON of a sealed record', () => {
  it('when any record is sealed, then its canonical text is byte for byte what the RFC 8785 library writes, or the same error', () => {
    fc.assert(
      fc.property(recordArb, (record) => {
        expect(ours(record)).toEqual(library(record));
      }),
      { numRuns: 3000 },
    );
  });

  it('when a record carries an extra key or an extra actor field, then the extra is written in its sorted place', () => {
    const base: Record = {
      seq: 3,
      type: 'plan.submitted',
      payload: { b: [1, { z: null, a: 'é' }], a: 'x' },
      actor: { kind: 'token', principalId: 'p-1', role: 'standing_committee', scope: 'subtree:central' },
      occurredAt: '2025-03-01T02:00:00.000Z',
      recordedAt: '2025-03-04T02:00:00.000Z',
      late: false,
      backfilled: false,
      machineVersion: 2,
      prevHash: 'ab'.repeat(32),
    };
    const withExtra = { ...base, note: 'kept' } as Record;
    const actorExtra = { ...base, actor: { ...base.actor, team: 'x' } } as Record;
    expect(canonicalRecordJson(withExtra)).toBe(canonicalize(withExtra));
    expect(canonicalRecordJson(withExtra)).toContain('"machineVersion":2,"note":"kept","occurredAt"');
    expect(canonicalRecordJson(actorExtra)).toBe(canonicalize(actorExtra));
  });

  it('when a record is sealed, then its hash is SHA-256 of prevHash followed by the canonical text it returns', () => {
    const record: Record = {
      seq: 1,
      type: 'unit.flagged_difficult',
      payload: { reason: 'Thiếu cán bộ' },
      actor: {
        kind: 'account',
        principalId: 'acc-1',
        role: 'working_group',
        scope: 'working_group:1',
        assignmentId: 'as-1',
      },
      occurredAt: '2025-03-01T02:00:00.000Z',
      recordedAt: '2025-03-01T02:05:00.000Z',
      late: false,
      backfilled: true,
      childOccurredAt: '2025-02-28T02:00:00.000Z',
      machineVersion: 2,
      prevHash: '0'.repeat(64),
    };
    const sealed = sealRecord(record);
    expect(sealed.canonical).toBe(canonicalize(record));
    expect(sealed.record.hash).toBe(sha256Hex(record.prevHash + sealed.canonical));
  });
});
