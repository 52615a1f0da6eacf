import { z } from 'zod';
import { BadRequestError, zodIssues } from './problem.js';
import { ValidationError } from '../shared/errors.js';
import { unitIdSchema } from '../domain/index.js';
import { PHASES } from '../../machines/api.types.js';
import { ELECTION_KINDS } from '../../machines/rules/election-kinds.js';
import { cursorOf } from './page-cursor.js';
export { stateQuerySchema } from '../engine/replay-query.schema.js';

export const unitParamsSchema = z.object({ id: unitIdSchema });

/** Largest event payload, as UTF-8 JSON: an event is a procedural record, not a document store. */
export const MAX_PAYLOAD_BYTES = 64 * 1024;

/**
 * POST /units/:id/events body; the payload is checked against the event's own schema by the engine
 * (which also bounds each text), and here against the size every payload shares.
 */
export const eventBodySchema = z
  .strictObject({
    type: z
      .string()
      .min(3)
      .max(100)
      .regex(/^[a-z][a-z_]*(\.[a-z][a-z_]*)+$/, 'a dotted event type such as plan.submitted'),
    payload: z
      .record(z.string(), z.unknown())
      .default({})
      .refine((p) => Buffer.byteLength(JSON.stringify(p)) <= MAX_PAYLOAD_BYTES, {
        error: `must be at most 64 KB (${MAX_PAYLOAD_BYTES} bytes) of JSON`,
      }),
    occurredAt: z.iso
      .datetime({
        offset: true,
        error: 'an ISO 8601 instant with its offset, e.g. 2020-06-12T09:00:00+07:00',
      })
      .optional()
      .meta({
        description:
          'When the step happened (default: now). Not before the unit’s previous event, at most 5 minutes ahead.',
      }),
  })
  .meta({ id: 'EventSubmission' });

/** One row of `POST /events:batch`: exactly one event for one unit, with its own idempotency key. */
export const batchRowSchema = z
  .strictObject({
    unitId: unitIdSchema,
    type: eventBodySchema.shape.type,
    payload: eventBodySchema.shape.payload,
    occurredAt: eventBodySchema.shape.occurredAt,
    idempotencyKey: z.string().regex(/^[\x21-\x7e]{1,200}$/, 'printable ASCII, 1–200 characters'),
  })
  .meta({ id: 'BatchRow' });

/** `POST /events:batch` as JSON; the rows are read one by one (a bad row is refused alone). */
export const batchBodySchema = z
  .strictObject({
    rows: z
      .array(z.unknown())
      .min(1, 'add one row per event')
      .max(1_000, 'at most 1000 rows per batch: split the file and send each part; nothing was written'),
  })
  .meta({ id: 'Batch' });

/** The event type of a CSV batch (`?type=`) or of a template (`/event-templates/:type`). */
export const batchQuerySchema = z.object({
  type: z
    .string({ error: 'give the event type of the file, e.g. ?type=unit.flagged_difficult' })
    .regex(/^[a-z][a-z_]*(\.[a-z][a-z_]*)+$/, 'a dotted event type such as plan.submitted'),
});

/** `Idempotency-Key` is required on every event POST so a client can always retry safely. */
export const dispatchHeadersSchema = z.object({
  'idempotency-key': z
    .string({ error: 'Idempotency-Key header is required' })
    .regex(/^[\x21-\x7e]{1,200}$/, 'printable ASCII, 1–200 characters'),
  'if-match': z
    .string()
    .regex(/^(W\/)?"?\d{1,15}"?$/, 'a version number, optionally quoted like an ETag')
    .transform((v) => Number(v.replace(/\D/g, '')))
    .optional(),
});

