/**
 * The shapes the dashboard reads from /api/v1, checked with zod (bundled into the page's script), so a
 * changed or broken answer shows a clear message instead of a half-drawn page.
 */
// A namespace import lets the bundler keep only the functions used; zod's `z` object holds every locale too.
import * as z from 'zod/mini';

// The page's Content-Security-Policy forbids eval; jitless keeps zod from even probing for it.
z.config({ jitless: true });

const orgUnit = z.object({
  id: z.string(),
  name: z.string(),
  level: z.string(),
  block: z.string(),
  parentId: z.nullable(z.string()),
  workingGroup: z.nullable(z.string()),
});

const deadline = z.object({
  kind: z.string(),
  step: z.string(),
  owner: z.enum(['unit', 'superior']),
  dueAt: z.string(),
});

const flags = z.object({
  congressHeld: z.boolean(),
  heldOnTime: z.boolean(),
  resultsConfirmed: z.boolean(),
  postponed: z.boolean(),
  difficult: z.boolean(),
});

/**
 * A local-policy rule breached: flagged for supervisors, never refused. `source` is the rule set's
 * provenance (`{ basis: 'local-policy', setBy }` or `{ source: { document, article } }`).
 */
const irregularity = z.object({
  rule: z.string(),
  source: z.unknown(),
  occurredAt: z.string(),
  seq: z.number(),
  message: z.optional(z.string()),
  // Set once the superior closed it (irregularity.closed).
  closedAt: z.optional(z.string()),
  closedSeq: z.optional(z.number()),
  closingNote: z.optional(z.string()),
});

export const unitViewSchema = z.object({
  unit: orgUnit,
  version: z.number(),
  phase: z.string(),
  flags,
  state: z.unknown(),
  allowedEvents: z.array(
    z.object({ type: z.string(), allowed: z.boolean(), reason: z.optional(z.string()) }),
  ),
  actions: z.optional(z.array(z.string())),
  deadlines: z.array(deadline),
  irregularities: z.optional(z.array(irregularity)),
  lastHash: z.string(),
});

const totals = {
  done: z.number(),
  total: z.number(),
  onTime: z.number(),
  atRisk: z.number(),
};

export const progressSchema = z.object({
  rows: z.array(z.object({ level: z.string(), block: z.string(), ...totals })),
  byLevel: z.array(z.object({ level: z.string(), ...totals })),
});

/** A direct subordinate with its status, as `/children` returns it (one request for all of them). */
const childStatus = z.extend(orgUnit, {
  phase: z.string(),
  version: z.number(),
  flags,
  overdueDeadlines: z.number(),
});

export const childrenSchema = z.object({
  children: z.array(childStatus),
  nextCursor: z.nullable(z.string()),
});

const atRiskUnit = z.object({ id: z.string(), name: z.string(), riskReasons: z.array(z.string()) });
export const atRiskSchema = z.object({ units: z.array(atRiskUnit), nextCursor: z.nullable(z.string()) });

const workStep = z.object({
  kind: z.string(),
  owner: z.enum(['unit', 'superior']),
  by: z.nullable(z.object({ unitId: z.string(), unitName: z.string() })),
  dueAt: z.string(),
});
export const workSchema = z.object({
  items: z.array(
    z.object({
      unitId: z.string(),
      unitName: z.string(),
      phase: z.string(),
      version: z.number(),
      dueAt: z.nullable(z.string()),
      actions: z.array(z.string()),
      owed: z.array(workStep),
      waiting: z.array(workStep),
      riskReasons: z.array(z.string()),
    }),
  ),
  nextCursor: z.nullable(z.string()),
});

export const dispatchSchema = z.object({ seq: z.number(), version: z.number(), duplicate: z.boolean() });

export const batchResultSchema = z.object({
  accepted: z.number(),
  refused: z.number(),
  results: z.array(
    z.object({
      row: z.number(),
      unitId: z.string(),
      status: z.enum(['accepted', 'refused']),
      seq: z.optional(z.number()),
      reason: z.optional(z.string()),
      code: z.optional(z.string()),
      // A refusal in the unit's state names the events it takes now.
      details: z.optional(z.object({ allowed: z.optional(z.array(z.string())) })),
    }),
  ),
});

export const bulkAckSchema = z.object({
  results: z.array(z.object({ id: z.string(), acknowledged: z.boolean(), reason: z.optional(z.string()) })),
});

