/**
 * Bodies built to break the server: nesting deep enough to overflow a recursive walk, lone UTF-16
 * surrogates, `__proto__` keys and oversized text. Each gets a 4xx that says what is wrong, and
 * changes nothing; the limits hold exactly at their boundaries.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestPrefix, startTestApp, TREE, type TestApp } from './api-harness.js';

/** `{"a":{"a":…1}}` with `levels` nested objects, as JSON text (too deep for JSON.stringify to build). */
const nested = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;

const LONE_HIGH = '\ud800';
const LONE_LOW = '\udc00';

describe('hostile request bodies', () => {
  let t: TestApp;
  let keyN = 0;
  beforeAll(async () => {
    t = await startTestApp({ bodyLimit: '4mb' });
  });
  afterAll(async () => t.close());

  const post = (body: unknown, raw?: string, unit = 'C1') =>
    t
      .http()
      .post(`/api/v1/units/${unit}/events`)
      .set('Authorization', `Bearer ${t.token.working_group}`)
      .set('Idempotency-Key', `hostile-${++keyN}`)
      .set('Content-Type', 'application/json')
      .send(raw ?? JSON.stringify(body));
  const flag = (payload: unknown, unit = 'C1') =>
    post({ type: 'unit.flagged_difficult', payload }, undefined, unit);
  const flagRaw = (payloadJson: string) =>
    post(undefined, `{"type":"unit.flagged_difficult","payload":${payloadJson}}`);

  /** Sends `body` and expects a 4xx that changed nothing; returns the problem body. */
  async function refused(send: () => PromiseLike<{ status: number; body: Record<string, unknown> }>) {
    const before = await digestPrefix(t.redis, t.prefix);
    const res = await send();
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(await digestPrefix(t.redis, t.prefix)).toBe(before);
    return res;
  }

  it('when a payload nests 10,000 levels deep, then 422 names the nesting limit, not 500', async () => {
    const res = await refused(() => flagRaw(nested(10_000)));
    expect(res.status).toBe(422);
    expect(res.body.detail).toMatch(/nested more than 32 levels/);
  });

  it('when the body nests 32 levels, then the nesting is accepted; at 33, it is refused', async () => {
    // The body itself is the first level, so a payload of 31 nested objects makes 32.
    const at32 = await refused(() => flagRaw(nested(31)));
    expect(at32.body.detail).not.toMatch(/nested/);
    const at33 = await refused(() => flagRaw(nested(32)));
    expect(at33.body.detail).toMatch(/nested more than 32 levels/);
  });

  it('when a text holds a lone UTF-16 surrogate, then 422 points at it; a paired one is accepted', async () => {
    for (const lone of [LONE_HIGH, LONE_LOW, `a${LONE_LOW}${LONE_HIGH}b`]) {
      const res = await refused(() => flagRaw(`{"reason":${JSON.stringify(lone)}}`));
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([
        { path: 'body.payload.reason', message: expect.stringMatching(/unpaired UTF-16 surrogate/) },
      ]);
    }
    const paired = await flag({ reason: 'khó khăn 🙂' });
    expect(paired.status).toBe(201);
  });

  it('when a key is __proto__, then 422 names it and nothing is stored', async () => {
    const res = await refused(() => flagRaw('{"reason":"x","__proto__":{"y":1}}'));
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ path: 'body.payload.__proto__', message: expect.any(String) }]);
  });

  it('when a reason has 2,000 characters, then it is accepted; with 2,001, 422', async () => {
    // On a unit not yet flagged, so the refusal can only come from the length.
    const res = await refused(() => flag({ reason: 'r'.repeat(2_001) }, 'C2'));
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([
      { path: 'payload.reason', message: expect.stringMatching(/at most 2000 characters/) },
    ]);
    expect((await flag({ reason: 'r'.repeat(2_000) }, 'C2')).status).toBe(201);
  });

  it('when a 900 KB reason is sent, then 422, not stored', async () => {
    const res = await refused(() => flag({ reason: 'r'.repeat(900_000) }, 'B1'));
    expect(res.status).toBe(422);
  });

  it('when a payload is 64 KB of JSON, then its size is accepted; one byte more, 422 names the size', async () => {
    const sized = (bytes: number) => {
      const empty = JSON.stringify({ reason: 'x', pad: '' }).length;
      return { reason: 'x', pad: 'p'.repeat(bytes - empty) };
    };
    expect(JSON.stringify(sized(65_536)).length).toBe(65_536);
    const at = await refused(() => flag(sized(65_536)));
    expect(JSON.stringify(at.body.errors)).not.toMatch(/64 KB/);
    const over = await refused(() => flag(sized(65_537)));
    expect(over.status).toBe(422);
    expect(over.body.errors).toEqual([{ path: 'body.payload', message: expect.stringMatching(/64 KB/) }]);
  });
});

describe('hostile import bodies', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t.close());

  const importJson = (raw: string) =>
    t
      .http()
      .post('/api/v1/import')
      .set('Authorization', `Bearer ${t.token.admin}`)
      .set('Content-Type', 'application/json')
      .send(raw);
  /** The harness's tree plus one new cell whose `name` member is the given JSON text. */
  const treeWith = (nameJson: string) => {
    const cell = { ...TREE[3]!, id: 'N1', name: '@name@' };
    return JSON.stringify([...TREE, cell]).replace('"@name@"', nameJson);
  };
  const newRow = `body.${TREE.length}`;

  it('when the imported JSON nests 10,000 levels deep, then 422, not 500, and nothing changes', async () => {
    const before = await digestPrefix(t.redis, t.prefix);
    const res = await importJson(`[${nested(10_000)}]`);
    expect(res.status).toBe(422);
    expect(res.body.detail).toMatch(/nested more than 32 levels/);
    expect(await digestPrefix(t.redis, t.prefix)).toBe(before);
  });

  it('when an imported name holds a lone surrogate or a row has a __proto__ key, then 422 and nothing changes', async () => {
    const before = await digestPrefix(t.redis, t.prefix);
    const lone = await importJson(treeWith(JSON.stringify(`Chi bộ ${LONE_HIGH}`)));
    expect(lone.status).toBe(422);
    expect(lone.body.errors).toEqual([
      { path: `${newRow}.name`, message: expect.stringMatching(/unpaired UTF-16 surrogate/) },
    ]);
    const proto = await importJson(treeWith('"Chi bộ", "__proto__": {"isAdmin": true}'));
    expect(proto.status).toBe(422);
    expect(proto.body.errors).toEqual([{ path: `${newRow}.__proto__`, message: expect.any(String) }]);
    expect(await digestPrefix(t.redis, t.prefix)).toBe(before);
  });
});
