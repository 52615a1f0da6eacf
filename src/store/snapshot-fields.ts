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
  o?: string;
};

/**
 * The snapshot hash of `input.unitId` after append-event.lua stored `input` as `version`. The script
 * writes `v`, `h`, `s`, `p` and `m` and leaves `o` as the organisation store wrote it; it appends only
 * when `o` (0 while absent) equals `input.orgRevision`, so `o` is that revision, absent when 0.
 */
export function appendedSnapFields(input: AppendEventInput, version: number): SnapFields {
  return {
    v: String(version),
    h: input.hash,
    s: input.snapshotJson,
    p: input.phase,
    m: input.milestonesJson,
    ...(input.orgRevision === 0 ? {} : { o: String(input.orgRevision) }),
  };
}
