/**
 * The fields of a unit's snapshot hash (`<p>:{<unit>}:snap`) once an append is stored, as strings:
 * the encoding whose reader is `storedSnapSchema` (records.ts), kept in the store beside it.
 */
import type { AppendEventInput } from './scripts.js';

/** Snapshot hash fields as strings, as `HGETALL` returns them (a type alias, so it is a string record). */
export type SnapFields = {
  v: string;
  h: string;
  s: string;
  p: string;
  m: string;
  t: string;
  o?: string;
  x?: string;
};

/**
 * The snapshot hash of `input.unitId` after append-event.lua stored `input` as `version`. The script
 * writes `v`, `h`, `s`, `p`, `m` and `t` and leaves `o` as the organisation store wrote it; it appends
 * only when `o` (0 while absent) equals `input.orgRevision`, so `o` is that revision, absent when 0.
 * `x` (the corrections index) is written by a correction and otherwise left as it was: `corrections`
 * is the index in force after the append (empty: absent).
 */
export function appendedSnapFields(
  input: AppendEventInput,
  version: number,
  corrections: Readonly<Record<string, readonly number[]>> = {},
): SnapFields {
  const x =
    input.correctionsJson ?? (Object.keys(corrections).length > 0 ? JSON.stringify(corrections) : undefined);
  return {
    v: String(version),
    h: input.hash,
    s: input.snapshotJson,
    p: input.phase,
    m: input.milestonesJson,
    t: input.occurredAt,
    ...(input.orgRevision === 0 ? {} : { o: String(input.orgRevision) }),
    ...(x === undefined ? {} : { x }),
  };
}