export const meSchema = z.object({
  principal: z.object({
    id: z.string(),
    role: z.string(),
    unitId: z.optional(z.string()),
    workingGroup: z.optional(z.string()),
    subtreeOf: z.optional(z.string()),
  }),
  startUnitId: z.nullable(z.string()),
  roots: z.optional(z.array(z.string())),
  assignedUnitIds: z.optional(z.array(z.string())),
});

const historyEntry = z.object({
  seq: z.number(),
  type: z.string(),
  actor: z.object({ id: z.string(), role: z.string(), kind: z.string(), principalId: z.string() }),
  occurredAt: z.string(),
  recordedAt: z.nullable(z.string()),
  late: z.boolean(),
  backfilled: z.boolean(),
  corrections: z.optional(z.array(z.object({ seq: z.number(), reason: z.string() }))),
  payload: z.optional(z.record(z.string(), z.unknown())),
  hash: z.string(),
});

export const historyPageSchema = z.object({
  entries: z.array(historyEntry),
  nextSeq: z.nullable(z.number()),
});

export const replaySchema = z.object({
  seq: z.number(),
  phase: z.string(),
  snapshot: z.object({ value: z.unknown() }),
  corrections: z.array(z.object({ seq: z.number(), correctedBy: z.array(z.number()) })),
});

export const verifySchema = z.object({
  ok: z.boolean(),
  reports: z.array(
    z.object({
      unitId: z.string(),
      ok: z.boolean(),
      events: z.number(),
      firstBrokenSeq: z.optional(z.number()),
      reason: z.optional(z.string()),
    }),
  ),
});

export const alertSchema = z.object({
  id: z.string(),
  type: z.string(),
  unitId: z.nullable(z.string()),
  deadline: z.optional(z.object({ kind: z.string(), dueAt: z.string() })),
  rung: z.optional(z.number()),
  fireAt: z.string(),
  createdAt: z.optional(z.string()),
  unitName: z.optional(z.nullable(z.string())),
  ack: z.optional(z.nullable(z.object({ by: z.string(), at: z.string() }))),
});

export const alertsSchema = z.object({
  alerts: z.array(alertSchema),
  nextCursor: z.optional(z.nullable(z.string())),
});

/**
 * The JSON Schema of an event payload (z.toJSONSchema of its zod schema, input side), as far as the
 * generated forms read it. `label` and `enumLabels` are the zod schemas' metadata: the field's name and
 * each enum value's name in both languages.
 * @typedef {{ vi: string, en: string }} Bilingual
 * @typedef {{ type?: string, enum?: unknown[], minLength?: number, maxLength?: number, minimum?: number,
 *   maximum?: number, items?: JsonSchema, properties?: Record<string, JsonSchema>, required?: string[],
 *   default?: unknown, format?: string, label?: Bilingual, enumLabels?: Record<string, Bilingual> }} JsonSchema
 */
const jsonSchema = /** @type {z.ZodMiniType<JsonSchema>} */ (
  /** @type {unknown} */ (z.record(z.string(), z.unknown()))
);

export const catalogueSchema = z.object({
  events: z.record(
    z.string(),
    z.object({ vi: z.string(), en: z.string(), roles: z.array(z.string()), schema: z.optional(jsonSchema) }),
  ),
  procedure: z.array(z.string()),
  sidePhases: z.array(z.string()),
});

export const problemSchema = z.object({
  status: z.optional(z.number()),
  code: z.optional(z.string()),
  detail: z.optional(z.string()),
});

/** @typedef {z.infer<typeof unitViewSchema>} UnitView */
/** @typedef {z.infer<typeof unitViewSchema>['unit']} OrgUnit */
/** @typedef {z.infer<typeof childStatus>} ChildStatus */
/** @typedef {z.infer<typeof meSchema>} Me */
/** @typedef {z.infer<typeof deadline>} Deadline */
/** @typedef {z.infer<typeof irregularity>} Irregularity */
/** @typedef {z.infer<typeof progressSchema>} Progress */
/** @typedef {z.infer<typeof historyEntry>} HistoryEntry */
/** @typedef {z.infer<typeof historyPageSchema>} HistoryPage */
/** @typedef {z.infer<typeof replaySchema>} Replay */
/** @typedef {z.infer<typeof verifySchema>} Verify */
/** @typedef {z.infer<typeof alertSchema>} Alert */
/** @typedef {z.infer<typeof catalogueSchema>} Catalogue */
/** @typedef {z.infer<typeof atRiskUnit>} AtRiskUnit */
/** @typedef {z.infer<typeof workSchema>['items'][number]} WorkItem */
/** @typedef {z.infer<typeof workStep>} WorkStep */
/** @typedef {z.infer<typeof batchResultSchema>} BatchResult */
