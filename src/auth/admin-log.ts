import { hash } from 'node:crypto';
import { z } from 'zod';

/** What an administration-log entry may record. */
export const ADMIN_ACTIONS = [
  'account.created',
  'account.disabled',
  'account.enabled',
  'account.password_reset',
  'assignment.added',
  'assignment.removed',
] as const;
export type AdminAction = (typeof ADMIN_ACTIONS)[number];

/** Who made a change: the principal (token, account or the CLI's local admin) and, for an account, the assignment. */
export const adminActorSchema = z.object({
  kind: z.enum(['token', 'account', 'system']),
  principalId: z.string(),
  role: z.string(),
  assignmentId: z.string().optional(),
});
export type AdminActor = z.infer<typeof adminActorSchema>;

export const adminLogEntrySchema = z.object({
  seq: z.number().int().positive(),
  at: z.string(),
  actor: adminActorSchema,
  action: z.enum(ADMIN_ACTIONS),
  accountId: z.string(),
  username: z.string(),
  /** The assignment added or removed, as a scope label (`unit:C1`…) with its role and id. */
  details: z.record(z.string(), z.string()),
  prevHash: z.string(),
  hash: z.string(),
});
export type AdminLogEntry = z.infer<typeof adminLogEntrySchema>;

/** prevHash of the first entry. */
export const GENESIS = '0'.repeat(64);

/**
 * The entry's hash: SHA-256 over the previous hash and the entry's fields in a fixed order, so the
 * value does not depend on how a JSON writer orders keys.
 */
export function entryHash(entry: Omit<AdminLogEntry, 'hash'>): string {
  const { actor, details } = entry;
  const body = JSON.stringify([
    entry.seq,
    entry.at,
    [actor.kind, actor.principalId, actor.role, actor.assignmentId ?? null],
    entry.action,
    entry.accountId,
    entry.username,
    Object.keys(details)
      .sort()
      .map((key) => [key, details[key]]),
  ]);
  return hash('sha256', `${entry.prevHash}\n${body}`, 'hex');
}

/** The next entry after `head` (null: the log is empty). */
export function chainEntry(
  head: AdminLogEntry | null,
  fields: Omit<AdminLogEntry, 'seq' | 'prevHash' | 'hash'>,
): AdminLogEntry {
  const unsigned = { ...fields, seq: (head?.seq ?? 0) + 1, prevHash: head?.hash ?? GENESIS };
  return { ...unsigned, hash: entryHash(unsigned) };
}

/** What verifying the administration log found. */
export interface AdminLogReport {
  entries: number;
  ok: boolean;
  firstBrokenSeq?: number;
  reason?: string;
}

/** Checks every link: seq in order, prevHash equal to the previous hash, hash recomputed. */
export function verifyAdminLog(entries: readonly AdminLogEntry[]): AdminLogReport {
  let prev = GENESIS;
  for (const [index, entry] of entries.entries()) {
    const broken = (reason: string): AdminLogReport => ({
      entries: entries.length,
      ok: false,
      firstBrokenSeq: index + 1,
      reason,
    });
    if (entry.seq !== index + 1) return broken(`entry ${index + 1} has seq ${entry.seq}`);
    if (entry.prevHash !== prev) return broken(`entry ${entry.seq} does not follow entry ${index}`);
    if (entryHash(entry) !== entry.hash) return broken(`entry ${entry.seq} was altered`);
    prev = entry.hash;
  }
  return { entries: entries.length, ok: true };
}
