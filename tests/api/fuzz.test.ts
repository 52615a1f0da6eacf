import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_CATALOGUE } from '../../machines/index.js';
import { digestPrefix, startTestApp, TREE, type RoleName, type TestApp } from './api-harness.js';

const RUNS = 10_000;
const printable = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
  maxLength: 40,
});
const anyText = fc.string({ unit: 'grapheme', maxLength: 40 });

/** A unit id: a real one, a near miss, or junk (URL-encoded so it reaches the route). */
const unitId = fc
  .oneof(fc.constantFrom(...TREE.map((u) => u.id)), fc.constantFrom('c1', 'C1 ', 'D1/..', '%00'), anyText)
  .map(encodeURIComponent);

/** Always-invalid payloads: every payload schema is strict, so an unknown key is refused. */
const payload = fc.oneof(
  fc.dictionary(printable, fc.jsonValue(), { maxKeys: 3 }).map((d) => ({ ...d, __fuzz: true })),
  fc.jsonValue(),
);
const eventType = fc.oneof(fc.constantFrom(...Object.keys(EVENT_CATALOGUE)), anyText);
const jsonBody = fc.oneof(
  fc.record({ type: eventType, payload }, { requiredKeys: [] }),
  fc.record({ type: eventType, payload, extra: fc.jsonValue() }),
  fc.jsonValue(),
);
/** Raw text sent as JSON: mostly not JSON at all. */
const rawBody = fc.oneof(
  anyText,
  fc.jsonValue().map((v) => JSON.stringify(v).slice(0, -1)),
);

const query = fc.dictionary(
  fc.constantFrom('fromSeq', 'limit', 'at', 'seq', 'subtree', 'format', 'includeAcked', 'x'),
  anyText,
  { maxKeys: 3 },
);

const role = fc.constantFrom<RoleName | 'garbage'>(
  'admin',
  'secretary',
  'working_group',
  'standing_committee',
  'inspection',
  'auditor',
  'garbage',
);
const contentType = fc.constantFrom(
  'application/json',
  'text/csv',
  'text/plain',
  'application/x-www-form-urlencoded',
  'application/json; charset=latin1',
);
const body = fc.oneof(
  jsonBody.map((b) => JSON.stringify(b) ?? 'null'),
  rawBody,
);

/** Anything at all: method, path, query, headers and body drawn independently. */
const anyRequest = fc.record({
  method: fc.constantFrom('GET', 'POST', 'DELETE'),
  path: fc.oneof(
    fc
      .tuple(
        unitId,
        fc.constantFrom(
          '',
          '/events',
          '/history',
          '/state',
          '/verify',
          '/progress',
          '/children',
          '/export',
          '/nope',
        ),
      )
      .map(([id, suffix]) => `/api/v1/units/${id}${suffix}`),
    fc.constantFrom('/api/v1/alerts', '/api/v1/import', '/api/v1/tokens', '/api/v1/unknown'),
    printable.map((id) => `/api/v1/alerts/${encodeURIComponent(id)}/ack`),
    printable.map((id) => `/api/v1/tokens/${encodeURIComponent(id)}`),
  ),
  query,
  role,
  idempotencyKey: fc.option(printable, { nil: undefined }),
  ifMatch: fc.option(printable, { nil: undefined }),
  contentType,
  body,
});

/** Well-addressed writes with bad content, so most requests get past routing and auth into validation. */
const targetedWrite = fc.record({
  method: fc.constant('POST'),
  path: fc.oneof(
    fc.constantFrom(...TREE.map((u) => `/api/v1/units/${u.id}/events`)),
    fc.constantFrom('/api/v1/import', '/api/v1/tokens'),
  ),
  query: fc.constant({}),
  role: fc.constantFrom<RoleName>('admin', 'secretary', 'working_group', 'standing_committee'),
  idempotencyKey: fc.option(
    printable.filter((k) => k.length > 0),
    { nil: undefined, freq: 10 },
  ),
  ifMatch: fc.option(fc.oneof(printable, fc.nat(5).map(String)), { nil: undefined, freq: 2 }),
  contentType: fc.constantFrom('application/json', 'application/json', 'text/csv'),
  body,
});

const request = fc.oneof({ arbitrary: targetedWrite, weight: 2 }, { arbitrary: anyRequest, weight: 1 });

describe('fuzzing the API with malformed requests', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      rateLimitPerMinute: 1_000_000,
      authFailuresPerMinute: 1_000_000,
      bodyLimit: '8kb',
    });
  });
  afterAll(async () => t.close());

  it(`when ${RUNS} malformed bodies, params and headers arrive, then every answer is 4xx and Redis is unchanged`, async () => {
    const before = await digestPrefix(t.redis, t.prefix);
    const seen = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        let call = t
          .http()
          [r.method === 'GET' ? 'get' : r.method === 'POST' ? 'post' : 'delete'](r.path)
          .query(r.query);
        call = call.set('Authorization', `Bearer ${r.role === 'garbage' ? 'x'.repeat(43) : t.token[r.role]}`);
        if (r.idempotencyKey !== undefined) call = call.set('Idempotency-Key', r.idempotencyKey);
        if (r.ifMatch !== undefined) call = call.set('If-Match', r.ifMatch);
        const res =
          r.method === 'POST' ? await call.set('Content-Type', r.contentType).send(r.body) : await call;
        seen.set(res.status, (seen.get(res.status) ?? 0) + 1);
        const ok = res.status < 300;
        // Reads of real units may succeed; anything that writes must be refused.
        if (ok) expect(r.method, `${r.method} ${r.path} → ${res.status}`).toBe('GET');
        else
          expect(res.status, `${r.method} ${r.path} → ${res.status} ${res.text.slice(0, 200)}`).toBeLessThan(
            500,
          );
      }),
      { numRuns: RUNS },
    );
    expect(await digestPrefix(t.redis, t.prefix)).toBe(before);
    expect([...seen.keys()].filter((s) => s >= 400).length).toBeGreaterThan(4);
  }, 120_000);
});
