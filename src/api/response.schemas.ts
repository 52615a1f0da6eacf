import { RISK_REASONS } from '../../machines/index.js';
import { z } from 'zod';
import { LEVELS } from '../../machines/domain.js';
import { ASSIGNMENT_ROLES, TOKEN_ROLES } from '../auth/principal.schema.js';
import { verifyReportSchema } from '../engine/verify-report.schema.js';

/** Response shapes, written for the OpenAPI document (the engine's TypeScript types are the source). */
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string(),
    code: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })),
  })
  .catchall(z.unknown())
  .meta({ id: 'Problem', description: 'RFC 9457 problem details; 409 bodies add the allowed events' });

const allowedEventSchema = z.object({
  type: z.string(),
  allowed: z.boolean(),
  reason: z.string().optional(),
});

export const orgUnitSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    level: z.enum(LEVELS),
    block: z.string(),
    parentId: z.string().nullable(),
    workingGroup: z.string().nullable(),
    memberCount: z.number().int(),
    term: z.string(),
    status: z.enum(['dissolved', 'merged']).optional(),
    mergedInto: z.string().optional(),
  })
  .meta({ id: 'OrgUnit' });

export const unitFlagsSchema = z
  .object({
    congressHeld: z.boolean(),
    heldOnTime: z.boolean().meta({ description: 'Held by the directive’s date for its level' }),
    resultsConfirmed: z.boolean().meta({ description: 'Chuẩn y: the superior confirmed the results' }),
    postponed: z.boolean(),
    difficult: z.boolean().meta({ description: 'Có khó khăn, phức tạp: flagged for supervisors' }),
    irregular: z
      .boolean()
      .meta({ description: 'A local-policy rule was breached (recorded and alerted, never refused)' }),
  })
  .meta({ id: 'UnitFlags', description: 'Milestones of the unit’s congress' });

/** Why a unit is at risk (machines/congress/at-risk.ts); empty when it is not. */
const riskReasonsSchema = z
  .array(z.enum(RISK_REASONS))
  .meta({ id: 'RiskReasons', description: 'Why the unit is at risk; empty when it is not' });

/** Pass back as `cursor` for the next page; null on the last page. */
const nextCursorSchema = z.string().nullable();

export const unitViewSchema = z
  .object({
    unit: orgUnitSchema,
    version: z.number().int(),
    phase: z.string(),
    flags: unitFlagsSchema,
    riskReasons: riskReasonsSchema,
    state: z.unknown(),
    allowedEvents: z.array(allowedEventSchema),
    actions: z
      .array(z.string())
      .meta({ description: 'Allowed events the caller may send itself (its role and scope)' }),
    deadlines: z.array(z.record(z.string(), z.unknown())),
    irregularities: z.array(
      z.object({
        rule: z.string().meta({ example: 'clocks.superiorReviewBeforeOpening' }),
        source: z.unknown().meta({ description: 'The rule set’s provenance for the rule' }),
        occurredAt: z.string(),
        seq: z.number().int(),
        message: z
          .string()
          .optional()
          .meta({ description: 'What was found, where the rule alone does not say it (an election count)' }),
        closedAt: z.string().optional().meta({
          description: 'When the superior closed it (irregularity.closed); absent while it is open',
        }),
        closedSeq: z.number().int().optional(),
        closingNote: z.string().optional(),
      }),
    ),
    lastHash: z.string(),
  })
  .meta({ id: 'UnitView' });

export const childStatusSchema = orgUnitSchema
  .extend({
    phase: z.string(),
    version: z.number().int(),
    flags: unitFlagsSchema,
    overdueDeadlines: z
      .number()
      .int()
      .meta({ description: 'Open deadlines already past at the engine’s clock' }),
    riskReasons: riskReasonsSchema,
    nextDueAt: z.string().nullable().meta({ description: 'Earliest due time of its open deadlines' }),
  })
  .meta({ id: 'ChildStatus', description: 'A direct subordinate: its organisation fields and its status' });

export const childrenResponseSchema = z
  .object({ children: z.array(childStatusSchema), nextCursor: nextCursorSchema })
  .meta({ id: 'Children' });

export const atRiskResponseSchema = z
  .object({
    units: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        level: z.string(),
        block: z.string(),
        phase: z.string(),
        riskReasons: riskReasonsSchema,
      }),
    ),
    nextCursor: nextCursorSchema,
  })
  .meta({ id: 'AtRiskUnits' });

const principalShownSchema = z
  .object({
    id: z.string(),
    role: z.enum([...ASSIGNMENT_ROLES, 'system']),
    kind: z.enum(['token', 'account', 'system']).optional(),
    assignmentId: z.string().optional(),
    unitId: z.string().optional(),
    workingGroup: z.string().optional(),
    subtreeOf: z.string().optional(),
  })
  .meta({
    id: 'Principal',
    description:
      'Role and scope of a token, or of the account and the assignment it acts through; never a secret',
  });

