/** OpenAPI paths of the bulk and paged routes: events:batch, CSV templates, children, at-risk, alerts. */
import type { OpenAPIRegistry, RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import * as out from './response.schemas.js';
import * as input from './schemas.js';

type Responses = RouteConfig['responses'];

const json = (schema: z.ZodType, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

const batchResultSchema = z
  .object({
    accepted: z.number().int(),
    refused: z.number().int(),
    results: z.array(
      z.object({
        row: z.number().int().meta({ description: 'Row number, from 1 (a CSV file: its data lines)' }),
        unitId: z.string(),
        status: z.enum(['accepted', 'refused']),
        seq: z.number().int().optional(),
        version: z.number().int().optional(),
        duplicate: z.boolean().optional(),
        httpStatus: z
          .number()
          .int()
          .optional()
          .meta({ description: 'What a single POST would have answered' }),
        code: z.string().optional(),
        reason: z.string().optional(),
      }),
    ),
  })
  .meta({ id: 'BatchResult' });

/** Registers the paths; `common` are the statuses every authenticated route can answer. */
export function registerWorkbenchPaths(registry: OpenAPIRegistry, common: Responses): void {
  const secured = { security: [{ bearer: [] }] };
  registry.registerPath({
    method: 'post',
    path: '/api/v1/events:batch',
    summary:
      'Up to 1,000 events, each row its own append: answered row by row (accepted with seq, or refused with the reason; a refused row writes nothing)',
    ...secured,
    request: {
      query: z.object({ type: z.string().optional().meta({ description: 'Event type of a text/csv body' }) }),
      body: {
        required: true,
        content: {
          'application/json': { schema: input.batchBodySchema },
          'text/csv': {
            schema: z.string().meta({ description: 'A filled template (GET /event-templates/{type})' }),
          },
        },
      },
    },
    responses: { 200: json(batchResultSchema, 'Every row answered'), ...common, 422: common[400]! },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/event-templates/{type}',
    summary: 'CSV template of one event type: unitId, occurredAt, idempotencyKey, then the payload fields',
    ...secured,
    request: { params: input.batchQuerySchema },
    responses: { 200: { description: 'text/csv header row' }, ...common },
  });
  const params = input.unitParamsSchema;
  registry.registerPath({
    method: 'get',
    path: '/api/v1/units/{id}/children',
    summary:
      'Direct subordinates with status and risk reasons, filtered and paged (limit default 100, max 1,000; follow nextCursor)',
    ...secured,
    request: { params, query: input.childrenQuerySchema },
    responses: { 200: json(out.childrenResponseSchema, 'A page'), ...common },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/units/{id}/at-risk',
    summary: 'Units of the subtree (itself included) at risk, with why, paged in subtree order',
    ...secured,
    request: { params, query: input.atRiskQuerySchema },
    responses: { 200: json(out.atRiskResponseSchema, 'A page'), ...common },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/alerts',
    summary: 'The caller’s team alert feeds, newest first, filtered and paged (follow nextCursor)',
    ...secured,
    request: { query: input.alertsQuerySchema },
    responses: { 200: json(out.alertsPageSchema, 'A page'), ...common },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/me/work',
    summary:
      'What the caller can do now across its scope, by due time: per unit its actions, the steps it owes and those it waits on',
    ...secured,
    request: { query: input.workQuerySchema },
    responses: { 200: { description: '{ items, nextCursor }' }, ...common },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/v1/alerts/ack',
    summary: 'Acknowledge several alerts; each is answered on its own',
    ...secured,
    request: { body: { content: { 'application/json': { schema: input.bulkAckBodySchema } } } },
    responses: { 200: json(out.bulkAckResultSchema, 'Each alert answered'), ...common },
  });
}
