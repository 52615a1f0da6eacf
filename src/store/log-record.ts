/**
 * The two forms of a log record, as hashed and stored, and the one history view both read as.
 *
 * - Form 1 (machine version 1 and earlier): `at` (business time) and an actor `{ id, role,
 *   principalId? }` where `id` is the acting team.
 * - Form 2: `occurredAt` (when it happened, as given), `recordedAt` (the server's clock), `late`,
 *   `backfilled`, `childOccurredAt` on cascades, and an actor `{ kind, principalId, role, scope,
 *   assignmentId? }`.
 *
 * Both stay readable for good: verify hashes each exactly as it was stored. See docs/persistence.md.
 */
import { z } from 'zod';
import { EVENT_ROLES } from '../../machines/domain.js';
import { scopeOfTeamId, teamIdOf } from '../domain/actor-scope.js';
import type { HistoryEntry } from '../domain/index.js';

const role = z.enum(EVENT_ROLES);

const common = {
  seq: z.number().int().positive(),
  type: z.string(),
  payload: z.record(z.string(), z.unknown()),
  machineVersion: z.number().int(),
  prevHash: z.string(),
  hash: z.string(),
};

/** A record as form 1 stored it. */
export const recordV1Schema = z.object({
  ...common,
  actor: z.object({ id: z.string(), role, principalId: z.string().optional() }),
  at: z.string(),
});
export type RecordV1 = z.infer<typeof recordV1Schema>;

/** The actor as form 2 stores it. */
export const recordActorSchema = z.object({
  kind: z.enum(['token', 'account', 'system']),
  principalId: z.string(),
  role,
  scope: z.string(),
  assignmentId: z.string().optional(),
});

/** A record as form 2 stores it. */
export const recordV2Schema = z.object({
  ...common,
  actor: recordActorSchema,
  occurredAt: z.string(),
  recordedAt: z.string(),
  late: z.boolean(),
  backfilled: z.boolean(),
  childOccurredAt: z.string().optional(),
});
export type RecordV2 = z.infer<typeof recordV2Schema>;

/** Either stored form; form 2 is told by its `occurredAt`. */
export type StoredRecord = RecordV1 | RecordV2;

/** Parses a stored record in whichever form it was written; throws on anything else. */
export function parseStoredRecord(value: unknown): StoredRecord {
  const isV2 = typeof value === 'object' && value !== null && 'occurredAt' in value;
  return isV2 ? recordV2Schema.parse(value) : recordV1Schema.parse(value);
}

/** The history view of a stored record (see HistoryEntry for how form 1 reads). */
export function toHistoryEntry(record: StoredRecord): HistoryEntry {
  const { seq, type, payload, machineVersion, prevHash, hash } = record;
  const base = { seq, type, payload, machineVersion, prevHash, hash };
  if (!('occurredAt' in record)) {
    const { id, role: acting, principalId } = record.actor;
    const actor = {
      kind: acting === 'system' ? ('system' as const) : ('token' as const),
      principalId: principalId ?? id,
      role: acting,
      scope: scopeOfTeamId(acting, id),
      id,
    };
    return {
      ...base,
      actor,
      occurredAt: record.at,
      recordedAt: null,
      late: false,
      backfilled: false,
      at: record.at,
    };
  }
  const actor = { ...record.actor, id: teamIdOf(record.actor.role, record.actor.scope) };
  return {
    ...base,
    actor,
    occurredAt: record.occurredAt,
    recordedAt: record.recordedAt,
    late: record.late,
    backfilled: record.backfilled,
    ...(record.childOccurredAt === undefined ? {} : { childOccurredAt: record.childOccurredAt }),
    at: record.occurredAt,
  };
}
