/**
 * Corrections, append-only: `record.corrected { seq, occurredAt?, payload?, reason }` amends an earlier
 * entry's time or payload without rewriting it. Readers see the original and its corrections side by
 * side; replay and verify apply the latest correction of each entry. A correction may not change which
 * transition happened (checked when it is recorded, see correction-plan.ts).
 */
import { z } from 'zod';
import type { EntryCorrection, HistoryEntry } from '../domain/index.js';

/** The event type of a correction. Handled by the engine, never by the statechart. */
export const CORRECTION_TYPE = 'record.corrected';

/** What a correction says. At least one of `occurredAt` and `payload`. */
export const correctionPayloadSchema = z
  .strictObject({
    seq: z.number().int().positive(),
    occurredAt: z.iso.datetime({ offset: true }).optional(),
    payload: z.record(z.string(), z.unknown()).optional(),
    reason: z.string().trim().min(1, 'say why the entry is corrected').max(2_000),
  })
  .refine((c) => c.occurredAt !== undefined || c.payload !== undefined, {
    message: 'give the corrected occurredAt, the corrected payload, or both',
  });
export type CorrectionPayload = z.infer<typeof correctionPayloadSchema>;

/** A stored correction entry's own account of what it changes. */
function correctionOf(entry: HistoryEntry): EntryCorrection {
  const c = entry.payload as CorrectionPayload;
  return {
    seq: entry.seq,
    ...(c.occurredAt === undefined ? {} : { occurredAt: c.occurredAt }),
    ...(c.payload === undefined ? {} : { payload: c.payload }),
    reason: c.reason,
  };
}

/** Corrected seq → its corrections, oldest first, from the correction entries among `entries`. */
export function correctionsIn(entries: readonly HistoryEntry[]): Map<number, EntryCorrection[]> {
  const bySeq = new Map<number, EntryCorrection[]>();
  for (const entry of entries) {
    if (entry.type !== CORRECTION_TYPE) continue;
    const target = (entry.payload as CorrectionPayload).seq;
    bySeq.set(target, [...(bySeq.get(target) ?? []), correctionOf(entry)]);
  }
  return bySeq;
}

/** `entry` with its corrections listed and the latest corrected time and payload in force. */
export function withCorrections(entry: HistoryEntry, corrections: readonly EntryCorrection[]): HistoryEntry {
  if (corrections.length === 0) return entry;
  let { occurredAt, payload } = entry;
  for (const c of corrections) {
    occurredAt = c.occurredAt ?? occurredAt;
    payload = c.payload ?? payload;
  }
  return { ...entry, occurredAt, at: occurredAt, payload, corrections: [...corrections] };
}

/** Every entry of `entries` as corrected by the corrections among them. */
export function correctedView(entries: readonly HistoryEntry[]): HistoryEntry[] {
  const bySeq = correctionsIn(entries);
  if (bySeq.size === 0) return [...entries];
  return entries.map((entry) => withCorrections(entry, bySeq.get(entry.seq) ?? []));
}

/** The corrections index kept in the snapshot hash (field `x`): corrected seq → correction seqs. */
export function correctionIndexOf(entries: readonly HistoryEntry[]): Record<string, number[]> {
  const index: Record<string, number[]> = {};
  for (const [seq, list] of correctionsIn(entries)) index[String(seq)] = list.map((c) => c.seq);
  return index;
}