export const historyQuerySchema = z.strictObject({
  fromSeq: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

const booleanString = z.enum(['true', 'false']).transform((v) => v === 'true');

export const verifyQuerySchema = z.strictObject({ subtree: booleanString.default(false) });

export const verificationParamsSchema = z.object({ id: z.uuid('a verification id, as in Location') });

/** A recorded ballot round of a unit, as its minutes route names it. */
export const minutesParamsSchema = z.strictObject({
  id: unitIdSchema,
  election: z.enum(ELECTION_KINDS),
  round: z.coerce.number().int().positive().meta({ description: 'The round number, from 1' }),
});

/** jsonl and csv: the log, for auditors; minutes: the vote-count minutes of every recorded round, as HTML. */
export const EXPORT_FORMATS = ['jsonl', 'csv', 'minutes'] as const;

export const exportQuerySchema = z.strictObject({
  format: z
    .enum(EXPORT_FORMATS, { error: `must be one of ${EXPORT_FORMATS.join(', ')}` })
    .default('jsonl')
    .meta({
      description: 'jsonl or csv: the hash-chained log; minutes: printable vote-count minutes (HTML)',
    }),
});

const isoInstant = z.iso.datetime({ offset: true, error: 'an ISO 8601 instant with its offset' });

/**
 * GET /alerts. Without `acknowledged` (or the older `includeAcked`), open alerts only, as before;
 * `acknowledged=true` lists acknowledged ones only, `includeAcked=true` both.
 */
export const alertsQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(1_000).default(100),
  cursor: cursorOf(z.object({ fireAt: z.number().int(), id: z.string().min(1) })).optional(),
  kind: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .meta({ description: 'Deadline kind (plan.approval), or digest' }),
  unitId: unitIdSchema.optional(),
  acknowledged: booleanString.optional(),
  includeAcked: booleanString.optional(),
  from: isoInstant.optional().meta({ description: 'Fired at or after this instant' }),
  to: isoInstant.optional().meta({ description: 'Fired at or before this instant' }),
});

/** POST /alerts/ack: acknowledge several alerts at once (each answered on its own). */
export const bulkAckBodySchema = z
  .strictObject({ ids: z.array(z.string().min(1).max(256)).min(1).max(1_000) })
  .meta({ id: 'BulkAcknowledgement' });

/** GET /units/:id/children: one page of direct subordinates, filtered and sorted. */
export const childrenQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(1_000).default(100),
  cursor: cursorOf(z.object({ id: z.string(), due: z.string().optional() })).optional(),
  q: z.string().min(1).max(100).optional().meta({ description: 'Part of the name or id, any case' }),
  phase: z.enum(PHASES).optional(),
  block: z.string().min(1).max(50).optional(),
  atRisk: booleanString.optional(),
  sort: z.enum(['id', 'due']).default('id'),
});

/** GET /me/work: the waiting list, a page at a time. */
export const workQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(1_000).default(100),
  cursor: cursorOf(z.object({ offset: z.number().int().nonnegative() })).optional(),
});

/** GET /units/:id/at-risk: units at risk in the subtree, a page at a time. */
export const atRiskQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(1_000).default(100),
  cursor: cursorOf(z.object({ after: z.string() })).optional(),
});

/** `Last-Event-ID`, which a reconnecting SSE client sends: the id of the last alert it received. */
export const streamHeadersSchema = z.object({
  'last-event-id': z.string().min(1).max(256).optional(),
});

export const alertParamsSchema = z.object({ id: z.string().min(1).max(256) });

export const tokenParamsSchema = z.object({
  id: z.string().regex(/^tok_[0-9a-f]{12}$/, 'a token id such as tok_0123456789ab'),
});

/** Parses a request part: a bad body is 422 (invalid content); a bad query, path or header is 400. */
export function parseRequest<T extends z.ZodType>(
  schema: T,
  value: unknown,
  where: 'body' | 'query' | 'params' | 'headers',
): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = zodIssues(result.error, where);
  const detail = `Invalid ${where}: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`;
  throw where === 'body' ? new ValidationError(detail, issues) : new BadRequestError(detail, issues);
}
