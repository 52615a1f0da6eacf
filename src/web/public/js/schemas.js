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

export const unitViewSchema = z.object({
  unit: orgUnit,
  version: z.number(),
  phase: z.string(),
  flags,
  state: z.unknown(),
  allowedEvents: z.array(
    z.object({ type: z.string(), allowed: z.boolean(), reason: z.optional(z.string()) }),
  ),
  deadlines: z.array(deadline),
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

export const childrenSchema = z.object({ children: z.array(childStatus) });

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
  actor: z.object({ id: z.string(), role: z.string(), principalId: z.optional(z.string()) }),
  at: z.string(),
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
});

export const alertsSchema = z.object({ alerts: z.array(alertSchema) });

export const catalogueSchema = z.object({
  events: z.record(z.string(), z.object({ vi: z.string(), en: z.string(), roles: z.array(z.string()) })),
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
/** @typedef {z.infer<typeof progressSchema>} Progress */
/** @typedef {z.infer<typeof historyEntry>} HistoryEntry */
/** @typedef {z.infer<typeof historyPageSchema>} HistoryPage */
/** @typedef {z.infer<typeof replaySchema>} Replay */
/** @typedef {z.infer<typeof verifySchema>} Verify */
/** @typedef {z.infer<typeof alertSchema>} Alert */
/** @typedef {z.infer<typeof catalogueSchema>} Catalogue */
