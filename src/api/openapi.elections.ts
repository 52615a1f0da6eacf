/**
 * OpenAPI paths of the elections: the counting committee's evaluate tool and the vote-count minutes of
 * a recorded round. The request is the zod schema the route parses with; the answer, which the pure
 * evaluator returns as a TypeScript type, is written here and checked against real answers in
 * tests/api/openapi-coverage.test.ts.
 */
import type { OpenAPIRegistry, RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { evaluateRequestSchema } from '../../machines/election/evaluate.js';
import { ELECTION_RULE_IDS } from '../../machines/rules/election-rule-source.js';
import { problemSchema } from './response.schemas.js';
import { minutesParamsSchema } from './schemas.js';

type Responses = RouteConfig['responses'];

const ruleId = z.enum(ELECTION_RULE_IDS);

const ruleSourceSchema = z
  .union([
    z.strictObject({
      source: z.strictObject({ document: z.string(), article: z.string(), url: z.string().optional() }),
    }),
    z.strictObject({ basis: z.literal('local-policy'), setBy: z.string() }),
  ])
  .meta({
    id: 'RuleSource',
    description: 'A national text (document and article) may refuse; local policy only flags',
  });

const names = z.array(z.string());

/** What `POST /api/v1/elections/evaluate` answers. */
export const evaluateAnswerSchema = z
  .strictObject({
    ruleSetId: z.string(),
    base: z.number().int().meta({ description: 'Those summoned minus the regulation’s exclusions' }),
    votesNeeded: z.number().int().meta({ description: 'More than half of the base' }),
    elected: names,
    tiedAtLastSeat: names.meta({ description: 'Tied for the last seat: another round among them' }),
    passedNotSeated: names,
    notElected: names,
    seatsRemaining: z.number().int(),
    outcome: z.enum(['filled', 'tie', 'short']),
    quorate: z.boolean(),
    thresholds: z.array(
      z.strictObject({ id: ruleId, value: z.number(), detail: z.string(), met: z.boolean().optional() }),
    ),
    rules: z.array(z.strictObject({ id: ruleId, source: ruleSourceSchema })),
  })
  .meta({ id: 'ElectionEvaluation' });

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: problemSchema } },
});

/** Registers the paths; `common` are the statuses every authenticated route can answer. */
export function registerElectionPaths(registry: OpenAPIRegistry, common: Responses): void {
  const secured = { security: [{ bearer: [] }] };
  registry.registerPath({
    method: 'post',
    path: '/api/v1/elections/evaluate',
    summary:
      'Count a ballot round without recording it: who is elected, each threshold, the rules applied with their sources (any signed-in role)',
    ...secured,
    request: {
      body: {
        required: true,
        content: { 'application/json': { schema: evaluateRequestSchema.meta({ id: 'ElectionRound' }) } },
      },
    },
    responses: {
      200: {
        description: 'The evaluation',
        content: { 'application/json': { schema: evaluateAnswerSchema } },
      },
      ...common,
      422: problem('The round cannot be counted: each error names the field and the rule with its source'),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/units/{id}/elections/{election}/rounds/{round}/minutes',
    summary:
      'Vote-count minutes (biên bản kiểm phiếu) of a recorded round as a printable Vietnamese HTML page, one A4 sheet; the last such round after a re-election',
    ...secured,
    request: { params: minutesParamsSchema },
    responses: {
      200: { description: 'text/html', content: { 'text/html': { schema: z.string() } } },
      ...common,
      404: problem('Unknown unit, or no such round recorded'),
    },
  });
}