export const meSchema = z
  .object({
    principal: principalShownSchema,
    startUnitId: z.string().nullable().meta({
      description:
        'Secretary: own unit; standing committee, inspection, auditor: subtree root; admin: first root; working group: null',
    }),
    roots: z.array(z.string()).optional().meta({ description: 'Admin: every unit without a parent' }),
    assignedUnitIds: z
      .array(z.string())
      .optional()
      .meta({ description: 'Working group: the units assigned to it' }),
  })
  .meta({ id: 'Me' });

export const dispatchResultSchema = z
  .object({
    unitId: z.string(),
    duplicate: z.boolean(),
    seq: z.number().int(),
    version: z.number().int(),
    hash: z.string(),
    phase: z.string(),
    cascaded: z.array(z.object({ unitId: z.string(), type: z.string(), seq: z.number().int() })),
  })
  .meta({ id: 'DispatchResult' });

const correctionSchema = z.object({
  seq: z.number().int(),
  occurredAt: z.string().optional(),
  payload: z.record(z.string(), z.unknown()).optional(),
  reason: z.string(),
});

const historyEntrySchema = z.object({
  seq: z.number().int(),
  type: z.string(),
  payload: z.record(z.string(), z.unknown()),
  actor: z.object({
    kind: z.enum(['token', 'account', 'system']),
    principalId: z.string(),
    role: z.string(),
    scope: z.string().meta({ example: 'unit:dd-agencies-01' }),
    assignmentId: z.string().optional(),
    id: z.string().meta({ description: 'the acting team, as the statechart sees it' }),
  }),
  occurredAt: z.string().meta({ description: 'when it happened, as given by the person recording it' }),
  recordedAt: z
    .string()
    .nullable()
    .meta({ description: "the server's clock; null on entries written before it was kept" }),
  late: z.boolean(),
  backfilled: z.boolean(),
  childOccurredAt: z.string().optional(),
  at: z.string().meta({ description: 'same as occurredAt (earlier clients)' }),
  machineVersion: z.number().int(),
  prevHash: z.string(),
  hash: z.string(),
  corrections: z.array(correctionSchema).optional(),
});

export const historyPageSchema = z
  .object({ entries: z.array(historyEntrySchema), nextSeq: z.number().int().nullable() })
  .meta({ id: 'HistoryPage' });

export const replayedStateSchema = z
  .object({
    seq: z.number().int(),
    phase: z.string(),
    snapshot: z.record(z.string(), z.unknown()),
    by: z.enum(['occurred', 'recorded']).optional(),
    corrections: z.array(z.object({ seq: z.number().int(), correctedBy: z.array(z.number().int()) })),
  })
  .meta({ id: 'ReplayedState' });

export const verifyResponseSchema = z
  .object({ ok: z.boolean(), reports: z.array(verifyReportSchema) })
  .meta({ id: 'VerifyResponse' });

const totalsSchema = z.object({
  done: z.number().int(),
  total: z.number().int(),
  percent: z.number(),
  onTime: z.number().int(),
  atRisk: z.number().int(),
  draftsDiscussed: z.object({ national: z.number().int(), superior: z.number().int() }),
  formatted: z.string().meta({ example: '81/82 (98,78%)' }),
  onTimeFormatted: z.string(),
});

export const progressResponseSchema = z
  .object({
    rows: z.array(
      totalsSchema.extend({
        level: z.enum(LEVELS),
        block: z.string(),
        byPhase: z.record(z.string(), z.number()),
      }),
    ),
    byLevel: z.array(totalsSchema.extend({ level: z.enum(LEVELS) })),
  })
  .meta({ id: 'Progress' });

export const importReportSchema = z
  .object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int() })
  .meta({ id: 'ImportReport' });

const tokenShownSchema = z.object({
  id: z.string(),
  label: z.string().optional(),
  createdAt: z.string(),
  expiresAt: z.string().nullable().optional().meta({ description: 'null: never expires' }),
  lastUsedAt: z.string().nullable().optional().meta({ description: 'to the minute; null: never used' }),
  accountId: z.string().optional(),
  principal: z.object({
    id: z.string(),
    role: z.enum(TOKEN_ROLES),
    unitId: z.string().optional(),
    workingGroup: z.string().optional(),
    subtreeOf: z.string().optional(),
  }),
});

export const tokenListSchema = z.object({ tokens: z.array(tokenShownSchema) }).meta({ id: 'TokenList' });
export const tokenCreatedSchema = tokenShownSchema
  .extend({ token: z.string().meta({ description: 'Shown once; only its SHA-256 is stored' }) })
  .meta({ id: 'TokenCreated' });

export const alertSchema = z.object({ id: z.string() }).catchall(z.unknown()).meta({ id: 'Alert' });

export const alertsPageSchema = z
  .object({ alerts: z.array(alertSchema), nextCursor: nextCursorSchema })
  .meta({ id: 'AlertsPage' });

export const bulkAckResultSchema = z
  .object({
    results: z.array(
      z.object({
        id: z.string(),
        acknowledged: z.boolean(),
        status: z.number().int().optional(),
        reason: z.string().optional(),
      }),
    ),
  })
  .meta({ id: 'BulkAcknowledgementResult' });
