import { OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { verificationViewSchema } from '../jobs/verifications.port.js';
import type { EventDefinition } from '../../machines/api.types.js';
import { tokenRequestSchema } from '../auth/principal.schema.js';
import * as out from './response.schemas.js';
import * as input from './schemas.js';
import { registerAccountPaths } from './openapi-accounts.js';
import { registerWorkbenchPaths } from './openapi.workbench.js';
import { registerElectionPaths } from './openapi.elections.js';

type Responses = RouteConfig['responses'];

const json = (schema: z.ZodType, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: out.problemSchema } },
});

/** Statuses every authenticated route can answer. */
const common: Responses = {
  400: problem('Malformed request: bad JSON, query, path or header'),
  401: problem('Missing or invalid bearer token or session; `token_expired` for an expired token'),
  403: problem('Outside the caller’s role or scope'),
  404: problem('Unknown unit or route'),
  429: problem('Rate limit exceeded for this token'),
};

/** Request body of an event POST: one alternative per catalogued event, with its payload schema. */
function eventBody(catalogue: Record<string, EventDefinition>): z.ZodType {
  const variants = Object.values(catalogue).map((def) =>
    z.object({ type: z.literal(def.type), payload: def.schema }).meta({
      title: def.type,
      description: `${def.label.en} — ${def.label.vi}. Roles: ${def.roles.join(', ')}`,
    }),
  );
  const [first, ...rest] = variants;
  return first === undefined ? input.eventBodySchema : z.discriminatedUnion('type', [first, ...rest]);
}

const unitPath = (suffix: string) => `/api/v1/units/{id}${suffix}`;
const params = input.unitParamsSchema;

