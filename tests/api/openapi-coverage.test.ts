/**
 * The OpenAPI document against the routes the app really mounts: every method and path under
 * /api/v1 is documented, and the documented evaluate answer is what the route answers.
 */
import type { RequestListener } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './api-harness.js';
import { evaluateAnswerSchema } from '../../src/api/openapi.elections.js';

/** The parts of Express's router (`router` 2.x) that say what is mounted where. */
interface Layer {
  rawPath?: unknown;
  route?: { path: string; methods: Record<string, boolean> };
  handle: { stack?: Layer[] };
}

/** "get /api/v1/units/{id}" for every route under the router stack, mount paths included. */
function mountedRoutes(stack: Layer[], prefix = ''): string[] {
  return stack.flatMap((layer) => {
    if (layer.route) {
      const path = `${prefix}${layer.route.path}`
        // ":id" is a parameter, "\:" a literal colon (events:batch).
        .replace(/(?<!\\):(\w+)/g, '{$1}')
        .replace(/\\:/g, ':');
      return Object.keys(layer.route.methods).map((method) => `${method} ${path.replace(/\/$/, '')}`);
    }
    const mount = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
    return layer.handle.stack ? mountedRoutes(layer.handle.stack, prefix + mount) : [];
  });
}

describe('OpenAPI coverage of the mounted routes', () => {
  let t: TestApp;
  let documented: string[];
  beforeAll(async () => {
    t = await startTestApp();
    const doc = (await t.http().get('/api/v1/openapi.json')).body as { paths: Record<string, object> };
    documented = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method} ${path}`),
    );
  });
  afterAll(async () => t.close());

  it('when the app is started, then every route it mounts under /api/v1 is in the OpenAPI document', () => {
    const app = t.server.listeners('request')[0] as RequestListener & { router: { stack: Layer[] } };
    const mounted = mountedRoutes(app.router.stack).filter(
      (route) => route.includes(' /api/v1/') && route !== 'get /api/v1/openapi.json',
    );
    // The walk must see the routes this document is about, or it proves nothing.
    expect(mounted).toEqual(
      expect.arrayContaining([
        'post /api/v1/elections/evaluate',
        'get /api/v1/units/{id}/elections/{election}/rounds/{round}/minutes',
        'get /api/v1/units/{id}/export',
      ]),
    );
    expect(mounted.filter((route) => !documented.includes(route))).toEqual([]);
  });

  it('when the export is documented, then its format lists minutes beside jsonl and csv, with an HTML answer', async () => {
    const doc = (await t.http().get('/api/v1/openapi.json')).body as {
      paths: Record<string, { get: { parameters: { name: string; schema: { enum?: string[] } }[] } }>;
    };
    const exportGet = doc.paths['/api/v1/units/{id}/export']!.get;
    const format = exportGet.parameters.find((p) => p.name === 'format');
    expect(format?.schema.enum).toEqual(['jsonl', 'csv', 'minutes']);
    expect(JSON.stringify(exportGet)).toContain('text/html');
  });

  it('when evaluate answers, then the answer matches its documented schema, and the request schema is the one the route parses with', async () => {
    const res = await t
      .http()
      .post('/api/v1/elections/evaluate')
      .set('Authorization', `Bearer ${t.token.auditor}`)
      .send({
        ruleSetId: '2020-2025',
        congressKind: 'member',
        election: 'committee',
        summoned: 11,
        present: 10,
        ballots: { issued: 10, collected: 10, valid: 10, invalid: 0 },
        seats: 2,
        votes: [
          { candidateId: 'an', votes: 6 },
          { candidateId: 'binh', votes: 6 },
          { candidateId: 'chi', votes: 5 },
        ],
      });
    expect(res.status).toBe(200);
    expect(evaluateAnswerSchema.safeParse(res.body).error).toBeUndefined();
    const doc = (await t.http().get('/api/v1/openapi.json')).body as {
      components: { schemas: Record<string, { required?: string[]; additionalProperties?: boolean }> };
    };
    expect(doc.components.schemas.ElectionRound).toMatchObject({
      required: ['congressKind', 'election', 'summoned', 'present', 'ballots', 'seats', 'votes'],
      additionalProperties: false,
    });
  });
});
