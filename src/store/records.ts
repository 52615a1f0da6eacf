/**
 * zod schemas of everything read back from Redis, so a corrupted or foreign value fails loudly at
 * the store boundary instead of deep inside the engine.
 */
import { z } from 'zod';
import {
  PHASES,
  type MachineEffect,
  type PersistedCongressSnapshot,
  type UnitInput,
} from '../../machines/api.types.js';
import { LEVELS, type Deadline } from '../../machines/domain.js';
import type { OrgUnit } from '../domain/index.js';

export const phaseSchema = z.enum(PHASES);

const json = <T extends z.ZodType>(schema: T) =>
  z.string().transform((text, ctx): z.infer<T> => {
    try {
      return schema.parse(JSON.parse(text));
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: `invalid stored JSON: ${String(error)}` });
      return z.NEVER;
    }
  });

export const unitInputSchema = z.object({
  unitId: z.string(),
  level: z.enum(LEVELS),
  block: z.string(),
  memberCount: z.number().int().nonnegative(),
  fullMemberCount: z.number().int().nonnegative().optional(),
  ruleSetId: z.string(),
  subordinateIds: z.array(z.string()),
  openedAt: z.string(),
}) satisfies z.ZodType<UnitInput>;

/** A unit's organisation hash, with the ancestor ids cached at import (nearest first). */
export const storedUnitSchema = z
  .object({
    id: z.string().min(1),
    name: z.string(),
    level: z.enum(LEVELS),
    block: z.string(),
    parentId: z.string(),
    workingGroup: z.string(),
    memberCount: z.coerce.number().int().nonnegative(),
    // Written only when the import gives full members; older hashes lack it.
    fullMemberCount: z.coerce.number().int().nonnegative().optional(),
    term: z.string(),
    // Written only once a unit is dissolved or merged; older hashes lack it and are active.
    status: z.enum(['dissolved', 'merged']).optional(),
    mergedInto: z.string().optional(),
    ancestors: json(z.array(z.string())),
    input: json(unitInputSchema),
  })
  .transform((raw) => ({
    unit: {
      id: raw.id,
      name: raw.name,
      level: raw.level,
      block: raw.block,
      parentId: raw.parentId === '' ? null : raw.parentId,
      workingGroup: raw.workingGroup === '' ? null : raw.workingGroup,
      memberCount: raw.memberCount,
      ...(raw.fullMemberCount === undefined ? {} : { fullMemberCount: raw.fullMemberCount }),
      term: raw.term,
      ...(raw.status === undefined ? {} : { status: raw.status }),
      ...(raw.mergedInto === undefined ? {} : { mergedInto: raw.mergedInto }),
    } satisfies OrgUnit,
    ancestorIds: raw.ancestors,
    input: raw.input,
  }));
export type StoredUnit = z.output<typeof storedUnitSchema>;

/** Serialises a unit for its organisation hash (the inverse of `storedUnitSchema`). */
export function unitHashFields(
  unit: OrgUnit,
  ancestorIds: readonly string[],
  input: UnitInput,
): Record<string, string> {
  return {
    id: unit.id,
    name: unit.name,
    level: unit.level,
    block: unit.block,
    parentId: unit.parentId ?? '',
    workingGroup: unit.workingGroup ?? '',
    memberCount: String(unit.memberCount),
    ...(unit.fullMemberCount === undefined ? {} : { fullMemberCount: String(unit.fullMemberCount) }),
    term: unit.term,
    ...(unit.status === undefined ? {} : { status: unit.status }),
    ...(unit.mergedInto === undefined ? {} : { mergedInto: unit.mergedInto }),
    ancestors: JSON.stringify(ancestorIds),
    input: JSON.stringify(input),
  };
}

export const snapshotSchema = z.object({
  machineVersion: z.number().int(),
  status: z.enum(['active', 'done']),
  value: z.unknown(),
  context: z.record(z.string(), z.unknown()),
}) satisfies z.ZodType<PersistedCongressSnapshot>;

export const milestonesSchema = z.object({
  congressHeld: z.boolean(),
  congressHeldAt: z.string().optional(),
  heldOnTime: z.boolean(),
  resultsConfirmed: z.boolean(),
  postponed: z.boolean(),
  difficult: z.boolean(),
  // Kept since the one definition of "at risk"; absent on units last written before.
  annulled: z.boolean().optional(),
  openIrregularities: z.number().int().nonnegative().optional(),
  openComplaints: z.number().int().nonnegative().optional(),
  overdue: z.array(z.string()).optional(),
  irregular: z.boolean().optional(),
  draftsDiscussed: z
    .object({ national: z.boolean().optional(), superior: z.boolean().optional() })
    .optional(),
});

/** A unit's snapshot hash: snapshot, version (= last seq), head hash, phase, milestone flags. */
export const storedSnapSchema = z
  .object({
    s: json(snapshotSchema),
    v: z.coerce.number().int(),
    h: z.string(),
    p: phaseSchema,
    m: json(milestonesSchema),
    // Bumped by every organisation write of the unit (org-store.ts); absent until the first one.
    o: z.coerce.number().int().nonnegative().optional(),
    // When the last event occurred; absent on units last written before the record kept both times.
    t: z.string().optional(),
    // Corrected seqs → the seqs of their `record.corrected` entries; absent until the first correction.
    x: json(z.record(z.string(), z.array(z.number().int().positive()))).optional(),
  })
  .transform((raw) => ({
    snapshot: raw.s,
    version: raw.v,
    head: raw.h,
    phase: raw.p,
    milestones: raw.m,
    orgRevision: raw.o ?? 0,
    lastOccurredAt: raw.t,
    corrections: raw.x ?? {},
  }));
export type StoredSnap = z.output<typeof storedSnapSchema>;

const deadlineSchema = z.object({
  kind: z.string(),
  step: z.string(),
  enteredSeq: z.number().int(),
  owner: z.enum(['unit', 'superior']),
  dueAt: z.string(),
  reminders: z.array(z.object({ workingDaysBefore: z.number(), at: z.string() })),
  escalations: z.array(
    z.object({
      workingDaysAfter: z.number(),
      at: z.string(),
      recipient: z.enum(['working_group', 'superior_standing_committee', 'level_above']),
    }),
  ),
}) satisfies z.ZodType<Deadline>;

export const deadlineSetSchema = json(z.array(deadlineSchema));

/** Machine effects remembered with an idempotency record (see MachineEffect). */
export const effectsSchema = json(
  z.array(
    z.union([
      z.object({ type: z.literal('notify_parent'), kind: z.literal('congress_held'), heldAt: z.string() }),
      z.object({
        type: z.literal('notify_parent'),
        kind: z.literal('results_confirmed'),
        confirmedAt: z.string(),
      }),
      z.object({
        type: z.literal('notify_parent'),
        kind: z.literal('pilot_designated'),
        designatedAt: z.string(),
      }),
      z.object({
        type: z.literal('notify_subordinates'),
        kind: z.enum(['pilots_designated', 'pilot_lessons']),
        at: z.string(),
        unitIds: z.array(z.string()),
      }),
      z.object({ type: z.literal('irregularity'), rule: z.string(), occurredAt: z.string() }),
    ]),
  ),
) satisfies z.ZodType<MachineEffect[], string>;