function registerUnitPaths(registry: OpenAPIRegistry, catalogue: Record<string, EventDefinition>): void {
  const get = (path: string, summary: string, ok: Responses[number], query?: z.ZodObject) =>
    registry.registerPath({
      method: 'get',
      path,
      summary,
      security: [{ bearer: [] }],
      request: { params, ...(query ? { query } : {}) },
      responses: { 200: ok, ...common },
    });
  get(
    unitPath(''),
    'Current state, phase, allowed events, open deadlines; ETag is the version',
    json(out.unitViewSchema, 'The unit'),
  );
  registry.registerPath({
    method: 'post',
    path: unitPath('/events'),
    summary: 'Append an event to the unit’s log',
    security: [{ bearer: [] }],
    request: {
      params,
      headers: input.dispatchHeadersSchema,
      body: { required: true, content: { 'application/json': { schema: eventBody(catalogue) } } },
    },
    responses: {
      201: json(out.dispatchResultSchema, 'Appended'),
      200: json(out.dispatchResultSchema, 'Idempotent replay: the original result, nothing appended'),
      ...common,
      409: problem(
        'Event not allowed in this state (lists allowed events), stale If-Match, or Idempotency-Key reused with another body',
      ),
      413: problem('Body too large'),
      422: problem('Payload invalid for this event type'),
    },
  });
  get(
    unitPath('/history'),
    'The hash-chained log, paged',
    json(out.historyPageSchema, 'A page'),
    input.historyQuerySchema,
  );
  get(
    unitPath('/state'),
    'State replayed at an instant (at) or log position (seq); give exactly one',
    json(out.replayedStateSchema, 'Replayed'),
    input.stateQuerySchema,
  );
  registry.registerPath({
    method: 'get',
    path: unitPath('/verify'),
    summary:
      'Verify the hash chain and replay; a subtree of more than 1,000 units is verified in the background (202, Location)',
    security: [{ bearer: [] }],
    request: { params, query: input.verifyQuerySchema },
    responses: {
      200: json(out.verifyResponseSchema, 'Reports'),
      202: json(verificationViewSchema, 'Started in the background: poll Location'),
      ...common,
      409: problem('A verification of the caller is already running (`verification_running`)'),
    },
  });
  registry.registerPath({
    method: 'post',
    path: unitPath('/verifications'),
    summary: 'Verify the unit’s subtree in the background (one running per principal)',
    security: [{ bearer: [] }],
    request: { params },
    responses: {
      202: json(verificationViewSchema, 'Started: poll Location'),
      ...common,
      409: problem('A verification of the caller is already running (`verification_running`)'),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/verifications/{id}',
    summary: 'A background verification: progress, then its result',
    security: [{ bearer: [] }],
    request: { params: input.verificationParamsSchema },
    responses: { 200: json(verificationViewSchema, 'The run'), ...common },
  });
  get(
    unitPath('/progress'),
    'Subtree completion by level and block',
    json(out.progressResponseSchema, 'Progress'),
  );
  get(
    unitPath('/export'),
    'Full history as JSON lines or CSV; or the vote-count minutes of every recorded round (format=minutes)',
    {
      description:
        'jsonl: application/x-ndjson stream; csv: text/csv stream; minutes: one printable Vietnamese HTML document (<unit>.minutes.html), a round per A4 page in log order',
      content: {
        'application/x-ndjson': { schema: z.string() },
        'text/csv': { schema: z.string() },
        'text/html': { schema: z.string() },
      },
    },
    input.exportQuerySchema,
  );
}

function registerOtherPaths(registry: OpenAPIRegistry): void {
  const secured = { security: [{ bearer: [] }] };
  registry.registerPath({
    method: 'get',
    path: '/api/v1/me',
    summary: 'The caller’s role and scope, and the unit a client should start from',
    ...secured,
    responses: {
      200: json(out.meSchema, 'The principal'),
      401: common[401]!,
      429: common[429]!,
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/v1/alerts/{id}/ack',
    summary: 'Acknowledge an alert',
    ...secured,
    request: { params: input.alertParamsSchema },
    responses: { 200: json(out.alertSchema, 'Acknowledged'), ...common },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/alerts/stream',
    summary:
      'Server-Sent Events: `event: alert`, JSON data; `Last-Event-ID` replays what was missed (`event: gap` when too old)',
    ...secured,
    request: { headers: input.streamHeadersSchema },
    responses: {
      200: { description: 'text/event-stream' },
      ...common,
      429: problem('Too many live streams for this token or this server (`too_many_streams`, Retry-After)'),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/v1/import',
    summary: 'Import or update the organisation tree (admin)',
    ...secured,
    request: {
      body: { content: { 'text/csv': { schema: z.string() }, 'application/json': { schema: z.unknown() } } },
    },
    responses: {
      200: json(out.importReportSchema, 'Import report'),
      ...common,
      413: problem('Body too large'),
      422: problem('Invalid rows, each named by line and field'),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/tokens',
    summary: 'List tokens (admin; never the token values)',
    ...secured,
    responses: { 200: json(out.tokenListSchema, 'Tokens'), ...common },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/v1/tokens',
    summary: 'Issue a token (admin); the value is shown once',
    ...secured,
    request: { body: { content: { 'application/json': { schema: tokenRequestSchema } } } },
    responses: {
      201: json(out.tokenCreatedSchema, 'Issued'),
      ...common,
      422: problem('Role and scope do not fit'),
    },
  });
  registry.registerPath({
    method: 'delete',
    path: '/api/v1/tokens/{id}',
    summary: 'Revoke a token (admin)',
    ...secured,
    request: { params: input.tokenParamsSchema },
    responses: { 204: { description: 'Revoked' }, ...common },
  });
  registry.registerPath({
    method: 'get',
    path: '/readyz',
    summary: 'Ready when Redis answers PING',
    responses: { 200: { description: 'Ready' }, 503: { description: 'Redis unreachable' } },
  });
}

/** The OpenAPI 3.1 document, generated from the same zod schemas the routes parse with. */
export function buildOpenApiDocument(catalogue: Record<string, EventDefinition>) {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  registerUnitPaths(registry, catalogue);
  registerOtherPaths(registry);
  registerAccountPaths(registry);
  registerWorkbenchPaths(registry, common);
  registerElectionPaths(registry, common);
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'congress-engine API',
      version: '1.0.0',
      description: 'Congress procedures of a hierarchical Party organisation.',
    },
  });
}
