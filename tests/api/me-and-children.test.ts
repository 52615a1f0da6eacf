import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/shared/clock.js';
import { hashToken } from '../../src/auth/token-store.js';
import { LOCAL_ADMIN } from '../../src/auth/principal.schema.js';
import { digestPrefix, startTestApp, TREE, type RoleName, type TestApp } from './api-harness.js';

interface Flags {
  congressHeld: boolean;
  heldOnTime: boolean;
  resultsConfirmed: boolean;
  postponed: boolean;
  difficult: boolean;
  irregular: boolean;
}

interface Child {
  id: string;
  name: string;
  level: string;
  parentId: string | null;
  workingGroup: string | null;
  phase: string;
  version: number;
  flags: Flags;
  overdueDeadlines: number;
}

const NO_FLAGS: Flags = {
  congressHeld: false,
  heldOnTime: false,
  resultsConfirmed: false,
  postponed: false,
  difficult: false,
  irregular: false,
};

describe('who am I, children with their status, unit flags', () => {
  let t: TestApp;
  const clock = createManualClock('2020-01-02T00:00:00Z');
  beforeAll(async () => {
    t = await startTestApp({}, () => ({}), { clock });
    await t.engine.dispatch(
      'B2',
      { type: 'unit.flagged_difficult', payload: { reason: 'Complaints' }, at: '2020-01-02T06:00:00+07:00' },
      { id: 'wg2-member', role: 'working_group', workingGroup: 'wg2' },
    );
  });
  afterAll(async () => t.close());

  const get = (path: string, role?: RoleName) => {
    const call = t.http().get(path);
    return role === undefined ? call : call.set('Authorization', `Bearer ${t.token[role]}`);
  };
  const childrenOf = async (id: string, role: RoleName) =>
    (await get(`/api/v1/units/${id}/children`, role)).body as { children: Child[] };

  it('when a secretary asks who they are, then the answer is their principal and their own unit, never the token or its hash', async () => {
    const res = await get('/api/v1/me', 'secretary');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      principal: { id: expect.stringMatching(/^tok_/) as string, role: 'secretary', unitId: 'C1' },
      startUnitId: 'C1',
    });
    expect(res.text).not.toContain(t.token.secretary);
    expect(res.text).not.toContain(hashToken(t.token.secretary));
  });

  it.each(['standing_committee', 'inspection', 'auditor'] as const)(
    'when a %s asks who they are, then they start at the root of their subtree',
    async (role) => {
      const res = await get('/api/v1/me', role);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ principal: { role, subtreeOf: 'D1' }, startUnitId: 'D1' });
      expect(res.body.principal).not.toHaveProperty('unitId');
    },
  );

  it('when a working group asks who they are, then there is no single start unit but the list of its assigned units', async () => {
    const res = await get('/api/v1/me', 'working_group');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      principal: { role: 'working_group', workingGroup: 'wg1' },
      startUnitId: null,
    });
    expect(res.body.assignedUnitIds).toEqual(['B1', 'C1', 'C2']);
  });

  it('when an admin asks who they are, then every root of the tree is listed and the first is the start unit', async () => {
    const res = await get('/api/v1/me', 'admin');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ principal: { role: 'admin' }, startUnitId: 'D1', roots: ['D1', 'D2'] });
  });

  it('when no or an unknown token asks who it is, then 401 problem+json', async () => {
    const none = await get('/api/v1/me');
    expect(none.status).toBe(401);
    expect(none.headers['content-type']).toContain('application/problem+json');
    const unknown = await t
      .http()
      .get('/api/v1/me')
      .set('Authorization', `Bearer ${'x'.repeat(43)}`);
    expect(unknown.status).toBe(401);
  });

  it('when a district lists its children, then each has the old organisation fields plus phase, version and flags', async () => {
    const { children } = await childrenOf('D1', 'standing_committee');
    expect(children.map((c) => c.id)).toEqual(['B1', 'B2']);
    const [b1, b2] = children as [Child, Child];
    expect(b1).toMatchObject({
      id: 'B1',
      name: 'Unit B1',
      level: 'base',
      parentId: 'D1',
      workingGroup: 'wg1',
    });
    expect(b1).toMatchObject({ phase: 'plan', version: 0, flags: NO_FLAGS });
    expect(b2).toMatchObject({ phase: 'plan', version: 1, flags: { ...NO_FLAGS, difficult: true } });
  });

  it('when the engine clock passes a child’s earliest due time, then exactly the deadlines due before it count as overdue', async () => {
    const view = (await get('/api/v1/units/B1', 'standing_committee')).body as {
      deadlines: { dueAt: string }[];
    };
    const dues = view.deadlines.map((d) => Date.parse(d.dueAt)).sort((a, b) => a - b);
    expect(dues.length).toBeGreaterThan(0);
    clock.set(new Date(dues[0]! - 1));
    expect((await childrenOf('D1', 'auditor')).children[0]!.overdueDeadlines).toBe(0);
    clock.set(new Date(dues[0]! + 1));
    const expected = dues.filter((due) => due < dues[0]! + 1).length;
    expect((await childrenOf('D1', 'auditor')).children[0]!.overdueDeadlines).toBe(expected);
    clock.set(new Date(dues.at(-1)! + 1));
    expect((await childrenOf('D1', 'auditor')).children[0]!.overdueDeadlines).toBe(dues.length);
  });

  it('when a unit is read, then its view carries explicit flags that follow the log', async () => {
    const b2 = await get('/api/v1/units/B2', 'inspection');
    expect(b2.status).toBe(200);
    expect(b2.body.flags).toEqual({ ...NO_FLAGS, difficult: true });
    const b1 = await get('/api/v1/units/B1', 'inspection');
    expect(b1.body.flags).toEqual(NO_FLAGS);
  });

  it('when a working group lists the children of its assigned unit, then it sees them with their status', async () => {
    const { children } = await childrenOf('B1', 'working_group');
    expect(children.map((c) => [c.id, c.phase, c.level])).toEqual([
      ['C1', 'plan', 'cell'],
      ['C2', 'plan', 'cell'],
    ]);
  });

  it('when a cell lists its children, then the list is empty', async () => {
    expect((await childrenOf('C1', 'secretary')).children).toEqual([]);
  });

  it('when a secretary lists a sibling unit’s or the parent’s children, then 403 and nothing changes', async () => {
    const before = await digestPrefix(t.redis, t.prefix);
    for (const id of ['C2', 'B1']) {
      const res = await get(`/api/v1/units/${id}/children`, 'secretary');
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('forbidden');
    }
    expect(await digestPrefix(t.redis, t.prefix)).toBe(before);
  });

  it('when a subtree role lists children outside its subtree, then 403', async () => {
    const res = await get('/api/v1/units/D2/children', 'auditor');
    expect(res.status).toBe(403);
    expect(res.body.detail).toContain('D2');
  });

  it('when the unit is unknown, then 404; when its id is malformed, then 400; without a token, then 401', async () => {
    const missing = await get('/api/v1/units/NOPE/children', 'admin');
    expect(missing.status).toBe(404);
    expect(missing.body.detail).toContain('NOPE');
    const malformed = await get(`/api/v1/units/${encodeURIComponent('bad id{}')}/children`, 'admin');
    expect(malformed.status).toBe(400);
    expect((await get('/api/v1/units/D1/children')).status).toBe(401);
  });

  it('when the OpenAPI document is read, then /me, the enriched children and the unit flags are described', async () => {
    const doc = (await get('/api/v1/openapi.json')).body as {
      paths: Record<
        string,
        { get?: { responses: Record<string, { content?: Record<string, { schema: unknown }> }> } }
      >;
      components: { schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }> };
    };
    const schemas = doc.components.schemas;
    expect(Object.keys(schemas)).toEqual(
      expect.arrayContaining(['Me', 'ChildStatus', 'UnitFlags', 'Children']),
    );
    expect(Object.keys(schemas.UnitFlags!.properties!).sort()).toEqual(Object.keys(NO_FLAGS).sort());
    expect(schemas.ChildStatus!.required).toEqual(
      expect.arrayContaining(['id', 'name', 'phase', 'version', 'flags', 'overdueDeadlines']),
    );
    expect(schemas.UnitView!.required).toContain('flags');
    expect(doc.paths['/api/v1/me']!.get!.responses['200']!.content!['application/json']!.schema).toEqual({
      $ref: '#/components/schemas/Me',
    });
    expect(
      doc.paths['/api/v1/units/{id}/children']!.get!.responses['200']!.content!['application/json']!.schema,
    ).toEqual({ $ref: '#/components/schemas/Children' });
  });

  it('when a unit assigned to a working group is dissolved, then /me no longer lists it', async () => {
    const tree = TREE.map((u) => (u.id === 'C2' ? { ...u, status: 'dissolved' as const } : u));
    await t.engine.importTree({ format: 'json', content: JSON.stringify(tree) }, LOCAL_ADMIN);

    const res = await get('/api/v1/me', 'working_group');
    expect(res.body.assignedUnitIds).toEqual(['B1', 'C1']);
    expect((await get('/api/v1/me', 'admin')).body.roots).toEqual(['D1', 'D2']);
  });
});
